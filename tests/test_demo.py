"""``wijk load_demo``: the Utrecht demo on the real CBS file, idempotent, sourced from the seeds.

The services open durable transactions, so the loading tests use ``transaction=True``: the
command runs as it does for real, without an outer test transaction.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

import wijkaanpak
from tests import external
from wijkaanpak.accounts.models import Profile
from wijkaanpak.areas.models import Area, AreaImport, AreaKind
from wijkaanpak.budgets import demo as budgets_demo
from wijkaanpak.core import demo
from wijkaanpak.core.management.commands import load_demo
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.monitor.models import Indicator
from wijkaanpak.partners.models import Organisation, Person
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanChange
from wijkaanpak.projects.models import OutputMeasure, OutputPeriod, Project
from wijkaanpak.projects.selectors import carousel_flags, district_projects

MODELS = (
    Area,
    AreaImport,
    Indicator,
    Organisation,
    Person,
    get_user_model(),
    Profile,
    ActionPlan,
    Goal,
    Commitment,
    PlanChange,
    Project,
    BudgetLine,
    OutputMeasure,
    OutputPeriod,
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def cbs_file(data_dir):
    path = data_dir / "cbs" / demo.CBS_FILE_NAME
    assert path.is_file(), f"missing {path}"
    return path


@pytest.fixture(autouse=True)
def no_cbs_env(monkeypatch):
    monkeypatch.delenv(load_demo.CBS_FILE_ENV, raising=False)


@pytest.mark.django_db(transaction=True)
def test_load_demo_builds_utrecht_and_a_second_run_adds_nothing(cbs_file, client):
    out = run(cbs_file=str(cbs_file))

    # 1. The real areas of Utrecht.
    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY, code="GM0344").count() == 1
    districts = Area.objects.filter(kind=AreaKind.DISTRICT, parent__code="GM0344")
    assert districts.count() == 10
    assert Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD, parent__in=districts).count() == 111
    overvecht = Area.objects.get(code="WK034403")
    assert "Overvecht" in overvecht.name and overvecht.inhabitants and overvecht.homes

    # 2-5. Plans with testable goals and signed commitments; projects with money and outputs.
    plans = ActionPlan.objects.filter(is_demo=True)
    assert plans.count() >= 2
    assert {"WK034403", "WK034408"} <= set(plans.values_list("district__code", flat=True))
    for plan in plans:
        assert 2 <= plan.goals.count() <= 5
        assert plan.commitments.filter(signed_on__isnull=False).exists()
        assert plan.changes.filter(action="created", object_type="plan").exists()
    exercise = Goal.objects.get(
        plan__is_demo=True, baseline_year=2006, indicator__code="beweegnorm"
    )
    assert (exercise.baseline_value, exercise.target_value, exercise.target_year) == (54, 65, 2010)

    projects = Project.objects.filter(is_demo=True)
    assert projects.count() >= 10
    assert projects.count() == Project.objects.count()
    for project in projects:
        assert project.goals.exists() and project.budget_lines.exists()
        assert "(voorbeeld)" not in project.title
    flagged = [
        p for district in districts for p in district_projects(district) if carousel_flags(p)
    ]
    assert 1 <= len(flagged) < projects.count()
    assert "carousel risk" in out

    # Resident budgets: one counted and published by Equal Shares, one collecting ideas.
    from wijkaanpak.budgets.models import Ballot, Process

    counted = Process.objects.get(is_demo=True, phase="results")
    assert counted.area.code == "WK034403" and counted.rule == "mes-add1"
    assert Ballot.objects.filter(process=counted).count() == budgets_demo.VOTERS
    funded = counted.ideas.filter(is_funded=True)
    assert 1 <= funded.count() < counted.ideas.filter(status="accepted").count()
    assert sum(i.cost for i in funded) <= counted.budget
    assert counted.ideas.filter(status="rejected").exclude(rejection_reason="").exists()
    assert Process.objects.get(is_demo=True, phase="ideas").area.code == "WK034408"
    assert client.get(f"/bewonersbudget/{counted.pk}/uitslag/").status_code == 200

    # Accounts: every demo user can sign in, with the right role.
    for data in demo.USERS:
        assert client.login(username=data["username"], password=demo.PASSWORD), data["username"]
        client.logout()
    User = get_user_model()
    assert User.objects.get(username="beheer").is_superuser
    manager = User.objects.get(username="wijkmanager").profile
    assert set(manager.districts.values_list("code", flat=True)) == {"WK034403", "WK034408"}
    assert User.objects.get(username="corporatie").profile.organisation.kind == "housing"
    assert not Profile.objects.filter(user__username="bewoner").exists()
    assert "wijkaanpak-demo" in out and "wijkmanager" in out

    # 6. A second run adds nothing at all (not even an area import record).
    before = row_counts()
    again = run(cbs_file=str(cbs_file))
    assert row_counts() == before
    assert "nothing added" in again


@pytest.mark.django_db(transaction=True)
def test_reset_reloads_the_demo_and_keeps_everything_else(cbs_file):
    own = Organisation.objects.create(name="Eigen organisatie", kind="other")
    run(cbs_file=str(cbs_file))
    before = row_counts()
    old_plan_ids = set(ActionPlan.objects.values_list("id", flat=True))

    out = run("--reset", cbs_file=str(cbs_file))

    after = row_counts()
    assert after.pop("AreaImport") == before.pop("AreaImport") + 1  # the areas were re-read
    assert after == before  # the same demo again, nothing doubled
    assert not old_plan_ids & set(ActionPlan.objects.values_list("id", flat=True))
    assert Organisation.objects.filter(pk=own.pk, is_demo=False).exists()
    assert "Deleted demo content" in out


@pytest.mark.django_db(transaction=True)
def test_a_failing_load_removes_the_partial_demo(cbs_file, monkeypatch):
    broken = copy.deepcopy(demo.PROJECTS)
    broken[-1]["end_date"] = "2000-01-01"  # before its start date: the project service refuses
    monkeypatch.setattr(demo, "PROJECTS", broken)

    with pytest.raises(CommandError, match="end_date"):
        run(cbs_file=str(cbs_file))

    assert not ActionPlan.objects.exists() and not Project.objects.exists()
    assert not Organisation.objects.filter(is_demo=True).exists()
    assert not load_demo.demo_users().exists()
    assert Area.objects.count() == 122  # the area import is real data and stays


@pytest.mark.django_db
def test_missing_cbs_file_says_where_it_looked_and_how_to_pass_it(tmp_path, monkeypatch):
    missing = tmp_path / "nergens.xlsx"
    with pytest.raises(CommandError) as exc:
        run(cbs_file=str(missing))
    assert str(missing) in str(exc.value)
    assert "--cbs-file" in str(exc.value) and load_demo.CBS_FILE_ENV in str(exc.value)

    monkeypatch.setenv(load_demo.CBS_FILE_ENV, str(tmp_path / "ook-niet.xlsx"))
    with pytest.raises(CommandError, match="ook-niet.xlsx"):
        run()
    assert not Area.objects.exists()


def test_default_cbs_file_is_the_demos_package_data(cbs_file):
    # The demo carries its own copy (package data), identical to the tests' copy; nothing is
    # read from outside the installed package.
    default = load_demo.default_cbs_file().resolve()
    package = Path(wijkaanpak.__file__).resolve().parent
    assert default.is_relative_to(package)
    assert default.read_bytes() == cbs_file.read_bytes()
    assert (default.parent / "SOURCES.md").is_file()
    later = default.with_name(default.name.replace("kwb-2023", "kwb-2024"))
    assert later.read_bytes() == (cbs_file.parent / later.name).read_bytes()


# --- the data itself -------------------------------------------------------------------------


def _normalised(text: str) -> str:
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # "2006-\n2010" -> "2006-2010"
    return " ".join(text.split())


def _sources():
    """Every ``source`` in the demo data, with where it is used."""
    found = [(f"S[{k}]", s) for k, s in demo.S.items()]
    for kind, items in (("organisation", demo.ORGANISATIONS), ("project", demo.PROJECTS)):
        found += [(f"{kind} {i['key']}", i["source"]) for i in items if i.get("source")]
    for plan in demo.PLANS:
        found += [(f"plan {plan['key']}", plan["source"])] if plan.get("source") else []
        for item in plan["goals"] + plan["commitments"]:
            if item.get("source"):
                found.append(
                    (f"{plan['key']}: {item.get('key', item.get('partner'))}", item["source"])
                )
    return found


@pytest.mark.external_data
def test_every_seed_quote_is_literal_text_of_its_seed():
    # The seed texts are not ours to redistribute: run with WIJKAANPAK_SEEDS_DIR (README, "Data").
    seeds_dir = external.external_dir(external.SEEDS_DIR_ENV)
    texts = {
        seed: _normalised((seeds_dir / name).read_text(encoding="utf-8"))
        for seed, (name, _title) in demo.SEEDS.items()
    }
    sources = _sources()
    assert len(sources) > len(demo.S)
    for where, source in sources:
        assert isinstance(source, demo.Source), where
        assert _normalised(source.quote) in texts[source.seed], (
            f"{where}: quote not in seed {source.seed}"
        )


def test_the_seed_facts_the_brief_names_are_used():
    used = {s.quote for _where, s in _sources() if not _where.startswith("S[")}
    for key in ("overvecht_exercise", "overvecht_care_costs", "al_amal", "employers", "one_plan"):
        assert demo.S[key].quote in used, key
    carousel = [p for p in demo.PROJECTS if p.get("carousel_risk")]
    assert 2 <= len(carousel) <= 3
    assert all(not p["outputs"] or not p["continuation"] for p in carousel)


def test_cbs_baselines_match_the_cbs_file(data_dir):
    path = data_dir / "cbs" / "kwb-2023-gm0344-utrecht.csv"
    with path.open(encoding="utf-8") as f:
        rows = {row["gwb_code_10"]: row for row in csv.DictReader(f)}
    checked = 0
    for plan in demo.PLANS:
        for goal in plan["goals"]:
            if "cbs" not in goal:
                continue
            code, variable, per = goal["cbs"]
            value = float(rows[code][variable])
            if per:
                value = value / float(rows[code][per]) * 1000
            assert round(value, 1) == pytest.approx(goal["baseline_value"]), goal["key"]
            assert goal["baseline_year"] == 2023 and goal.get("area", code) in (code, None)
            checked += 1
    assert checked >= 3


def test_references_between_demo_data_resolve():
    orgs = {o["key"] for o in demo.ORGANISATIONS}
    people = {p["key"] for o in demo.ORGANISATIONS for p in o["people"]}
    codes = {i["code"] for i in demo.INDICATORS}
    goals = {g["key"] for p in demo.PLANS for g in p["goals"]}
    goal_district = {g["key"]: p["district"] for p in demo.PLANS for g in p["goals"]}
    assert len({o["name"] for o in demo.ORGANISATIONS}) == len(orgs)
    for plan in demo.PLANS:
        assert plan["district"] in demo.DISTRICTS
        for goal in plan["goals"]:
            assert goal["indicator"] in codes and goal["owner"] in orgs
        for c in plan["commitments"]:
            assert c["partner"] in orgs and (c["goal"] is None or c["goal"] in goals)
            assert c.get("signed_by") is None or c["signed_by"] in people
    for project in demo.PROJECTS:
        assert project["lead"] in people and set(project["partners"]) <= orgs
        assert {goal_district[g] for g in project["goals"]} == {project["district"]}
        assert {line[0] for line in project["budget"]} <= orgs
        assert "(voorbeeld)" not in project["title"]


def test_demo_index_uses_kwb_variables_with_a_value_for_every_district(data_dir):
    """Every indicator of the demo index is read from columns of the real 2023 file that
    have a value (not CBS's ".") for each of Utrecht's ten districts."""
    from wijkaanpak.monitor.catalogue import CATALOGUE

    path = data_dir / "cbs" / "kwb-2023-gm0344-utrecht.csv"
    with path.open(encoding="utf-8") as f:
        districts = [row for row in csv.DictReader(f) if row["recs"] == "Wijk"]
    assert len(districts) == 10
    for member in demo.INDEX_MEMBERS:
        entry = CATALOGUE[member["code"]]
        assert entry.direction in ("higher", "lower"), member["code"]
        for variable in entry.variables:
            assert all(row[variable] not in (".", "") for row in districts), variable


@pytest.mark.django_db(transaction=True)
def test_demo_index_has_enough_figures_in_every_theme_and_overvecht_is_below(cbs_file):
    from wijkaanpak.monitor import index, progress, selectors
    from wijkaanpak.monitor.models import IndexSettings

    run(cbs_file=str(cbs_file))
    settings = IndexSettings.objects.get()
    assert settings.members == demo.INDEX_MEMBERS and settings.base_year == 2023

    results = {}
    for district in Area.objects.filter(kind=AreaKind.DISTRICT, parent__code="GM0344"):
        result = selectors.area_index(district)
        assert result is not None and result.year == 2023, district.code
        current = result.current
        for domain in current.domains:
            if domain.indicators_total == 0:  # no safety figures in kwb 2023: none chosen
                assert domain.domain is index.Domain.SAFETY
                continue
            assert domain.sufficient and domain.score is not None, (district.code, domain)
            for theme in domain.themes:
                assert theme.coverage >= result.reference.config.min_coverage, theme
                assert {s.year for s in theme.indicators} == {2023}
        results[district.code] = current

    # Overvecht: social assistance 76.8 per 1,000 against 28.3 for the city. Its social
    # index is clearly below 100 ("onder gemiddeld") and the lowest of the ten districts;
    # it used to read "rond gemiddeld" on 2 of 10 figures.
    overvecht = results["WK034403"]
    assert overvecht.social.score < 90 and overvecht.social.band is index.Band.BELOW
    assert min(results, key=lambda c: results[c].social.score) == "WK034403"
    bijstand = next(
        s
        for t in overvecht.social.themes
        for s in t.indicators
        if s.indicator.code == "bijstand_per_1000"
    )
    assert round(bijstand.value, 1) == 76.8 and bijstand.score < 80

    # D15 on the demo: Overvecht's current plan has only baselines, so no "op koers: 100%"
    plan = ActionPlan.objects.get(is_demo=True, district__code="WK034403", status="adopted")
    result = selectors.plan_progress(plan, with_charts=False)
    assert result.summary.counts[progress.Light.GREEN] == 0
    assert result.summary.share_on_track is None
    assert result.summary.without_measurement == plan.goals.count()
    # ... while the archived Krachtwijkplan is judged on what seed 002 reports for 2010
    # (exercise 54 % -> 65 %, care costs -4 %): measured after the 2006 baselines, green
    old = ActionPlan.objects.get(is_demo=True, district__code="WK034403", status="archived")
    old_result = selectors.plan_progress(old, with_charts=True)
    assert [s.progress.light for s in old_result.goals] == [progress.Light.GREEN] * 2
    assert [s.series for s in old_result.goals] == [
        [(2006, 54.0), (2010, 65.0)],
        [(2006, 100.0), (2010, 96.0)],
    ]
    assert 'data-year="2010" data-value="65.0"' in old_result.goals[0].svg
    # the same 2010 figure is the current plan's baseline: no measurement there
    exercise = next(s for s in result.goals if s.goal.indicator.code == "beweegnorm")
    assert exercise.progress.light is progress.Light.GREY
