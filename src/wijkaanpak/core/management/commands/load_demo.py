"""``wijk load_demo [--cbs-file PATH] [--reset]``: the Utrecht demo.

1. Imports the real areas of Utrecht from the CBS file (``areas_import``).
2. Creates partners, people, demo accounts and indicators, then the action plans, goals,
   commitments, projects, budget lines and outputs from ``wijkaanpak.core.demo`` through the
   services, so history is recorded and every rule is checked.

Idempotent: when a demo plan exists the command adds nothing (``--reset`` deletes the demo
content and loads it again). The services open durable transactions, so the load cannot run
inside one outer transaction; instead it checks first, and when anything fails it removes
every demo row again (the area import is kept: it is real data and all-or-nothing itself).
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

import wijkaanpak
from wijkaanpak.core import demo

CBS_FILE_ENV = "WIJKAANPAK_CBS_FILE"


#: The demo's own CBS files: package data (``SOURCES.md`` there: origin, CC BY 4.0, Bron: CBS).
CBS_DATA_DIR = Path(wijkaanpak.__file__).resolve().parent / "core" / "demo_data" / "cbs"


def default_cbs_file() -> Path:
    """The demo's 2023 Utrecht file; the 2024 file beside it is read by ``import_figures``."""
    return CBS_DATA_DIR / demo.CBS_FILE_NAME


def resolve_cbs_file(option: str | Path | None) -> Path:
    if option:
        path, how = Path(option), "--cbs-file"
    elif os.environ.get(CBS_FILE_ENV):
        path, how = Path(os.environ[CBS_FILE_ENV]), f"${CBS_FILE_ENV}"
    else:
        path, how = default_cbs_file(), "the default location"
    path = path.expanduser()
    if not path.is_file():
        raise CommandError(
            f"CBS file not found: looked for {path} ({how}). Pass the file with "
            f"'wijk load_demo --cbs-file PATH/{demo.CBS_FILE_NAME}' or set "
            f"{CBS_FILE_ENV}=PATH. It is the CBS 'Kerncijfers wijken en buurten 2023' sheet of "
            f"gemeente Utrecht; the package carries it in wijkaanpak/core/demo_data/cbs/."
        )
    return path


# --- what counts as demo content -----------------------------------------------------------


def demo_users():
    return get_user_model().objects.filter(email__iendswith="@" + demo.EMAIL_DOMAIN)


def demo_loaded() -> bool:
    from wijkaanpak.plans.models import ActionPlan

    return ActionPlan.objects.filter(is_demo=True).exists()


def demo_leftovers() -> bool:
    from wijkaanpak.partners.models import Organisation, Person
    from wijkaanpak.projects.models import Project

    return (
        Project.objects.filter(is_demo=True).exists()
        or Organisation.objects.filter(is_demo=True).exists()
        or Person.objects.filter(is_demo=True).exists()
        or demo_users().exists()
    )


def delete_demo() -> dict[str, int]:
    """Delete every demo row (areas and indicators stay: they are real or catalogue data)."""
    from wijkaanpak.partners.models import Organisation, Person
    from wijkaanpak.plans.models import ActionPlan
    from wijkaanpak.projects.models import Project

    steps = [
        ("projects", Project.objects.filter(is_demo=True)),  # budget lines and outputs cascade
        ("plans", ActionPlan.objects.filter(is_demo=True)),  # goals, commitments, history cascade
        ("accounts", demo_users()),  # profiles cascade
        ("people", Person.objects.filter(is_demo=True)),
        ("organisations", Organisation.objects.filter(is_demo=True)),
    ]
    from wijkaanpak.budgets.demo import delete_demo_budgets
    from wijkaanpak.initiatives.demo import delete_demo_initiatives
    from wijkaanpak.mkba.demo import delete_demo_mkba

    # First the parts of other apps that point at demo projects, ideas and areas; their own
    # services delete them (each in its own transaction).
    counts: dict[str, int] = {
        "initiatives": delete_demo_initiatives(),
        "social cost-benefit analyses": delete_demo_mkba(),
        "resident budgets": delete_demo_budgets(),
    }
    try:
        with transaction.atomic():
            for label, queryset in steps:
                counts[label] = queryset.count()
                queryset.delete()
    except ProtectedError as exc:
        used_by = sorted({f"{type(o).__name__} {o}" for o in exc.protected_objects})[:5]
        raise CommandError(
            "Cannot delete the demo content: records that are not demo data use it "
            f"({'; '.join(used_by)}). Remove or change those first."
        ) from None
    return counts


