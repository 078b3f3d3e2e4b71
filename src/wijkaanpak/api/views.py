"""The index of ``/api/v1/``: the API's parts and where the schema is (instead of a 404)."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def _routes(patterns, prefix: str = "") -> list[str]:
    """Every route below ``patterns`` as a template (``areas/{code}/``), in URL-conf order."""
    out: list[str] = []
    for pattern in patterns:
        route = prefix + _CONVERTER.sub(r"{\1}", str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            out += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route:
            out.append(route)
    return out


def api_parts(base: str) -> dict[str, list[str]]:
    """The routes grouped by their first path segment (``areas``, ``plans``, ``budgets`` ...)."""
    from wijkaanpak.api import urls

    parts: dict[str, list[str]] = {}
    for route in _routes(urls.urlpatterns):
        parts.setdefault(route.split("/", 1)[0].split(".", 1)[0], []).append(base + route)
    return parts


class ApiRootView(APIView):
    """What this API offers: its parts with their routes, the OpenAPI schema and how to sign in."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, *args, **kwargs):
        base = reverse("v1:root")
        schema = request.build_absolute_uri(reverse("v1:schema"))
        return Response(
            {
                "name": "Wijkaanpak API",
                "version": "v1",
                "schema": schema,
                "authentication": (
                    "Reading public data needs no account. To write, send "
                    "'Authorization: Token <key>'; a signed-in user makes a key on "
                    + request.build_absolute_uri(reverse("core:api_token"))
                    + " (or an operator runs 'wijk drf_create_token USERNAME')."
                ),
                "parts": api_parts(base),
            }
        )
