"""Resident budget pages: who may see and do what, forms with field errors, nothing stored on
an error, results and exports hidden until voting has closed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories
from wijkaanpak.budgets import services
from wijkaanpak.budgets.counting import loads_pabulib
from wijkaanpak.budgets.models import Ballot, Idea, Phase, Process, VotingCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(district):
    process = factories.BudgetProcessFactory(area=district, voting=True)
    process.a = factories.BudgetIdeaFactory(
        process=process, accepted=True, estimated_cost=Decimal("6000"), title="Speeltuin"
    )
    process.b = factories.BudgetIdeaFactory(
        process=process, accepted=True, estimated_cost=Decimal("5000"), title="Bankjes"
    )
    return process


def login(client, user):
    client.force_login(user)
    return client


def test_public_pages_render(client, voting):
    for url in (
        reverse("budgets:list"),
        reverse("budgets:detail", args=[voting.pk]),
        reverse("budgets:idea", args=[voting.a.pk]),
        reverse("budgets:vote", args=[voting.pk]),
        reverse("budgets:results", args=[voting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Speeltuin" in client.get(reverse("budgets:vote", args=[voting.pk])).text


def test_a_draft_is_visible_only_to_its_managers(client, district, manager, other_district):
    draft = factories.BudgetProcessFactory(area=district)
    url = reverse("budgets:detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    other = factories.UserFactory(role="district_manager", districts=[other_district])
    assert login(client, other).get(url).status_code == 404
    assert login(client, manager).get(url).status_code == 200


def test_idea_submission_form(client, district):
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    url = reverse("budgets:idea_submit", args=[process.pk])
    response = client.post(url, {"title": "", "description": "x", "estimated_cost": "99999"})
    assert response.status_code == 422
    assert "Dit is meer dan het hele budget" in response.text or "verplicht" in response.text
    assert not Idea.objects.exists()
    response = client.post(
        url,
        {
            "title": "Bankjes",
            "description": "Bij de speeltuin",
            "estimated_cost": "1500",
            "author_name": "Sanne",
        },
    )
    assert response.status_code == 302
    assert Idea.objects.get().title == "Bankjes"


def test_vote_form_stores_a_ballot_and_shows_the_receipt_once(client, voting):
    code = factories.VotingCodeFactory(process=voting).code
    url = reverse("budgets:vote", args=[voting.pk])
    response = client.post(url, {"code": code, "choices": [voting.a.pk]})
    assert response.status_code == 200
    assert "Uw bewijscode" in response.text
    assert "no-store" in response["Cache-Control"]
    assert Ballot.objects.count() == 1
    # the same code again: refused, with the reason at the code field
    response = client.post(url, {"code": code, "choices": [voting.b.pk]})
    assert response.status_code == 422
    assert "al gestemd" in response.text
    assert Ballot.objects.count() == 1


def test_vote_form_over_budget_keeps_the_choice_and_stores_nothing(client, voting):
    code = factories.VotingCodeFactory(process=voting).code
    response = client.post(
        reverse("budgets:vote", args=[voting.pk]),
        {"code": code, "choices": [voting.a.pk, voting.b.pk]},
    )
    assert response.status_code == 422
    assert "meer dan het budget" in response.text
    assert "checked" in response.text
    assert not Ballot.objects.exists()
    assert VotingCode.objects.get().used is False


def test_review_and_moderation_need_the_right_role(client, district, manager, partner_user):
    process = factories.BudgetProcessFactory(area=district, review=True)
    idea = factories.BudgetIdeaFactory(process=process)
    url = reverse("budgets:idea_review", args=[idea.pk])
    assert client.get(url).status_code == 302  # to the login page
    assert login(client, partner_user).get(url).status_code == 403
    moderator = factories.UserFactory(role="moderator")
    response = login(client, moderator).post(url, {"status": "accepted", "cost": "2500"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "accepted" and idea.cost == Decimal("2500")
    hide = reverse("budgets:idea_moderate", args=[idea.pk])
    assert login(client, partner_user).post(hide, {"reason": "x"}).status_code == 403
    assert login(client, manager).post(hide, {"reason": "Reclame"}).status_code == 302
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_reason == "Reclame"


def test_codes_download_for_the_manager_only(client, district, manager, other_district):
    process = factories.BudgetProcessFactory(area=district)
    url = reverse("budgets:codes", args=[process.pk])
    other = factories.UserFactory(role="district_manager", districts=[other_district])
    assert login(client, other).post(url, {"count": "3", "per": "address"}).status_code == 404
    response = login(client, manager).post(url, {"count": "3", "per": "address"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("code") and len(lines) == 4
    assert VotingCode.objects.filter(process=process).count() == 3


def test_paper_page_officials_enter_managers_only_look(client, voting, manager):
    url = reverse("budgets:paper", args=[voting.pk])
    assert login(client, factories.UserFactory(role="moderator")).get(url).status_code == 403
    assert login(client, manager).get(url).status_code == 200
    assert login(client, manager).post(url, {"entry-number": "1"}).status_code == 403
    one, two = factories.UserFactory(role="official"), factories.UserFactory(role="official")
    code = factories.VotingCodeFactory(process=voting).code
    assert login(client, one).post(url, {"slip-code": code}).status_code == 302
    assert VotingCode.objects.get().used
    data = {"entry-number": "7", "entry-choices": [voting.a.pk]}
    assert login(client, one).post(url, data).status_code == 302
    assert not Ballot.objects.exists()
    assert login(client, two).post(url, data).status_code == 302
    assert Ballot.objects.get().paper_number == 7


def test_results_and_exports_are_hidden_until_published(client, voting, manager):
    code = factories.VotingCodeFactory(process=voting).code
    cast = services.ballot_cast(process=voting, code=code, choices=[voting.a.pk])
    results = reverse("budgets:results", args=[voting.pk])
    csv_url = reverse("budgets:results_csv", args=[voting.pk])
    pb_url = reverse("budgets:results_pb", args=[voting.pk])
    assert "geen tussenstand" in client.get(results).text
    assert client.get(csv_url).status_code == 404
    assert client.get(pb_url).status_code == 404
    response = client.post(results, {"receipt": cast.receipt})
    assert "Uw stem is ontvangen" in response.text
    idea = voting.a
    voting = services.process_set_phase(process=voting, by=manager, phase=Phase.COUNTING)
    assert client.get(pb_url).status_code == 404
    services.process_set_phase(process=voting, by=manager, phase=Phase.RESULTS)
    page = client.get(results).text
    assert "<svg" in page and "Speeltuin" in page and "Gekozen" in page
    assert "Ja. Uw stem is meegeteld." in client.post(results, {"receipt": cast.receipt}).text
    assert "kennen we niet" in client.post(results, {"receipt": "RAAA-AAAA-AAAA"}).text
    election = loads_pabulib(client.get(pb_url).content.decode())
    assert [v.ballot for v in election.voters] == [(str(idea.pk),)]
    assert election.projects[str(idea.pk)].fields["selected"] == "1"
    assert "Speeltuin" in client.get(csv_url).content.decode()


def test_results_read_in_the_visitors_language_whatever_language_published_them(
    client, voting, manager
):
    code = factories.VotingCodeFactory(process=voting).code
    services.ballot_cast(process=voting, code=code, choices=[voting.a.pk])
    voting = services.process_set_phase(process=voting, by=manager, phase=Phase.COUNTING)
    services.process_set_phase(process=voting, by=manager, phase=Phase.RESULTS)  # Dutch
    url = reverse("budgets:results", args=[voting.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "1 vote was cast." in english and "keer gestemd" not in english
    assert "Bij gelijke stand" not in english
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").text
    assert "Er is 1 keer gestemd." in dutch and "Bij gelijke stand" in dutch


def test_admin_does_not_offer_ballots_or_codes():
    registered = {model._meta.model_name for model in admin.site._registry}
    assert {"ballot", "votingcode", "paperentry", "paperslip"}.isdisjoint(registered)
    assert "process" in registered


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("partner", 403),
        ("moderator", 403),
        ("official", 403),
        ("other_manager", 403),
        ("manager", 200),
        ("admin", 200),
    ],
)
def test_process_settings_pages_per_role(client, district, other_district, role, expected):
    users = {
        "partner": lambda: factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "moderator": lambda: factories.UserFactory(role="moderator"),
        "official": lambda: factories.UserFactory(role="official"),
        "other_manager": lambda: factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        "manager": lambda: factories.UserFactory(role="district_manager", districts=[district]),
        "admin": lambda: factories.UserFactory(role="admin"),
    }
    if role != "anonymous":
        login(client, users[role]())
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    for url in (
        reverse("budgets:create", args=[district.code]),
        reverse("budgets:edit", args=[process.pk]),
        reverse("budgets:phase", args=[process.pk]),
        reverse("budgets:codes", args=[process.pk]),
    ):
        assert client.get(url).status_code == expected, (role, url)


def test_manager_creates_a_process_and_moves_it_on(client, district, manager):
    login(client, manager)
    response = client.post(
        reverse("budgets:create", args=[district.code]),
        {
            "title": "Bewonersbudget 2026",
            "budget": "25000",
            "min_age": "16",
            "ballot_type": "k_approval",
            "rule": "phragmen",
        },
    )
    assert response.status_code == 422 and "hoogstens" in response.text  # k is missing
    response = client.post(
        reverse("budgets:create", args=[district.code]),
        {
            "title": "Bewonersbudget 2026",
            "budget": "25000",
            "min_age": "16",
            "ballot_type": "k_approval",
            "max_choices": "3",
            "rule": "phragmen",
        },
    )
    assert response.status_code == 302
    process = Process.objects.get()
    response = client.post(reverse("budgets:phase", args=[process.pk]), {"phase": "ideas"})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.phase == "ideas"


def test_comments_and_hidden_ideas(client, district):
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    idea = factories.BudgetIdeaFactory(process=process, title="Moestuin")
    url = reverse("budgets:comment_add", args=[idea.pk])
    assert client.post(url, {"author_name": "", "text": "Goed idee"}).status_code == 422
    assert client.post(url, {"author_name": "Ali", "text": "Goed idee"}).status_code == 302
    assert "Goed idee" in client.get(idea.get_absolute_url()).text
    hidden = factories.BudgetIdeaFactory(process=process, hidden=True, description="Geheim")
    page = client.get(hidden.get_absolute_url()).text
    assert "verborgen" in page and "Scheldwoorden" in page and "Geheim" not in page
    assert (
        client.post(
            reverse("budgets:comment_add", args=[hidden.pk]), {"author_name": "A", "text": "B"}
        ).status_code
        == 422
    )


def test_ranking_and_points_forms(client, district):
    ranking = factories.BudgetProcessFactory(area=district, voting=True, ranking=True)
    a, b, c = (factories.BudgetIdeaFactory(process=ranking, accepted=True) for _ in range(3))
    url = reverse("budgets:vote", args=[ranking.pk])
    code = factories.VotingCodeFactory(process=ranking).code
    response = client.post(url, {"code": code, f"rank_{a.pk}": "1", f"rank_{b.pk}": "1"})
    assert response.status_code == 422 and "Twee ideeën hebben plaats 1" in response.text
    response = client.post(url, {"code": code, f"rank_{c.pk}": "1", f"rank_{a.pk}": "2"})
    assert response.status_code == 200
    assert Ballot.objects.get(process=ranking).choices == [c.pk, a.pk]

    points = factories.BudgetProcessFactory(area=district, voting=True, points=True)
    x, y = (factories.BudgetIdeaFactory(process=points, accepted=True) for _ in range(2))
    url = reverse("budgets:vote", args=[points.pk])
    code = factories.VotingCodeFactory(process=points).code
    response = client.post(url, {"code": code, f"points_{x.pk}": "8", f"points_{y.pk}": "5"})
    assert response.status_code == 422 and "hoogstens 10 punten" in response.text
    response = client.post(url, {"code": code, f"points_{x.pk}": "7", f"points_{y.pk}": "0"})
    assert response.status_code == 200
    ballot = Ballot.objects.get(process=points)
    assert (ballot.choices, ballot.points) == ([x.pk], [7])