# --- loading -------------------------------------------------------------------------------


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def cite(source: demo.Source | None) -> str:
    if source is None:
        return ""
    title = demo.SEEDS[source.seed][1]
    return f"\n\nBron: {title} (tekst {source.seed}): ‘{source.quote}’"


class DemoLoader:
    """Creates the demo from ``wijkaanpak.core.demo``; every write goes through a service."""

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.districts: dict[str, Any] = {}
        self.areas: dict[str, Any] = {}
        self.indicators: dict[str, Any] = {}
        self.orgs: dict[str, Any] = {}
        self.people: dict[str, Any] = {}
        self.users: dict[str, Any] = {}
        self.goals: dict[str, Any] = {}
        self.plans: dict[str, Any] = {}
        self.projects: dict[str, Any] = {}
        self.skipped_users: list[str] = []

    def run(self) -> None:
        self.find_areas()
        self.create_indicators()
        self.configure_index()
        self.import_measurements()
        self.create_partners()
        self.create_users()
        self.create_plans()
        self.create_projects()
        self.create_other_parts()

    # areas --------------------------------------------------------------------------------

    def find_areas(self) -> None:
        from wijkaanpak.areas.models import Area, AreaKind

        try:
            self.municipality = Area.objects.get(
                code=demo.MUNICIPALITY_CODE, kind=AreaKind.MUNICIPALITY
            )
        except Area.DoesNotExist:
            raise CommandError(
                f"Municipality {demo.MUNICIPALITY_CODE} is missing after the area import."
            ) from None
        for key, (code, word) in demo.DISTRICTS.items():
            area = Area.objects.filter(code=code, kind=AreaKind.DISTRICT).first()
            if area is None or word.lower() not in area.name.lower():
                found = f"'{area.name}'" if area else "nothing"
                raise CommandError(
                    f"Expected district {code} with '{word}' in its name, found {found}."
                )
            self.districts[key] = area
        codes = {g["area"] for p in demo.PLANS for g in p["goals"] if g.get("area")}
        self.areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
        missing = codes - set(self.areas)
        if missing:
            raise CommandError(
                f"Neighbourhoods missing after the area import: {', '.join(sorted(missing))}."
            )

    # catalogue, partners, people, accounts ------------------------------------------------

    def create_indicators(self) -> None:
        from wijkaanpak.monitor.models import Indicator

        for data in demo.INDICATORS:
            fields = {k: v for k, v in data.items() if k != "code"}
            # An indicator somebody already defined is kept as it is: the catalogue is shared.
            indicator, _created = Indicator.objects.get_or_create(
                code=data["code"], defaults=fields
            )
            self.indicators[data["code"]] = indicator

    def configure_index(self) -> None:
        """The demo's index (``demo.INDEX_MEMBERS``), unless somebody already set one: the
        settings are the municipality's, not demo content, so they are never replaced."""
        from wijkaanpak.monitor.models import IndexSettings
        from wijkaanpak.monitor.services import index_settings_save

        if IndexSettings.objects.exists():
            return
        index_settings_save(by=None, members=demo.INDEX_MEMBERS, base_year=demo.INDEX_BASE_YEAR)

    def import_measurements(self) -> None:
        """The figures the seeds report (``demo.MEASUREMENTS``), through the monitor's import
        like any long-format file; importing them again changes nothing."""
        from wijkaanpak.monitor.services import observations_import

        lines = ["gebiedscode;indicator;jaar;waarde;bron"]
        for m in demo.MEASUREMENTS:
            source = f"{demo.SEEDS[m['source'].seed][1]} (tekst {m['source'].seed})"
            lines.append(f"{m['area']};{m['indicator']};{m['year']};{m['value']};{source}")
        content = ("\n".join(lines) + "\n").encode()
        observations_import(content=content, filename="demo-metingen-uit-de-bronnen.csv", by=None)

    def create_partners(self) -> None:
        from wijkaanpak.partners.models import Organisation, Person

        for data in demo.ORGANISATIONS:
            description = data.get("description", "") + cite(data.get("source"))
            org = Organisation.objects.filter(name=data["name"]).first()
            if org is None:
                org = Organisation(
                    name=data["name"],
                    kind=data["kind"],
                    municipality=self.municipality,
                    website=data.get("website", ""),
                    description=description,
                    is_demo=True,
                )
                org.full_clean()
                org.save()
            self.orgs[data["key"]] = org
            for p in data.get("people", []):
                slug = p["key"]
                person = Person(
                    organisation=org,
                    name=p["name"],
                    job_title=p.get("job_title", ""),
                    email=f"{slug}@{demo.EMAIL_DOMAIN}",
                    is_demo=True,
                )
                person.full_clean()
                person.save()
                self.people[slug] = person

    def create_users(self) -> None:
        from wijkaanpak.accounts.models import Profile

        User = get_user_model()
        for data in demo.USERS:
            username = data["username"]
            if User.objects.filter(username=username).exists():
                # Somebody else's account with this name: never touch it.
                self.skipped_users.append(username)
                continue
            person = self.people.get(data.get("person", ""))
            first, _sep, last = person.name.partition(" ") if person else ("", "", "")
            user = User.objects.create_user(
                username=username,
                email=f"{username}@{demo.EMAIL_DOMAIN}",
                password=demo.PASSWORD,
                first_name=data.get("first_name", first),
                last_name=data.get("last_name", last),
            )
            if data.get("is_superuser"):
                user.is_superuser = user.is_staff = True
                user.save(update_fields=["is_superuser", "is_staff"])
            if data.get("role"):
                profile = Profile.objects.create(
                    user=user,
                    role=data["role"],
                    organisation=self.orgs.get(data.get("organisation", "")),
                )
                profile.districts.set([self.districts[k] for k in data.get("districts", [])])
            if person is not None:
                person.user = user
                person.save(update_fields=["user"])
            self.users[username] = user

    def author(self, district_key: str):
        """Who the history shows: the district manager for their districts, else the admin."""
        manager = next((u for u in demo.USERS if district_key in u.get("districts", ())), None)
        if manager and manager["username"] in self.users:
            return self.users[manager["username"]]
        return self.users.get("beheer")

    def create_other_parts(self) -> None:
        """The parts owned by other apps, each through that app's own demo function."""
        from wijkaanpak.initiatives.demo import load_demo_initiatives
        from wijkaanpak.mkba.demo import load_demo_mkba

        self.analysis = load_demo_mkba(
            self.projects.get("sociaal_wijkteam_overvecht"), by=self.users.get("beheer")
        )
        self.initiatives = load_demo_initiatives(
            self.districts["overvecht"], by=self.author("overvecht")
        )
        from wijkaanpak.budgets.demo import load_demo_budgets

        self.budgets = load_demo_budgets(
            self.districts["overvecht"], self.districts["zuidwest"], by=self.users.get("beheer")
        )

    # plans --------------------------------------------------------------------------------

    def create_plans(self) -> None:
        from wijkaanpak.plans import services

        for data in demo.PLANS:
            by = self.author(data["district"])
            plan = services.plan_create(
                by=by,
                district=self.districts[data["district"]],
                title=data["title"],
                vision=data["vision"] + cite(data.get("source")),
                priorities=data["priorities"],
                start_year=data["start_year"],
                end_year=data["end_year"],
                status=data["status"],
                is_demo=True,
            )
            self.plans[data["key"]] = plan
            for g in data["goals"]:
                self.goals[g["key"]] = services.goal_create(
                    plan=plan,
                    by=by,
                    title=g["title"],
                    description=g.get("description", "") + cite(g.get("source")),
                    indicator=self.indicators[g["indicator"]],
                    area=self.areas[g["area"]] if g.get("area") else None,
                    baseline_value=_dec(g["baseline_value"]),
                    baseline_year=g["baseline_year"],
                    target_value=_dec(g["target_value"]),
                    target_year=g["target_year"],
                    owner=self.orgs[g["owner"]],
                )
            for c in data["commitments"]:
                services.commitment_create(
                    plan=plan,
                    by=by,
                    partner=self.orgs[c["partner"]],
                    goal=self.goals[c["goal"]] if c.get("goal") else None,
                    contribution=c["contribution"],
                    amount=_dec(c.get("amount")),
                    hours_per_year=c.get("hours_per_year"),
                    signed_on=_date(c.get("signed_on")),
                    signed_by=self.people[c["signed_by"]] if c.get("signed_by") else None,
                )

    # projects -----------------------------------------------------------------------------

    def create_projects(self) -> None:
        from wijkaanpak.funding.services import budget_line_create
        from wijkaanpak.projects import services

        for data in demo.PROJECTS:
            by = self.author(data["district"])
            project = services.project_create(
                by=by,
                goals=[self.goals[k] for k in data["goals"]],
                partners=[self.orgs[k] for k in data["partners"]],
                district=self.districts[data["district"]],
                title=data["title"],
                description=data["description"] + cite(data.get("source")),
                lead=self.people[data["lead"]],
                domain=data["domain"],
                start_date=_date(data["start_date"]),
                end_date=_date(data["end_date"]),
                status=data["status"],
                continuation=data.get("continuation", ""),
                continuation_note=data.get("continuation_note", ""),
                is_demo=True,
            )
            self.projects[data["key"]] = project
            for funder, year, amount, note, *domain in data["budget"]:
                extra = {"domain": domain[0]} if domain else {}
                budget_line_create(
                    project=project,
                    by=by,
                    funder=self.orgs[funder],
                    year=year,
                    amount=_dec(amount),
                    note=note,
                    **extra,
                )
            for o in data["outputs"]:
                measure = services.output_measure_create(
                    project=project, by=by, name=o["name"], unit=o["unit"]
                )
                for period, planned, realised in o["periods"]:
                    services.output_period_save(
                        measure=measure,
                        by=by,
                        period=period,
                        planned=_dec(planned),
                        realised=_dec(realised),
                    )


