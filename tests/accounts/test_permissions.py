"""The predicates of ``accounts.permissions`` that other apps ask instead of reading roles,
each checked for every kind of user: an admin (by role and as superuser), the district
manager of the district, a manager of another district, a partner (of the organisation in
question and of another), a moderator, an official, a signed-in user without a role, and an
anonymous visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests import factories
from wijkaanpak.accounts import permissions as perms

KINDS = [
    "admin",
    "superuser",
    "manager",
    "manager_other_district",
    "partner_own_org",
    "partner_other_org",
    "partner_without_org",
    "moderator",
    "official",
    "no_role",
    "anonymous",
]


@pytest.fixture
def users(district, other_district, partner_org):
    return {
        "admin": factories.UserFactory(role="admin"),
        "superuser": factories.UserFactory(is_superuser=True),
        "manager": factories.UserFactory(role="district_manager", districts=[district]),
        "manager_other_district": factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        "partner_own_org": factories.UserFactory(role="partner", organisation=partner_org),
        "partner_other_org": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "partner_without_org": factories.UserFactory(role="partner"),
        "moderator": factories.UserFactory(role="moderator"),
        "official": factories.UserFactory(role="official"),
        "no_role": factories.UserFactory(),
        "anonymous": AnonymousUser(),
    }


def allowed(users, predicate, *args) -> set[str]:
    """The kinds of user for whom ``predicate(user, *args)`` is true."""
    return {kind for kind in KINDS if predicate(users[kind], *args)}


ADMINS = {"admin", "superuser"}
PARTNERS = {"partner_own_org", "partner_other_org", "partner_without_org"}


def test_can_manage_partners(users):
    assert allowed(users, perms.can_manage_partners) == ADMINS | {
        "manager",
        "manager_other_district",
    }


def test_can_edit_organisation(users, partner_org):
    assert allowed(users, perms.can_edit_organisation, partner_org) == ADMINS | {
        "manager",
        "manager_other_district",
        "partner_own_org",
    }


def test_a_partner_without_organisation_edits_no_organisation(users):
    organisations = [factories.OrganisationFactory() for _ in range(2)]
    for organisation in organisations:
        assert not perms.can_edit_organisation(users["partner_without_org"], organisation)


def test_can_commit_to_plan(users, plan):
    """The plan's editors for any partner; partners with an organisation for their own."""
    assert allowed(users, perms.can_commit_to_plan, plan) == ADMINS | {
        "manager",
        "partner_own_org",
        "partner_other_org",
    }


def test_can_choose_commitment_partner(users, plan):
    assert allowed(users, perms.can_choose_commitment_partner, plan) == ADMINS | {"manager"}


def test_whoever_may_commit_may_create_a_commitment_for_someone(users, plan, partner_org):
    """``can_commit_to_plan`` opens the form; ``can_create_commitment`` then allows at least
    one partner (any for those who choose, their own for partners)."""
    for kind in allowed(users, perms.can_commit_to_plan, plan):
        user = users[kind]
        own = perms.organisation_id_of(user)
        partner_id = partner_org.pk if own is None else own
        assert perms.can_create_commitment(user, plan, partner_id), kind


@pytest.mark.parametrize("phase", ["ideas", "review", "voting", "counting", "results"])
def test_a_started_process_is_seen_by_everybody(users, district, phase):
    process = factories.BudgetProcessFactory(area=district, phase=phase)
    assert allowed(users, perms.can_view_process, process) == set(KINDS)


def test_a_draft_process_is_seen_only_by_its_managers(users, district):
    process = factories.BudgetProcessFactory(area=district)
    assert process.phase == "draft"
    assert allowed(users, perms.can_view_process, process) == ADMINS | {"manager"}
    assert perms.can_view_process(None, process) is False  # the anonymous voting path


def test_a_draft_process_is_what_budgets_calls_a_draft():
    from wijkaanpak.budgets.models import Phase

    assert perms._DRAFT == Phase.DRAFT


def test_start_page(users):
    assert {kind: perms.start_page(users[kind]) for kind in KINDS} == {
        "admin": perms.START_ALL_DISTRICTS,
        "superuser": perms.START_ALL_DISTRICTS,
        "manager": perms.START_DISTRICTS,
        "manager_other_district": perms.START_DISTRICTS,
        "partner_own_org": perms.START_ORGANISATION,
        "partner_other_org": perms.START_ORGANISATION,
        "partner_without_org": perms.START_HOME,
        "moderator": perms.START_BUDGETS,
        "official": perms.START_BUDGETS,
        "no_role": perms.START_HOME,
        "anonymous": perms.START_HOME,
    }


def test_has_start_page(users):
    """The menu's "Mijn overzicht" (a partner without organisation too: the page then sends
    them to the home page)."""
    assert (
        allowed(users, perms.has_start_page)
        == ADMINS
        | {
            "manager",
            "manager_other_district",
        }
        | PARTNERS
    )


def test_can_open_admin_site(users):
    assert allowed(users, perms.can_open_admin_site) == ADMINS


def test_recorded_role(users):
    assert {kind: perms.recorded_role(users[kind]) for kind in KINDS} == {
        "admin": "admin",
        "superuser": "admin",
        "manager": "district_manager",
        "manager_other_district": "district_manager",
        "partner_own_org": "partner",
        "partner_other_org": "partner",
        "partner_without_org": "partner",
        "moderator": "moderator",
        "official": "official",
        "no_role": "resident",
        "anonymous": "resident",
    }
