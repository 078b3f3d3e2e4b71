"""The resident budget API: public routes for residents, staff routes per role, and the vote
endpoint on the same service as the web form.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.budgets import services
from wijkaanpak.budgets.counting import loads_pabulib
from wijkaanpak.budgets.models import Ballot, Idea, Phase, Process, VotingCode

pytestmark = pytest.mark.django_db

API = "/api/v1"


def client_for(user=None) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def voting(district):
    process = factories.BudgetProcessFactory(area=district, voting=True)
    process.a = factories.BudgetIdeaFactory(
        process=process, accepted=True, estimated_cost=Decimal("6000")
    )
    process.b = factories.BudgetIdeaFactory(
        process=process, accepted=True, estimated_cost=Decimal("5000")
    )
    return process


def test_public_reads(voting, district):
    client = client_for()
    assert client.get(f"{API}/budgets/").json()["count"] == 1
    assert client.get(f"{API}/budgets/{voting.pk}/").json()["phase"] == "voting"
    ideas = client.get(f"{API}/budgets/{voting.pk}/ideas/").json()["results"]
    assert {i["id"] for i in ideas} == {voting.a.pk, voting.b.pk}
    assert "author_email" not in ideas[0]
    draft = factories.BudgetProcessFactory(area=district)
    assert client.get(f"{API}/budgets/{draft.pk}/").status_code == 404


def test_vote_json_is_the_web_form_service(voting):
    code = factories.VotingCodeFactory(process=voting).code
    client = client_for()  # no CSRF token, no account: the code is the credential
    url = f"{API}/budgets/{voting.pk}/vote/"
    response = client.post(url, {"code": code, "choices": [voting.a.pk]}, format="json")
    assert response.status_code == 201, response.content
    receipt = response.json()["receipt"]
    assert response.json()["replaced"] is False
    again = client.post(url, {"code": code, "choices": [voting.a.pk]}, format="json")
    assert again.status_code == 400 and "code" in again.json()
    check = client.post(f"{API}/budgets/{voting.pk}/receipt/", {"receipt": receipt}, format="json")
    assert check.json() == {"status": "received"}
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"choices": "a"}, "choices"),
        ({"choices": ["x"]}, "choices"),
        ({"choices": ["A", "B"]}, "choices"),  # over budget: 11000 > 10000
        ({"choices": ["A", "A"]}, "choices"),  # duplicate
        ({"choices": [999999]}, "choices"),  # unknown
        ({"choices": ["R"]}, "choices"),  # rejected
        ({"choices": ["A"], "code": "nope"}, "code"),
    ],
)
def test_vote_json_errors_store_nothing(voting, payload, field):
    rejected = factories.BudgetIdeaFactory(process=voting, rejected=True)
    names = {"A": voting.a.pk, "B": voting.b.pk, "R": rejected.pk}
    code = factories.VotingCodeFactory(process=voting).code
    body = {"code": code, **payload}
    if isinstance(body["choices"], list):
        body["choices"] = [names.get(c, c) for c in body["choices"]]
    response = client_for().post(f"{API}/budgets/{voting.pk}/vote/", body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Ballot.objects.exists()
    assert not VotingCode.objects.get().used


def test_vote_in_the_wrong_phase(voting, manager):
    services.process_set_phase(process=voting, by=manager, phase=Phase.COUNTING)
    code = factories.VotingCodeFactory(process=voting).code
    response = client_for().post(
        f"{API}/budgets/{voting.pk}/vote/", {"code": code, "choices": [voting.a.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_results_hidden_then_published(voting, manager):
    code = factories.VotingCodeFactory(process=voting).code
    services.ballot_cast(process=voting, code=code, choices=[voting.b.pk])
    client = client_for()
    for suffix in ("results/", "results.csv", "results.pb"):
        assert client.get(f"{API}/budgets/{voting.pk}/{suffix}").status_code == 404
    voting = services.process_set_phase(process=voting, by=manager, phase=Phase.COUNTING)
    services.process_set_phase(process=voting, by=manager, phase=Phase.RESULTS)
    result = client.get(f"{API}/budgets/{voting.pk}/results/").json()
    assert result["ballots"] == 1
    winners = [line["idea"] for line in result["lines"] if line["is_winner"]]
    assert winners == [Idea.objects.get(estimated_cost=Decimal("5000")).pk]
    assert all(line["explanation"] for line in result["lines"])
    pb = client.get(f"{API}/budgets/{voting.pk}/results.pb")
    assert pb.status_code == 200
    assert loads_pabulib(pb.content.decode()).num_voters == 1


def test_staff_routes_check_the_role(district, manager, other_district):
    body = {"area": district.code, "title": "Budget", "budget": "5000", "rule": "phragmen"}
    assert client_for().post(f"{API}/staff/budgets/", body, format="json").status_code in (401, 403)
    other = factories.UserFactory(role="district_manager", districts=[other_district])
    assert client_for(other).post(f"{API}/staff/budgets/", body, format="json").status_code == 403
    response = client_for(manager).post(f"{API}/staff/budgets/", body, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    phase = client_for(manager).post(
        f"{API}/staff/budgets/{pk}/phase/", {"phase": "voting"}, format="json"
    )
    assert phase.status_code == 400 and "phase" in phase.json()
    codes = client_for(manager).post(
        f"{API}/staff/budgets/{pk}/codes/", {"count": 2}, format="json"
    )
    assert codes.status_code == 201 and len(codes.content.decode().splitlines()) == 3
    assert client_for(other).get(f"{API}/staff/budgets/{pk}/turnout/").status_code == 404
    assert client_for(manager).get(f"{API}/staff/budgets/{pk}/turnout/").json()["codes"] == 2
    assert Process.objects.get(pk=pk).rule == "phragmen"


def test_ideas_review_and_moderation_via_api(district, partner_user):
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    created = client_for().post(
        f"{API}/budgets/{process.pk}/ideas/",
        {
            "title": "Bomen",
            "description": "Langs de singel",
            "estimated_cost": "3000",
            "author_name": "Ali",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    idea_id = created.json()["id"]
    process.phase = Phase.REVIEW
    process.save()
    url = f"{API}/staff/budget-ideas/{idea_id}/review/"
    body = {"status": "accepted", "cost": "3200"}
    assert client_for(partner_user).post(url, body, format="json").status_code == 403
    moderator = factories.UserFactory(role="moderator")
    response = client_for(moderator).post(url, body, format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    hide = client_for(moderator).post(
        f"{API}/staff/budget-ideas/{idea_id}/moderation/", {"hide": True}, format="json"
    )
    assert hide.status_code == 400 and "reason" in hide.json()


def test_paper_entries_for_officials_only(voting, manager):
    url = f"{API}/staff/budgets/{voting.pk}/paper-entries/"
    body = {"number": 1, "choices": [voting.a.pk]}
    assert client_for(manager).post(url, body, format="json").status_code == 403
    one, two = factories.UserFactory(role="official"), factories.UserFactory(role="official")
    code = factories.VotingCodeFactory(process=voting).code
    services.paper_slip_register(process=voting, by=one, code=code)
    assert client_for(one).post(url, body, format="json").json()["waiting"] == [1]
    assert client_for(two).post(url, body, format="json").json()["counted"] == [1]
    assert client_for(manager).get(url).json()["counted"] == [1]
    assert Ballot.objects.get().source == "paper"


def test_vote_endpoint_edge_cases(voting, district, manager):
    url = f"{API}/budgets/{voting.pk}/vote/"
    client = client_for()
    bad_json = client.generic("POST", url, "{not json", content_type="application/json")
    assert bad_json.status_code == 400 and "detail" in bad_json.json()
    form = client.post(url, {"code": "x", "choices": "1"})  # multipart: not accepted
    assert form.status_code == 415
    draft = factories.BudgetProcessFactory(area=district)
    assert client.post(f"{API}/budgets/{draft.pk}/vote/", {}, format="json").status_code == 404
    assert client.post(f"{API}/budgets/999999/vote/", {}, format="json").status_code == 404
    missing = client.post(url, {"code": "AAAA-AAAA-AAAA"}, format="json")
    assert missing.status_code == 400 and "choices" in missing.json()
    assert not Ballot.objects.exists()


def test_verified_account_votes_with_a_token(district, manager):
    from rest_framework.authtoken.models import Token

    process = factories.BudgetProcessFactory(area=district, voting=True, allow_login=True)
    idea = factories.BudgetIdeaFactory(process=process, accepted=True)
    resident = factories.UserFactory()
    services.login_voter_add(process=process, by=manager, user=resident)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=resident).key}")
    url = f"{API}/budgets/{process.pk}/vote/"
    first = client.post(url, {"choices": [idea.pk]}, format="json")
    assert first.status_code == 201, first.content
    again = client.post(url, {"choices": [idea.pk]}, format="json")
    assert again.status_code == 400 and "code" in again.json()
    anonymous = APIClient().post(url, {"choices": [idea.pk]}, format="json")
    assert anonymous.status_code == 400 and "code" in anonymous.json()
    assert Ballot.objects.filter(process=process).count() == 1
