"""E25: ``/api/v1/`` answers with an index of the API's parts and the schema URL, and a
signed-in user can make their own API key (no admin needed)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories


def test_api_root_lists_the_parts_and_the_schema(db):
    response = APIClient().get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["schema"] == "http://testserver/api/v1/schema/"
    assert APIClient().get(body["schema"]).status_code == 200
    parts = body["parts"]
    for part in ("areas", "plans", "goals", "projects", "output-measures", "budgets"):
        assert part in parts, part
    assert "/api/v1/areas/{code}/" in parts["areas"]
    assert "/api/v1/plans/{pk}/history/" in parts["plans"]
    assert "Token" in body["authentication"] and "/api-sleutel/" in body["authentication"]
    # every listed route without a parameter answers (no dead links in the index)
    for routes in parts.values():
        for route in routes:
            if "{" not in route and not route.endswith(("/import/", "/votes/")):
                status = APIClient().get(route).status_code
                assert status in (200, 401, 403, 405), (route, status)


@pytest.mark.parametrize(
    ("role", "status"), [(None, 403), ("district_manager", 200), ("partner", 200)]
)
def test_user_makes_their_own_api_key(client, district, partner_org, role, status):
    kwargs = {"districts": [district]} if role == "district_manager" else {}
    if role == "partner":
        kwargs = {"organisation": partner_org}
    user = factories.UserFactory(role=role, **kwargs)
    client.force_login(user)
    url = reverse("core:api_token")
    assert client.get(url).status_code == status
    if status != 200:
        assert client.post(url, {"action": "renew"}).status_code == 403
        assert not Token.objects.exists()
        return
    page = client.post(url, {"action": "renew"})
    key = Token.objects.get(user=user).key
    assert key in page.content.decode() and page["Cache-Control"] == "no-store"
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("v1:plan-list")).status_code == 200
    # a new key replaces the old one
    client.post(url, {"action": "renew"})
    assert Token.objects.get(user=user).key != key
    assert api.get(reverse("v1:plan-list")).status_code == 401
    client.post(url, {"action": "delete"})
    assert not Token.objects.filter(user=user).exists()


def test_api_key_page_needs_login(client, db):
    response = client.get(reverse("core:api_token"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
