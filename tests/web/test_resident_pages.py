"""E24: residents find what happens in their neighbourhood, the domains explained, and the
deadline for ideas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def neighbourhood(district):
    return factories.AreaFactory(neighbourhood=True, parent=district, name="Zambesidreef")


def test_neighbourhood_page_shows_what_happens_there_and_in_its_district(
    client, district, other_district, neighbourhood
):
    process = factories.BudgetProcessFactory(area=district, ideas=True, title="Budget 2026")
    factories.BudgetIdeaFactory(process=process, neighbourhood=neighbourhood, title="Bankjes")
    factories.BudgetIdeaFactory(
        process=process, neighbourhood=neighbourhood, title="Verborgen idee", hidden=True
    )
    draft = factories.BudgetProcessFactory(area=district, title="Concept")
    factories.BudgetIdeaFactory(process=draft, neighbourhood=neighbourhood, title="Concept-idee")
    factories.InitiativeFactory(area=neighbourhood, title="Moestuin Zambesi")
    factories.InitiativeFactory(area=district, title="Wijkfeest")
    factories.ProjectFactory(district=district, title="Buurtcoaches")
    factories.ProjectFactory(district=other_district, title="Elders")

    html = client.get(neighbourhood.get_absolute_url()).content.decode()
    assert "Wat er gebeurt in Zambesidreef" in html
    assert "Bankjes" in html and "Moestuin Zambesi" in html
    assert f"In de hele wijk {district.name}" in html
    assert "Buurtcoaches" in html and "Wijkfeest" in html and "Budget 2026" in html
    assert "Projecten worden per wijk gepland, niet per buurt." in html
    for hidden in ("Verborgen idee", "Concept-idee", "Elders"):
        assert hidden not in html
    english = client.get(neighbourhood.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "What is happening in Zambesidreef" in english
    assert "Projects in the district" in english


def test_empty_neighbourhood_says_so(client, neighbourhood):
    html = client.get(neighbourhood.get_absolute_url()).content.decode()
    assert "Nog geen ideeën voor deze buurt." in html
    assert "Nog geen projecten in deze wijk." in html


def test_domains_are_explained_where_they_appear(client, project, neighbourhood):
    factories.BudgetLineFactory(project=project)  # the budget page lists domains with money
    for url in (
        project.get_absolute_url(),
        reverse("funding:neighbourhood_budget", args=[project.district.code]),
        neighbourhood.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert "Wat betekenen fysiek, sociaal, economisch en veiligheid?" in html, url
        assert "Wat je kunt zien en aanraken" in html, url
    english = client.get(project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "What do physical, social, economic and safety mean?" in english


def test_idea_page_shows_the_deadline(client, district):
    process = factories.BudgetProcessFactory(
        area=district, ideas=True, ideas_close_on=dt.date(2026, 3, 31)
    )
    url = reverse("budgets:idea_submit", args=[process.pk])
    assert "U kunt ideeën indienen tot en met 31 maart 2026." in client.get(url).text
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "You can submit ideas until and including 31 March 2026." in english
    process.ideas_close_on = None
    process.save()
    assert "Er is nog geen einddatum voor ideeën." in client.get(url).text
