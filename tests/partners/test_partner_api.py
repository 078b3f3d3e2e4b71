"""Partner API: organisations are public and read-only, contact people are for staff only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories


def url(name: str, *args) -> str:
    return reverse(f"v1:{name}", args=args)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_organisations_are_listed_for_anonymous_readers(api, municipality):
    school = factories.OrganisationFactory(
        name="Basisschool De Linde", kind="school", municipality=municipality
    )
    factories.OrganisationFactory(name="Corporatie Thuis", kind="housing")
    body = api.get(url("organisation-list")).json()
    assert [o["name"] for o in body["results"]] == ["Basisschool De Linde", "Corporatie Thuis"]
    [first] = [o for o in body["results"] if o["id"] == school.pk]
    assert first == {
        "id": school.pk,
        "name": "Basisschool De Linde",
        "kind": "school",
        "municipality": municipality.code,
        "website": "",
        "description": "",
    }


def test_organisations_filter_by_kind_and_name(api, db):
    factories.OrganisationFactory(name="Basisschool De Linde", kind="school")
    factories.OrganisationFactory(name="Lindenhof Zorg", kind="care")

    def names(query):
        return [o["name"] for o in api.get(url("organisation-list"), query).json()["results"]]

    assert names({"kind": "school"}) == ["Basisschool De Linde"]
    assert names({"q": "linde"}) == ["Basisschool De Linde", "Lindenhof Zorg"]
    assert names({"q": "linde", "kind": "care"}) == ["Lindenhof Zorg"]


def test_organisations_cannot_be_written_through_the_api(api, admin_user, partner_org):
    api.force_authenticate(admin_user)
    detail = url("organisation-detail", partner_org.pk)
    assert api.patch(detail, {"name": "Anders"}, format="json").status_code == 405
    assert api.delete(detail).status_code == 405
    partner_org.refresh_from_db()
    assert partner_org.name != "Anders"


def test_people_are_hidden_from_the_public_and_filtered_for_staff(api, manager, partner_org):
    mine = factories.PersonFactory(organisation=partner_org, email="a@example.org")
    factories.PersonFactory(email="b@example.org")
    assert api.get(url("person-list")).status_code == 401
    assert api.get(url("person-detail", mine.pk)).status_code == 401
    api.force_authenticate(manager)
    body = api.get(url("person-list"), {"organisation": partner_org.pk}).json()
    assert [p["email"] for p in body["results"]] == ["a@example.org"]
    assert body["results"][0]["organisation"] == partner_org.pk
    assert api.post(url("person-list"), {"name": "X"}, format="json").status_code == 405
