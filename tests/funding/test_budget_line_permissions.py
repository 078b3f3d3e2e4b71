"""Nobody books money in another funder's name (issue 7, B7).

Reproduced before the fix: the housing corporation, a partner on a project, added €999,999
"funded by Achmea", which went straight into the public buurtbegroting; it could also delete
the municipality's budget lines. Now a partner creates, changes and deletes only lines its own
organisation funds (``accounts.permissions.can_book_money`` / ``can_edit_budget_line``); the
district's manager and admins book any funder's money. Per role, on the rules, the project
page and the API. (The MKBA per role: ``tests/mkba/test_mkba_permissions.py`` and
``tests/mkba/test_mkba_api.py``.)
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.accounts.permissions import can_book_money, can_edit_budget_line, funders_for
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.funding.selectors import money_matrix

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "manager_other_district",
    "partner_not_funding",
    "partner_funding",
    "manager",
    "admin",
]
BOOK_ANY = {"manager", "admin"}


class World:
    pass


@pytest.fixture
def w(district, other_district, project):
    world = World()
    world.project = project
    world.gemeente = factories.OrganisationFactory(name="Gemeente Utrecht")
    world.corporatie = factories.OrganisationFactory(name="Woningcorporatie")
    world.achmea = factories.OrganisationFactory(name="Achmea")
    world.welzijn = factories.OrganisationFactory(name="Welzijnsorganisatie")
    project.partners.add(world.corporatie, world.welzijn)
    world.muni_line = factories.BudgetLineFactory(
        project=project, funder=world.gemeente, amount=Decimal("250000")
    )
    world.achmea_line = factories.BudgetLineFactory(
        project=project, funder=world.achmea, amount=Decimal("1260000")
    )
    world.own_line = factories.BudgetLineFactory(
        project=project, funder=world.corporatie, amount=Decimal("40000")
    )
    world.users = {
        "anonymous": None,
        "manager_other_district": factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        # on the project, funds no line
        "partner_not_funding": factories.UserFactory(role="partner", organisation=world.welzijn),
        # on the project, funds ``own_line``
        "partner_funding": factories.UserFactory(role="partner", organisation=world.corporatie),
        "manager": factories.UserFactory(role="district_manager", districts=[district]),
        "admin": factories.UserFactory(role="admin"),
    }
    return world


def own_org(w, role):
    user = w.users[role]
    return user.profile.organisation if role.startswith("partner") else None


# --- the rules --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_rules_per_role(w, role):
    user = w.users[role]
    for funder in (w.gemeente, w.achmea, w.corporatie, w.welzijn):
        expected = role in BOOK_ANY or funder == own_org(w, role)
        assert can_book_money(user, w.project, funder.pk) is expected, funder
    for line in (w.muni_line, w.achmea_line, w.own_line):
        expected = role in BOOK_ANY or line.funder == own_org(w, role)
        assert can_edit_budget_line(user, line) is expected, line
    offered = set(funders_for(user, w.project))
    if role in BOOK_ANY:
        assert {w.gemeente, w.achmea, w.corporatie, w.welzijn} <= offered
    elif role.startswith("partner"):
        assert offered == {own_org(w, role)}
    else:
        assert offered == set()


def test_a_partner_not_on_the_project_books_nothing(w):
    outsider = factories.UserFactory(role="partner", organisation=w.achmea)
    assert not can_book_money(outsider, w.project, w.achmea.pk)
    assert not can_edit_budget_line(outsider, w.achmea_line)


# --- the project page -------------------------------------------------------------------------


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def add_line(client, w, funder, amount="999999"):
    return client.post(
        reverse("projects:budget_line_add", args=[w.project.pk]),
        {"funder": funder.pk, "year": "2026", "amount": amount, "note": ""},
    )


@pytest.mark.parametrize("role", ROLES)
def test_page_adding_money_in_achmeas_name(client, w, role):
    before = money_matrix(w.project.district).total
    response = add_line(as_user(client, w.users[role]), w, w.achmea)
    stored = BudgetLine.objects.filter(amount=Decimal("999999")).exists()
    if role in BOOK_ANY:
        assert (response.status_code, stored) == (302, True)
        return
    assert not stored
    assert money_matrix(w.project.district).total == before  # the buurtbegroting is unchanged
    if role == "anonymous":
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
    elif role.startswith("partner"):
        assert response.status_code == 422
        assert response.context["budget_form"].errors["funder"] == [
            "U kunt alleen geld vastleggen dat uw eigen organisatie betaalt."
        ]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["partner_funding", "partner_not_funding"])
def test_page_partner_adds_its_own_money(client, w, role):
    response = add_line(as_user(client, w.users[role]), w, own_org(w, role), amount="1234")
    assert response.status_code == 302
    assert BudgetLine.objects.get(amount=Decimal("1234")).funder == own_org(w, role)


@pytest.mark.parametrize("role", ROLES)
def test_page_deleting_the_municipalitys_line(client, w, role):
    response = as_user(client, w.users[role]).post(
        reverse("projects:budget_line_delete", args=[w.muni_line.pk])
    )
    exists = BudgetLine.objects.filter(pk=w.muni_line.pk).exists()
    if role in BOOK_ANY:
        assert (response.status_code, exists) == (302, False)
    else:
        assert exists
        assert response.status_code == (302 if role == "anonymous" else 403)


def test_page_partner_deletes_its_own_line_and_sees_only_its_own_buttons(client, w):
    as_user(client, w.users["partner_funding"])
    html = client.get(w.project.get_absolute_url()).content.decode()
    assert reverse("projects:budget_line_delete", args=[w.own_line.pk]) in html
    assert reverse("projects:budget_line_delete", args=[w.muni_line.pk]) not in html
    assert reverse("projects:budget_line_delete", args=[w.achmea_line.pk]) not in html
    assert f'<option value="{w.achmea.pk}"' not in html
    assert f'<option value="{w.corporatie.pk}"' in html
    response = client.post(reverse("projects:budget_line_delete", args=[w.own_line.pk]))
    assert response.status_code == 302
    assert not BudgetLine.objects.filter(pk=w.own_line.pk).exists()


# --- the API ----------------------------------------------------------------------------------


def api_as(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def denied(role: str) -> int:
    return 401 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
def test_api_create_in_another_funders_name(w, role):
    response = api_as(w.users[role]).post(
        reverse("v1:budget-line-list"),
        {"project": w.project.pk, "funder": w.achmea.pk, "year": 2026, "amount": "999999.00"},
        format="json",
    )
    stored = BudgetLine.objects.filter(amount=Decimal("999999")).exists()
    if role in BOOK_ANY:
        assert (response.status_code, stored) == (201, True)
    else:
        assert (response.status_code, stored) == (denied(role), False)
    if role.startswith("partner"):
        assert "eigen organisatie" in response.json()["detail"]


@pytest.mark.parametrize("role", ROLES)
def test_api_change_and_delete_per_role(w, role):
    api = api_as(w.users[role])
    for line in (w.muni_line, w.own_line):
        url = reverse("v1:budget-line-detail", args=[line.pk])
        allowed = role in BOOK_ANY or line.funder == own_org(w, role)
        changed = api.patch(url, {"amount": "1.00"}, format="json")
        assert changed.status_code == (200 if allowed else denied(role)), line
        line.refresh_from_db()
        assert (line.amount == Decimal("1.00")) is allowed
        deleted = api.delete(url)
        assert deleted.status_code == (204 if allowed else denied(role)), line
        assert BudgetLine.objects.filter(pk=line.pk).exists() is not allowed


def test_api_partner_cannot_hand_its_line_to_another_funder(w):
    api = api_as(w.users["partner_funding"])
    url = reverse("v1:budget-line-detail", args=[w.own_line.pk])
    response = api.patch(url, {"funder": w.achmea.pk, "amount": "999999.00"}, format="json")
    assert response.status_code == 403
    w.own_line.refresh_from_db()
    assert (w.own_line.funder, w.own_line.amount) == (w.corporatie, Decimal("40000"))
    put = api.put(
        url,
        {"funder": w.achmea.pk, "year": 2025, "amount": "5.00", "domain": "social"},
        format="json",
    )
    assert put.status_code == 403
    keep = api.put(
        url,
        {"funder": w.corporatie.pk, "year": 2025, "amount": "5.00", "domain": "social"},
        format="json",
    )
    assert keep.status_code == 200 and keep.json()["amount"] == "5.00"


def test_api_manager_may_move_a_line_to_another_funder(w):
    url = reverse("v1:budget-line-detail", args=[w.own_line.pk])
    response = api_as(w.users["manager"]).patch(url, {"funder": w.achmea.pk}, format="json")
    assert response.status_code == 200
    w.own_line.refresh_from_db()
    assert w.own_line.funder == w.achmea
