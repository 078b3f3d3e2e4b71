"""The monitor API (routes of ``monitor/api_urls.py``, mounted under /api/v1/)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from tests import factories
from tests.monitor.conftest import add
from wijkaanpak.monitor.models import IndexSettings, Observation, Strength

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_schema_with_the_monitor_routes_is_valid():
    schema = SchemaGenerator().get_schema(public=True)
    validate_schema(schema)
    paths = schema["paths"]
    for route in [
        "/api/v1/observations/",
        "/api/v1/observations.csv",
        "/api/v1/observations/import/",
        "/api/v1/areas/{code}/index/",
        "/api/v1/areas/{code}/strengths/",
        "/api/v1/plans/{id}/progress/",
        "/api/v1/goals/{id}/progress/",
        "/api/v1/municipalities/{code}/index.csv",
        "/api/v1/indicators.csv",
    ]:
        assert any(p.replace("{pk}", "{id}") == route for p in paths), route


def test_observations_filter_and_paginate(api, city):
    response = api.get(reverse("v1:observation-list"), {"area": "wk099901", "indicator": "x_werk"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["results"][0] == {
        "area": "WK099901",
        "indicator": "x_werk",
        "period": 2020,
        "value": 10.0,
        "status": "ok",
        "source": "test",
    }
    only = api.get(reverse("v1:observation-list"), {"period_from": 2021}).json()
    assert {r["period"] for r in only["results"]} == {2021}
    bad = api.get(reverse("v1:observation-list"), {"period": "twintig"})
    assert bad.status_code == 400


def test_national_figures_use_nl00(api, city):
    add(None, city.x, 2020, 21)
    rows = api.get(reverse("v1:observation-list"), {"area": "NL00"}).json()["results"]
    assert rows == [
        {
            "area": "NL00",
            "indicator": "x_werk",
            "period": 2020,
            "value": 21.0,
            "status": "ok",
            "source": "test",
        }
    ]


def test_observations_csv_streams_every_row(api, city):
    response = api.get(reverse("v1:observation-csv"), {"area": "WK099901"})
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0] == "gebiedscode;indicator;jaar;waarde;status;bron"
    assert len(lines) == 1 + 6  # 3 indicators x 2 years


def test_index_endpoint(api, city):
    body = api.get(reverse("v1:area-index", args=["WK099901"]), {"year": 2020}).json()
    assert body["year"] == 2020 and body["base_year"] == 2020
    social = next(d for d in body["domains"] if d["domain"] == "sociaal")
    assert social["score"] == pytest.approx(92.583, abs=0.001) and social["band"] == "around"
    assert [y["year"] for y in body["by_year"]] == [2020, 2021]
    assert api.get(reverse("v1:area-index", args=["WK000000"])).status_code == 404
    # coverage: 3 of 3 social indicators, each value with its year; the rules are stated
    assert (social["indicators_scored"], social["indicators_total"]) == (3, 3)
    assert social["sufficient"] and body["min_coverage"] == 0.5 and body["window_years"] == 2
    werk = social["themes"][0]
    assert werk["sufficient"] and werk["missing"] == []
    assert {i["year"] for i in werk["indicators"]} == {2020}
    # default year: the latest that meets the minimum coverage (A has 2021 figures)
    latest = api.get(reverse("v1:area-index", args=["WK099901"])).json()
    assert latest["year"] == 2021


def test_index_endpoint_gives_no_score_below_the_minimum_coverage(api, city):
    IndexSettings.objects.update(
        members=[
            {"code": "x_werk", "domain": "sociaal", "theme": "werk"},
            {"code": "nog_niet", "domain": "sociaal", "theme": "werk"},
            {"code": "ook_niet", "domain": "sociaal", "theme": "werk"},
        ]
    )
    body = api.get(reverse("v1:area-index", args=["WK099901"])).json()
    social = next(d for d in body["domains"] if d["domain"] == "sociaal")
    # 1 of 3: the score 100 of x alone used to be the index ("around")
    assert social["score"] is None and social["band"] is None and not social["sufficient"]
    assert (social["indicators_scored"], social["indicators_total"]) == (1, 3)
    assert social["themes"][0]["missing"] == ["nog_niet", "ook_niet"]


def test_plan_and_goal_progress(api, city):
    plan = factories.ActionPlanFactory(district=city.a)
    goal = factories.GoalFactory(
        plan=plan,
        indicator=city.x,
        baseline_year=2020,
        baseline_value=10,
        target_year=2030,
        target_value=30,
    )
    body = api.get(reverse("v1:plan-progress", args=[plan.pk])).json()
    assert body["summary"]["green"] == 1 and body["as_of"] == 2021
    assert body["summary"]["with_measurement"] == 1
    assert body["summary"]["without_measurement"] == 0
    assert body["goals"][0]["expected"] == pytest.approx(12.0)
    one = api.get(reverse("v1:goal-progress", args=[goal.pk])).json()
    assert one["light"] == "green" and one["latest_value"] == 20
    csv_text = api.get(reverse("v1:plan-progress-csv", args=[plan.pk])).content.decode()
    assert "green" in csv_text


def test_strengths_read_publicly_written_by_signed_in_users(api, district):
    url = reverse("v1:area-strengths", args=[district.code])
    assert api.post(url, {"kind": "talent", "title": "Kookles"}).status_code in (401, 403)
    api.force_authenticate(factories.UserFactory())
    created = api.post(url, {"kind": "talent", "title": "Kookles"})
    assert created.status_code == 201 and created.json()["added_as"] == "resident"
    invalid = api.post(url, {"kind": "talent", "title": ""})
    assert invalid.status_code == 400 and "title" in invalid.json()
    api.force_authenticate(None)
    assert [s["title"] for s in api.get(url).json()["results"]] == ["Kookles"]
    assert Strength.objects.count() == 1


def test_import_endpoint_permissions_and_problems(api, district, partner_user, manager):
    factories.IndicatorFactory(code="onveilig")

    def upload(text: str):
        return {"file": SimpleUploadedFile("e.csv", text.encode())}

    url = reverse("v1:observation-import")
    good = f"gebiedscode;indicator;jaar;waarde\n{district.code};onveilig;2023;31\n"
    assert api.post(url, upload(good), format="multipart").status_code == 401
    api.force_authenticate(partner_user)
    assert api.post(url, upload(good), format="multipart").status_code == 403
    api.force_authenticate(manager)
    bad = api.post(url, upload(good.replace(";31", ";veel")), format="multipart")
    assert bad.status_code == 400 and "regel 2" in bad.json()["problems"][0]
    assert not Observation.objects.exists()
    ok = api.post(url, upload(good), format="multipart")
    assert ok.status_code == 201 and ok.json()["created"] == 1


def test_indicator_and_municipality_csv(api, city):
    text = api.get(reverse("v1:indicator-csv")).content.decode()
    assert text.splitlines()[0].startswith("code;naam;naam_en;eenheid;richting")
    index_csv = api.get(reverse("v1:municipality-index-csv", args=["GM0999"])).content.decode()
    assert index_csv.splitlines()[1].startswith("WK099901;Wijk A")
