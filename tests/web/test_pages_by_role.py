"""What pages show per role (the menu, the edit links of plans and partners): the answers of
``accounts.permissions`` reach the templates, which compare no roles themselves."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def users(district, other_district, partner_org):
    return {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "moderator": factories.UserFactory(role="moderator"),
        "official": factories.UserFactory(role="official"),
        "partner_other_org": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "partner_own_org": factories.UserFactory(role="partner", organisation=partner_org),
        "manager_other_district": factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        "manager": factories.UserFactory(role="district_manager", districts=[district]),
        "admin": factories.UserFactory(role="admin"),
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
    }


def page_for(client, user, url) -> str:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def showing(client, users, url, needle) -> set[str]:
    return {kind for kind, user in users.items() if needle in page_for(client, user, url)}


ADMINS = {"admin", "superuser"}
MANAGERS = {"manager", "manager_other_district"}


def test_menu_per_role(client, users):
    home = reverse("core:home")
    assert showing(client, users, home, f'href="{reverse("core:start")}"') == ADMINS | MANAGERS | {
        "partner_own_org",
        "partner_other_org",
    }
    assert showing(client, users, home, f'href="{reverse("areas:import")}"') == ADMINS | MANAGERS
    assert showing(client, users, home, f'href="{reverse("monitor:import")}"') == ADMINS | MANAGERS
    assert showing(client, users, home, f'href="{reverse("admin:index")}"') == ADMINS


def test_plan_page_links_per_role(client, users, plan, partner_org):
    commitment = factories.CommitmentFactory(plan=plan, partner=partner_org)
    url = reverse("plans:detail", args=[plan.pk])
    edit = f'href="{reverse("plans:commitment_edit", args=[commitment.pk])}"'
    create = f'href="{reverse("plans:commitment_create", args=[plan.pk])}"'
    assert showing(client, users, url, edit) == ADMINS | {"manager", "partner_own_org"}
    assert showing(client, users, url, create) == ADMINS | {
        "manager",
        "partner_own_org",
        "partner_other_org",
    }


def test_partner_pages_links_per_role(client, users, partner_org):
    create = f'href="{reverse("partners:create")}"'
    person = f'href="{reverse("partners:person_create", args=[partner_org.pk])}"'
    assert showing(client, users, reverse("partners:list"), create) == ADMINS | MANAGERS
    detail = reverse("partners:detail", args=[partner_org.pk])
    assert showing(client, users, detail, person) == ADMINS | MANAGERS | {"partner_own_org"}


def test_start_page_per_role(client, users):
    """Moderators and officials land on the resident budgets, people without a staff page on
    the home page; the others get their own page (``tests/web/test_start_page.py``)."""
    expected = {
        "moderator": reverse("budgets:list"),
        "official": reverse("budgets:list"),
        "no_role": reverse("core:home"),
    }
    for kind, target in expected.items():
        client.force_login(users[kind])
        response = client.get(reverse("core:start"))
        assert response.status_code == 302 and response["Location"] == target, kind
    for kind in ("admin", "superuser", "manager", "partner_own_org"):
        client.force_login(users[kind])
        assert client.get(reverse("core:start")).status_code == 200, kind


def test_a_manager_votes_by_token_on_a_draft_others_do_not_see_it(client, users, district):
    """The signed-in voting path asks ``can_view_process``: a draft is a 404 for a partner,
    and reaches the voting rules (not a 404) for the district's manager."""
    from rest_framework.authtoken.models import Token

    draft = factories.BudgetProcessFactory(area=district)
    url = f"/api/v1/budgets/{draft.pk}/vote/"
    statuses = {}
    for kind in ("manager", "partner_own_org", "manager_other_district"):
        token = Token.objects.create(user=users[kind])
        statuses[kind] = client.post(
            url,
            {"code": "", "choices": []},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        ).status_code
    assert statuses["partner_own_org"] == 404
    assert statuses["manager_other_district"] == 404
    assert statuses["manager"] == 400