def _problem_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return f"{type(exc).__name__}: {exc}"


class Command(BaseCommand):
    help = (
        "Load the Utrecht demo: the real CBS areas of Utrecht, partners, demo accounts, action "
        "plans and projects. Adds nothing when the demo is already there; --reset reloads it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cbs-file",
            default=None,
            help=(
                f"the CBS kwb file of Utrecht (default: ${CBS_FILE_ENV}, else "
                "the demo's own copy in wijkaanpak/core/demo_data/cbs/)"
            ),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the demo content (not the areas) and load it again",
        )

    def handle(self, *args, cbs_file=None, reset=False, **options):
        if demo_loaded() and not reset:
            self.stdout.write(
                "The demo is already loaded: nothing added. "
                "Use 'wijk load_demo --reset' to delete the demo content and load it again."
            )
            self.print_accounts()
            return
        path = resolve_cbs_file(cbs_file)
        self.import_areas(path)  # first: when the file is bad, the old demo is still there
        if reset or demo_leftovers():
            counts = delete_demo()
            self.stdout.write(
                "Deleted demo content: "
                + ", ".join(f"{n} {label}" for label, n in counts.items())
                + "."
            )
        loader = DemoLoader()
        try:
            loader.run()
        except Exception as exc:
            try:
                delete_demo()
                cleaned = "The demo rows created so far were removed again; the areas stay."
            except CommandError as cleanup:
                cleaned = f"Removing the partial demo failed as well: {cleanup}"
            raise CommandError(
                f"Loading the demo failed ({_problem_text(exc)}). {cleaned}"
            ) from exc
        self.print_summary(loader)
        self.print_accounts(skipped=loader.skipped_users)

    def import_areas(self, path: Path) -> None:
        from wijkaanpak.areas.services import AreaImportFailed, areas_import

        try:
            report = areas_import(content=path.read_bytes(), filename=path.name, year=None, by=None)
        except AreaImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path}: no areas imported ({len(exc.problems)} problem(s))."
            ) from None
        self.stdout.write(
            f"Areas from {path.name}: {report.created} new, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
        self.import_figures(path)

    def import_figures(self, path: Path) -> None:
        """The same CBS file (and the next year's, when it lies beside it) into the monitor."""
        from wijkaanpak.monitor.services import ObservationImportFailed, observations_import

        files = [path]
        later = path.with_name(path.name.replace("kwb-2023", "kwb-2024"))
        if later != path and later.exists():
            files.append(later)
        for file in files:
            try:
                report = observations_import(content=file.read_bytes(), filename=file.name, by=None)
            except ObservationImportFailed as exc:
                raise CommandError(f"{file}: no figures imported ({exc}).") from None
            self.stdout.write(
                f"Figures from {file.name}: {report.created} new, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )

    def print_summary(self, loader: DemoLoader) -> None:
        from wijkaanpak.projects.selectors import carousel_flags

        flagged = [p.title for p in loader.projects.values() if carousel_flags(p)]
        self.stdout.write(
            f"Demo loaded: {len(loader.orgs)} organisations, {len(loader.people)} people, "
            f"{len(loader.indicators)} indicators, {len(loader.plans)} action plans, "
            f"{len(loader.goals)} goals, {len(loader.projects)} projects "
            f"({len(flagged)} with carousel risk: {'; '.join(flagged)})."
        )

    def print_accounts(self, skipped: list[str] | None = None) -> None:
        self.stdout.write(f"\nDemo accounts (password: {demo.PASSWORD}):")
        for data in demo.USERS:
            note = (
                "  [NOT created: an account with this name already exists]"
                if data["username"] in (skipped or [])
                else ""
            )
            self.stdout.write(f"  {data['username']:<12} {data['what']}{note}")
