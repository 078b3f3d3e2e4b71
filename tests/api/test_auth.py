"""Token and session authentication."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.plans.models import ActionPlan


def plan_body(district) -> dict:
    return {
        "district": district.code,
        "title": "Met een token",
        "vision": "-",
        "start_year": 2025,
        "end_year": 2029,
    }


def test_token_auth_writes_as_the_token_user(api, manager, district):
    token = Token.objects.create(user=manager)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post(reverse("v1:plan-list"), plan_body(district), format="json")
    assert response.status_code == 201, response.content
    assert ActionPlan.objects.get(pk=response.json()["id"]).changes.get().changed_by == manager


def test_a_wrong_token_is_401(api, district):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.post(reverse("v1:plan-list"), plan_body(district), format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not ActionPlan.objects.exists()


def test_anonymous_write_is_401_with_a_token_challenge(api, district):
    response = api.post(reverse("v1:plan-list"), plan_body(district), format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_auth_needs_the_csrf_token(manager, district):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username=manager.username, password=factories.PASSWORD)
    response = client.post(reverse("v1:plan-list"), plan_body(district), format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]

    client.get(reverse("login"))  # sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        reverse("v1:plan-list"), plan_body(district), format="json", HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 201, response.content
