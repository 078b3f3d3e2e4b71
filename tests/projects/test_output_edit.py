"""E21: an output measure's name and unit can be corrected (service, page, API), by the same
people who may enter its figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.projects import services
from wijkaanpak.projects.models import OutputMeasure


@pytest.fixture
def measure(project):
    measure = factories.OutputMeasureFactory(project=project, name="Deelnemrs", unit="kindern")
    services.output_period_save(measure=measure, by=None, period="2025", planned=20)
    return measure


def test_service_renames_and_keeps_the_figures(measure, manager):
    services.output_measure_update(measure=measure, by=manager, name="Deelnemers", unit="kinderen")
    measure.refresh_from_db()
    assert (measure.name, measure.unit) == ("Deelnemers", "kinderen")
    assert measure.periods.get().planned == 20


def test_service_refuses_an_empty_name(measure, manager):
    with pytest.raises(ValidationError) as info:
        services.output_measure_update(measure=measure, by=manager, name="", unit="kinderen")
    assert "name" in info.value.message_dict
    measure.refresh_from_db()
    assert measure.name == "Deelnemrs"


def test_page_edits_name_and_unit(client, measure, manager):
    client.force_login(manager)
    project_page = client.get(measure.project.get_absolute_url()).content.decode()
    edit_url = reverse("projects:output_edit", args=[measure.pk])
    assert edit_url in project_page
    form = client.get(edit_url)
    assert form.status_code == 200 and 'value="Deelnemrs"' in form.content.decode()
    response = client.post(edit_url, {"name": "Deelnemers", "unit": "kinderen"})
    assert response.status_code == 302
    assert str(OutputMeasure.objects.get(pk=measure.pk)) == "Deelnemers (kinderen)"
    response = client.post(edit_url, {"name": "", "unit": "kinderen"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("no_role", 403), ("other_manager", 403), ("manager", 200)],
)
def test_page_is_for_editors_only(client, measure, manager, other_district, who, expected):
    users = {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "other_manager": factories.UserFactory(role="district_manager", districts=[other_district]),
        "manager": manager,
    }
    if users[who]:
        client.force_login(users[who])
    assert client.get(reverse("projects:output_edit", args=[measure.pk])).status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("other_partner", 403), ("own_partner", 200), ("manager", 200)],
)
def test_api_updates_name_and_unit(measure, manager, partner_org, who, expected):
    measure.project.partners.add(partner_org)
    users = {
        "anonymous": None,
        "other_partner": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "own_partner": factories.UserFactory(role="partner", organisation=partner_org),
        "manager": manager,
    }
    api = APIClient()
    if users[who]:
        api.force_authenticate(users[who])
    path = reverse("v1:output-measure-detail", args=[measure.pk])
    response = api.patch(path, {"unit": "kinderen", "project": 999}, format="json")
    assert response.status_code == expected, response.content
    measure.refresh_from_db()
    if expected == 200:
        assert measure.unit == "kinderen" and measure.name == "Deelnemrs"
        assert measure.project_id != 999
        assert response.json()["periods"][0]["period"] == "2025"
    else:
        assert measure.unit == "kindern"
    assert APIClient().get(path).status_code == 200  # reading stays public


def test_api_reports_a_bad_unit_on_its_field(measure, manager):
    api = APIClient()
    api.force_authenticate(manager)
    path = reverse("v1:output-measure-detail", args=[measure.pk])
    response = api.patch(path, {"unit": ""}, format="json")
    assert response.status_code == 400 and "unit" in response.json()
