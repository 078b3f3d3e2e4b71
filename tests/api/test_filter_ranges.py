"""Filters and page sizes check their range (issue 7, C11): an id beyond a database integer
was an ``OverflowError`` (HTTP 500) for anonymous readers, and ``?limit=100000000``
returned every row. Now: ``400`` naming the parameter, and pages of at most 1,000 rows."""

import pytest
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.api.pagination import MAX_PAGE_SIZE

pytestmark = pytest.mark.django_db

API = "/api/v1"

#: every id filter of every list, as (path, parameter)
ID_FILTERS = [
    ("goals/", "plan"),
    ("commitments/", "plan"),
    ("commitments/", "partner"),
    ("projects/", "organisation"),
    ("projects/", "goal"),
    ("output-measures/", "project"),
    ("output-periods/", "measure"),
    ("output-periods/", "project"),
    ("budget-lines/", "project"),
    ("budget-lines/", "funder"),
    ("mkba/analyses/", "project"),
    ("people/", "organisation"),  # staff only: tried signed in
]

#: every year filter, as (path, parameter)
YEAR_FILTERS = [
    ("budget-lines/", "year"),
    ("observations/", "period"),
    ("observations/", "period_from"),
    ("observations/", "period_to"),
    ("observations.csv", "period"),
    ("areas/{code}/index/", "year"),
]

BAD_NUMBERS = ["99999999999999999999", "9223372036854775808", "-1", "0", "abc", "1.5", "1e3"]


def client_for(path: str, admin_user) -> APIClient:
    client = APIClient()
    if path == "people/":
        client.force_authenticate(admin_user)
    return client


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize(("path", "name"), ID_FILTERS)
def test_every_id_filter_refuses_out_of_range_values(path, name, value, admin_user):
    response = client_for(path, admin_user).get(f"{API}/{path}", {name: value})
    assert response.status_code == 400, (path, name, value, response.status_code)
    assert list(response.json()) == [name]


@pytest.mark.parametrize(("path", "name"), ID_FILTERS)
def test_every_id_filter_still_filters(path, name, admin_user):
    response = client_for(path, admin_user).get(f"{API}/{path}", {name: "9223372036854775807"})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc", "10000", "1799"])
@pytest.mark.parametrize(("path", "name"), YEAR_FILTERS)
def test_every_year_filter_refuses_out_of_range_values(path, name, value, district):
    response = APIClient().get(f"{API}/{path.format(code=district.code)}", {name: value})
    assert response.status_code == 400, (path, name, value, response.status_code)
    assert list(response.json()) == [name]


@pytest.mark.parametrize(("path", "name"), YEAR_FILTERS)
def test_a_year_in_range_is_fine(path, name, district):
    response = APIClient().get(f"{API}/{path.format(code=district.code)}", {name: "2024"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": "100000000"}, "limit"),
        ({"limit": "99999999999999999999"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "veel"}, "limit"),
        ({"offset": "99999999999999999999"}, "offset"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "x"}, "offset"),
    ],
)
def test_page_size_and_offset_are_checked(params, name, db):
    response = APIClient().get(f"{API}/areas/", params)
    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_pages_hold_at_most_the_maximum(municipality):
    for n in range(3):
        factories.AreaFactory(parent=municipality, district=True, code=f"WK09990{n}")
    client = APIClient()
    body = client.get(f"{API}/areas/", {"limit": MAX_PAGE_SIZE}).json()
    assert body["count"] == 4 and len(body["results"]) == 4
    first = client.get(f"{API}/areas/", {"limit": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    assert client.get(f"{API}/areas/", {"limit": MAX_PAGE_SIZE + 1}).status_code == 400


def test_a_text_filter_has_a_maximum_length(db):
    response = APIClient().get(f"{API}/areas/", {"q": "x" * 501})
    assert response.status_code == 400 and list(response.json()) == ["q"]
