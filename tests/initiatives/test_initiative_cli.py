"""``wijk initiatives``: vouchers for the winners of a closed resident budget, the CSV export,
and the demo loader."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from wijkaanpak.budgets.models import Idea, Process, Result, ResultLine
from wijkaanpak.initiatives.demo import delete_demo_initiatives, load_demo_initiatives
from wijkaanpak.initiatives.models import Initiative, Need, Pledge, Voucher

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(district):
    return Process.objects.create(
        area=district, title="Buurtbudget 2025", budget=Decimal("10000"), phase="results"
    )


def idea(process, title, *, funded, cost="1000", neighbourhood=None):
    return Idea.objects.create(
        process=process,
        title=title,
        description=f"{title}, door bewoners.",
        estimated_cost=Decimal(cost),
        author_name="Sanne",
        author_email="sanne@example.org",
        status="accepted",
        is_funded=funded,
        neighbourhood=neighbourhood,
    )


def run(*args) -> str:
    out = io.StringIO()
    call_command("initiatives", *args, stdout=out)
    return out.getvalue()


def test_issue_vouchers_for_the_winners_only_once(process, district, goal):
    neighbourhood = factories.AreaFactory(neighbourhood=True, parent=district)
    bench = idea(process, "Bankjes", funded=True, cost="2500", neighbourhood=neighbourhood)
    bench.goals.set([goal])
    garden = idea(process, "Moestuin", funded=True, cost="4000")
    idea(process, "Kermis", funded=False)
    result = Result.objects.create(
        process=process,
        rule="greedy",
        tie_break="lot",
        ballots=10,
        online_ballots=10,
        paper_ballots=0,
        spent=Decimal("6300"),
    )
    ResultLine.objects.create(
        result=result,
        idea=garden,
        position=1,
        votes=8,
        score=8,
        cost=Decimal("3800"),
        is_winner=True,
        explanation="-",
    )

    output = run("issue-vouchers", str(process.pk), "--date", "2025-07-01")
    assert "2 voucher(s) issued, 0 winner(s) already had one" in output
    by_title = {i.title: i for i in Initiative.objects.all()}
    assert set(by_title) == {"Bankjes", "Moestuin"}
    assert by_title["Bankjes"].area == neighbourhood
    assert list(by_title["Bankjes"].goals.all()) == [goal]  # the idea's goals carry over
    assert by_title["Bankjes"].contact_email == "sanne@example.org"
    amounts = {v.initiative.title: v.amount for v in Voucher.objects.select_related("initiative")}
    assert amounts == {"Bankjes": Decimal("2500.00"), "Moestuin": Decimal("3800.00")}
    assert {v.issued_on for v in Voucher.objects.all()} == {dt.date(2025, 7, 1)}

    again = run("issue-vouchers", str(process.pk))
    assert "0 voucher(s) issued, 2 winner(s) already had one" in again
    assert Voucher.objects.count() == 2


def test_issue_vouchers_refuses_an_open_process(process):
    process.phase = "voting"
    process.save()
    idea(process, "Bankjes", funded=True)
    with pytest.raises(CommandError, match="not published"):
        run("issue-vouchers", str(process.pk))
    with pytest.raises(CommandError, match="No resident budget"):
        run("issue-vouchers", "999999")
    assert not Initiative.objects.exists()


def test_export_csv_has_public_figures_only(district, goal, tmp_path):
    initiative = factories.InitiativeFactory(
        area=district, running=True, goals=[goal], contact_email="geheim@example.org"
    )
    factories.VoucherFactory(initiative=initiative, amount=Decimal("800"))
    factories.SpendingEntryFactory(initiative=initiative, amount=Decimal("200"))
    factories.PledgeFactory(need=factories.NeedFactory(initiative=initiative), name="Anja")
    out = tmp_path / "initiatieven.csv"
    assert "1 initiative(s)" in run("export", str(out), "--district", district.code)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1
    row = rows[0]
    assert (row["granted_eur"], row["spent_eur"], row["remaining_eur"]) == (
        "800.00",
        "200.00",
        "600.00",
    )
    assert row["district_code"] == district.code and row["goal_ids"] == str(goal.pk)
    text = out.read_text()
    assert "geheim@example.org" not in text and "Anja" not in text


def test_flagged_lists_flagged_initiatives(district):
    initiative = factories.InitiativeFactory(area=district, running=True, title="Zonder doel")
    factories.VoucherFactory(initiative=initiative)
    output = run("flagged")
    assert "Zonder doel\tno_goal" in output and "1 flagged" in output


def test_demo_initiatives_load_once_and_reset(district, admin_user):
    created = load_demo_initiatives(district, by=admin_user)
    assert len(created) == 2
    assert all(i.is_demo for i in created)
    assert load_demo_initiatives(district, by=admin_user) == []
    assert Initiative.objects.count() == 2
    assert Need.objects.count() == 6 and Pledge.objects.count() == 11
    assert Need.objects.filter(is_done=True).count() == 1
    assert delete_demo_initiatives() > 0
    assert not Initiative.objects.exists() and not Pledge.objects.exists()
