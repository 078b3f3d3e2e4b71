"""Partner pages: public reads, contacts only for staff, who may add organisations and people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.partners.models import Organisation, Person


@pytest.fixture
def people(partner_org):
    return factories.PersonFactory(
        organisation=partner_org, name="Joost Contact", email="joost@example.org"
    )


@pytest.fixture
def as_role(client, partner_user, manager, admin_user, district):
    """``as_role("manager")`` signs the test client in as that role (``anonymous``: nobody)."""
    users = {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "own_partner": partner_user,
        "other_partner": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "moderator": factories.UserFactory(role="moderator", districts=[district]),
        "official": factories.UserFactory(role="official", districts=[district]),
        "manager": manager,
        "admin": admin_user,
    }

    def sign_in(role):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return sign_in


def test_the_list_is_public_and_groups_by_kind(client, partner_org):
    factories.OrganisationFactory(name="Basisschool De Linde", kind="school")
    response = client.get(reverse("partners:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert partner_org.name in html and "Basisschool De Linde" in html
    assert "Woningcorporatie" in html and "School / onderwijs" in html
    assert reverse("partners:create") not in html  # no "new partner" button for the public


@pytest.mark.parametrize(
    ("role", "sees_contacts"),
    [
        ("anonymous", False),
        ("no_role", False),
        ("other_partner", True),
        ("moderator", True),
        ("official", True),
        ("manager", True),
    ],
)
def test_contact_people_only_for_signed_in_staff(as_role, partner_org, people, role, sees_contacts):
    response = as_role(role).get(reverse("partners:detail", args=[partner_org.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert partner_org.name in html
    assert ("Joost Contact" in html) is sees_contacts
    assert ("joost@example.org" in html) is sees_contacts


def test_unknown_organisation_is_404(client, db):
    assert client.get(reverse("partners:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("no_role", 403),
        ("own_partner", 403),
        ("moderator", 403),
        ("official", 403),
        ("manager", 200),
        ("admin", 200),
    ],
)
def test_who_may_open_the_new_organisation_form(as_role, role, status):
    assert as_role(role).get(reverse("partners:create")).status_code == status


def test_anonymous_is_sent_to_sign_in(client, partner_org):
    for url in (
        reverse("partners:create"),
        reverse("partners:person_create", args=[partner_org.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"]
    response = client.post(reverse("partners:create"), {"name": "X", "kind": "care"})
    assert response.status_code == 302 and not Organisation.objects.filter(name="X").exists()


def test_a_manager_adds_an_organisation(as_role, municipality):
    response = as_role("manager").post(
        reverse("partners:create"),
        {
            "name": "Stichting Buurtwerk",
            "kind": "welfare",
            "municipality": municipality.pk,
            "website": "buurtwerk.example",
            "description": "",
        },
    )
    organisation = Organisation.objects.get(name="Stichting Buurtwerk")
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:detail", args=[organisation.pk])
    assert organisation.website == "https://buurtwerk.example"  # the form assumes https
    assert organisation.municipality == municipality


def test_a_partner_cannot_add_an_organisation(as_role):
    response = as_role("own_partner").post(
        reverse("partners:create"), {"name": "Eigen club", "kind": "other"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Eigen club").exists()


def test_field_errors_are_shown_and_nothing_is_stored(as_role, partner_org):
    response = as_role("admin").post(
        reverse("partners:create"), {"name": partner_org.name, "kind": "spaceship"}
    )
    assert response.status_code != 302
    form = response.context["form"]
    assert {"name", "kind"} <= set(form.errors)
    assert Organisation.objects.filter(name=partner_org.name).count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("no_role", 403),
        ("other_partner", 403),
        ("moderator", 403),
        ("own_partner", 302),
        ("manager", 302),
        ("admin", 302),
    ],
)
def test_who_may_add_a_contact_person(as_role, partner_org, role, status):
    response = as_role(role).post(
        reverse("partners:person_create", args=[partner_org.pk]),
        {"name": "Nieuwe collega", "job_title": "buurtwerker", "email": "nc@example.org"},
    )
    assert response.status_code == status
    stored = Person.objects.filter(organisation=partner_org, name="Nieuwe collega")
    assert stored.exists() is (status == 302)
    if status == 302:
        assert response["Location"] == reverse("partners:detail", args=[partner_org.pk])


def test_contact_person_field_errors(as_role, partner_org):
    response = as_role("own_partner").post(
        reverse("partners:person_create", args=[partner_org.pk]),
        {"name": "", "email": "geen-adres"},
    )
    assert response.status_code != 302
    assert {"name", "email"} <= set(response.context["form"].errors)
    assert not Person.objects.filter(organisation=partner_org).exists()


def test_contact_person_of_an_unknown_organisation_is_404(as_role):
    url = reverse("partners:person_create", args=[999999])
    assert as_role("admin").get(url).status_code == 404
