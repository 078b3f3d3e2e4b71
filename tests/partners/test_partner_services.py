"""The partners app's write path: organisations and their contact people."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wijkaanpak.partners import services
from wijkaanpak.partners.models import Organisation, Person


def test_organisation_create_stores_the_given_fields(municipality, manager):
    organisation = services.organisation_create(
        by=manager,
        name="Stichting Buurtwerk",
        kind="welfare",
        municipality=municipality,
        website="https://buurtwerk.example",
        description="Welzijn in de wijk",
    )
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.kind, stored.municipality, stored.website) == (
        "Stichting Buurtwerk",
        "welfare",
        municipality,
        "https://buurtwerk.example",
    )
    assert not stored.is_demo


def test_organisation_create_reports_field_errors_and_stores_nothing(manager):
    factories.OrganisationFactory(name="Bestaat al")
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(by=manager, name="Bestaat al", kind="spaceship", website="x")
    assert {"name", "kind", "website"} <= set(exc.value.message_dict)
    assert Organisation.objects.count() == 1


def test_organisation_municipality_must_be_a_municipality(district, manager):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            by=manager, name="Wijkteam", kind="care", municipality=district
        )
    assert "municipality" in exc.value.message_dict
    assert not Organisation.objects.exists()


def test_organisation_create_refuses_unknown_fields(manager):
    with pytest.raises(TypeError, match="color"):
        services.organisation_create(by=manager, name="X", kind="care", color="red")
    assert not Organisation.objects.exists()


def test_organisation_update_changes_only_the_given_fields(manager):
    organisation = factories.OrganisationFactory(name="Oud", kind="housing", description="blijft")
    services.organisation_update(organisation=organisation, by=manager, name="Nieuw")
    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind, organisation.description) == (
        "Nieuw",
        "housing",
        "blijft",
    )


def test_organisation_update_with_an_error_leaves_the_row_unchanged(manager):
    factories.OrganisationFactory(name="Bezet")
    organisation = factories.OrganisationFactory(name="Eigen naam")
    with pytest.raises(ValidationError) as exc:
        services.organisation_update(organisation=organisation, by=manager, name="Bezet")
    assert list(exc.value.message_dict) == ["name"]
    organisation.refresh_from_db()
    assert organisation.name == "Eigen naam"


def test_person_create_belongs_to_the_organisation(partner_org, partner_user):
    person = services.person_create(
        organisation=partner_org,
        by=partner_user,
        name="Fatima el Amrani",
        job_title="opbouwwerker",
        email="f.elamrani@example.org",
    )
    stored = Person.objects.get(pk=person.pk)
    assert (stored.organisation, stored.name, stored.email) == (
        partner_org,
        "Fatima el Amrani",
        "f.elamrani@example.org",
    )
    assert stored.user is None


def test_person_create_reports_field_errors_and_stores_nothing(partner_org, manager):
    with pytest.raises(ValidationError) as exc:
        services.person_create(organisation=partner_org, by=manager, name="", email="geen-adres")
    assert {"name", "email"} <= set(exc.value.message_dict)
    assert not Person.objects.exists()


def test_person_create_refuses_fields_outside_its_list(partner_org, manager):
    data = {"name": "X", "organisation_id": factories.OrganisationFactory().pk}
    with pytest.raises(TypeError, match="organisation_id"):
        services.person_create(organisation=partner_org, by=manager, **data)
    assert not Person.objects.exists()
