"""MKBA pages: the story order, forms with field errors, htmx, CSV, the link from projects."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from wijkaanpak.mkba import services
from wijkaanpak.mkba.demo import load_demo_mkba
from wijkaanpak.mkba.models import Analysis, CashFlow, FlowKind, Stakeholder

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(project, manager):
    return services.analysis_create(
        by=manager, project=project, title="Buurtcoach", base_year=2024, horizon=3
    )


def add(analysis, by, **data):
    values = {
        "stakeholder": "gemeente",
        "year": 2024,
        "kind": FlowKind.COST,
        "amount": Decimal(100),
    }
    values.update(data)
    return services.flow_create(analysis=analysis, by=by, **values)


FLOW_POST = {
    "stakeholder": "gemeente",
    "kind": "cost",
    "year": "2024",
    "until_year": "",
    "amount": "1000",
    "low": "",
    "high": "",
    "description": "",
}


def test_detail_reads_as_a_story_in_order(client, project):
    analysis = load_demo_mkba(project)
    html = client.get(analysis.get_absolute_url()).content.decode()
    order = [
        '<h2 id="mkba-short-h">In het kort</h2>',
        "Elke euro die we uitgeven levert € 2,15 op voor de samenleving.",
        '<h2 id="mkba-totals-h">De uitkomst</h2>',
        '<h2 id="mkba-who-h">Wie betaalt, wie heeft er voordeel van?</h2>',
        'role="img"',
        "Kosten en baten per partij (contante waarde)</caption>",
        '<h2 id="mkba-sure-h">Hoe zeker is dit?</h2>',
        "Laag saldo (P5)",
        '<h2 id="mkba-years-h">Per jaar</h2>',
        '<h2 id="mkba-flows-h">Alle bedragen</h2>',
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Inverdieneffect:" in html
    assert "gemeente betaalt meer dan zij terugkrijgt, maar jeugdzorg" in html
    assert '<title id="chart-title">' in html and '<desc id="chart-desc">' in html
    # Numbers in the SVG are not localised (a comma would break the drawing). The zero line:
    # 8 + 384 * 1,647,959 / (1,647,959 + 1,531,113) = 207.06 (largest payer and receiver).
    zero = re.search(r'<line x1="([0-9.]+)" y1="36" x2="([0-9.]+)"', html)
    assert zero.group(1) == zero.group(2)
    assert float(zero.group(1)) == pytest.approx(207.06, abs=0.01)
    # Nobody may edit here without signing in.
    assert "Bedrag toevoegen" not in html and "MKBA bewerken" not in html


def test_empty_analysis_invites_the_first_amount(client, analysis, manager):
    client.force_login(manager)
    html = client.get(analysis.get_absolute_url()).content.decode()
    assert "Er zijn nog geen kosten of baten ingevuld." in html
    assert "Voeg het eerste bedrag toe." in html
    assert "De uitkomst" not in html


def test_list_shows_headlines_and_filters_by_project(client, project, analysis):
    demo = load_demo_mkba(None)
    html = client.get(reverse("mkba:list")).content.decode()
    assert demo.title in html and analysis.title in html and "€ 2,15" in html
    html = client.get(reverse("mkba:list") + f"?project={project.pk}").content.decode()
    assert analysis.title in html and demo.title not in html


def test_create_with_percent_discount_rate(client, project, manager):
    client.force_login(manager)
    url = reverse("mkba:create") + f"?project={project.pk}"
    form = client.get(url).context["form"]
    assert form.initial["project"] == project and form.initial["discount_rate"] == Decimal("2.25")
    response = client.post(
        url,
        {
            "project": project.pk,
            "title": "Schuldhulp aan huis",
            "description": "",
            "base_year": "2025",
            "horizon": "5",
            "discount_rate": "2.25",
            "mc_runs": "10000",
            "mc_seed": "7",
            "mc_distribution": "uniform",
        },
    )
    analysis = Analysis.objects.get()
    assert response.status_code == 302 and response["Location"].endswith("#bedragen")
    assert analysis.discount_rate == Decimal("0.0225")
    assert (analysis.project, analysis.mc_seed, analysis.mc_distribution) == (project, 7, "uniform")


def test_create_with_a_wrong_rate_shows_the_error_at_the_field(client, project, manager):
    client.force_login(manager)
    response = client.post(
        reverse("mkba:create"),
        {
            "project": project.pk,
            "title": "x",
            "base_year": "2025",
            "horizon": "5",
            "discount_rate": "25",
            "mc_runs": "10000",
            "mc_seed": "1",
            "mc_distribution": "triangular",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "discount_rate": ["Kies een discontovoet van -1% tot en met 10%. De standaard is 2,25%."]
    }
    assert not Analysis.objects.exists()


def test_edit_form_shows_the_rate_in_percent(client, analysis, manager):
    client.force_login(manager)
    form = client.get(reverse("mkba:edit", args=[analysis.pk])).context["form"]
    assert form.initial["discount_rate"] == Decimal("2.25")


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"amount": "-5"},
            {
                "amount": [
                    "Een bedrag kan niet negatief zijn. Kies bij ‘soort’ of het kosten of baten zijn."
                ]
            },
        ),
        (
            {"amount": "5", "low": "9", "high": "3"},
            {"low": ["De laagste schatting mag niet hoger zijn dan de hoogste schatting."]},
        ),
        (
            {"year": "2030"},
            {"year": ["Kies een jaar van 2024 tot en met 2026 (de looptijd van de MKBA)."]},
        ),
        (
            {"until_year": "2027"},
            {"until_year": ["Kies een jaar tot en met 2026 (de looptijd van de MKBA)."]},
        ),
        ({"stakeholder": ""}, {"stakeholder": ["Dit veld is vereist."]}),
    ],
)
def test_bad_flow_with_htmx_is_422_with_the_error_at_the_field(
    client, analysis, manager, data, errors
):
    client.force_login(manager)
    response = client.post(
        reverse("mkba:flow_add", args=[analysis.pk]), {**FLOW_POST, **data}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert response.context["flow_form"].errors == errors
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="analysis-body">')
    for messages in errors.values():
        assert messages[0] in html
    assert not CashFlow.objects.exists() and not Stakeholder.objects.exists()


def test_bad_flow_without_htmx_renders_the_page_with_422(client, analysis, manager):
    client.force_login(manager)
    response = client.post(
        reverse("mkba:flow_add", args=[analysis.pk]), {**FLOW_POST, "amount": "-1"}
    )
    assert response.status_code == 422
    assert "<h1>Buurtcoach" in response.content.decode()
    assert not CashFlow.objects.exists()


def test_flow_series_with_htmx_updates_the_whole_result(client, analysis, manager):
    client.force_login(manager)
    response = client.post(
        reverse("mkba:flow_add", args=[analysis.pk]),
        {**FLOW_POST, "until_year": "2026"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 bedragen toegevoegd. De uitkomsten zijn bijgewerkt." in html
    assert "De uitkomst" in html and "<html" not in html
    assert CashFlow.objects.count() == 3


def test_flow_add_without_htmx_redirects(client, analysis, manager):
    client.force_login(manager)
    response = client.post(reverse("mkba:flow_add", args=[analysis.pk]), FLOW_POST)
    assert response.status_code == 302
    assert CashFlow.objects.get().amount == Decimal("1000")


def test_flow_edit_and_delete(client, analysis, manager):
    f = add(analysis, manager)
    client.force_login(manager)
    url = reverse("mkba:flow_edit", args=[f.pk])
    form = client.get(url).context["form"]
    assert form.initial["stakeholder"] == "gemeente" and "until_year" not in form.fields
    bad = client.post(url, {**FLOW_POST, "year": "2099"})
    assert bad.status_code == 200 and "year" in bad.context["form"].errors
    ok = client.post(
        url, {**FLOW_POST, "kind": "benefit", "amount": "250", "stakeholder": "bewoners"}
    )
    assert ok.status_code == 302
    f.refresh_from_db()
    assert (f.kind, f.amount, f.stakeholder.name) == ("benefit", Decimal("250"), "bewoners")
    response = client.post(reverse("mkba:flow_delete", args=[f.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Het bedrag is verwijderd." in response.content.decode()
    assert not CashFlow.objects.exists()


def test_delete_analysis_goes_back_to_the_project(client, analysis, manager, project):
    client.force_login(manager)
    assert client.get(reverse("mkba:delete", args=[analysis.pk])).status_code == 200
    response = client.post(reverse("mkba:delete", args=[analysis.pk]))
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert not Analysis.objects.exists()


def test_csv_downloads(client, project):
    analysis = load_demo_mkba(project)
    response = client.get(reverse("mkba:flows_csv", args=[analysis.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="mkba-{analysis.pk}-frontlijnteam-heechterp-schieringen-leeu-bedragen.csv"'
        in response["Content-Disposition"]
    )
    lines = response.content.decode().splitlines()
    assert len(lines) == 1 + 29
    assert (
        lines[1]
        == "gemeente;;2008;kosten;400000.00;360000.00;440000.00;het frontlijnteam (personeel)"
    )
    response = client.get(reverse("mkba:results_csv", args=[analysis.pk]))
    text = response.content.decode()
    assert "totaal;;;baten_kostenverhouding;2.1495" in text
    assert "totaal;;;inverdieneffect;ja" in text


def test_project_page_links_to_its_analyses(client, project, manager):
    analysis = load_demo_mkba(project)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Maatschappelijke kosten en baten" in html
    assert analysis.get_absolute_url() in html
    assert "Elke euro levert € 2,15 op." in html
    assert "Nieuwe MKBA" not in html
    client.force_login(manager)
    html = client.get(project.get_absolute_url()).content.decode()
    assert f"{reverse('mkba:create')}?project={project.pk}" in html


def test_project_page_without_analysis(client, project):
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Voor dit project is nog geen MKBA gemaakt" in html


def test_missing_analysis_is_404(client):
    assert client.get(reverse("mkba:detail", args=[999])).status_code == 404


def test_admin_pages_show_analyses_read_only(client, django_user_model, project):
    analysis = load_demo_mkba(project)
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    assert client.get(reverse("admin:mkba_analysis_changelist")).status_code == 200
    html = client.get(reverse("admin:mkba_analysis_change", args=[analysis.pk])).content.decode()
    assert "minder ondertoezichtstellingen" in html
    assert client.get(reverse("admin:mkba_analysis_add")).status_code == 403
