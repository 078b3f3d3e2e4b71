"""The committed OpenAPI file must match the code (drift check), and every view says who may
use it."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from rest_framework.views import APIView

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "v1.yaml"
REGENERATE = (
    "WIJKAANPAK_DATA_DIR=/tmp/wk-api wijk spectacular --file openapi/v1.yaml --validate"
    "   (from the repository root, in the project's virtualenv)"
)


def test_committed_schema_matches_the_code(tmp_path):
    generated = tmp_path / "v1.yaml"
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--file", str(generated), "--validate")
    assert COMMITTED.exists(), f"openapi/v1.yaml is missing. Generate it with:\n  {REGENERATE}"
    new, old = generated.read_text(), COMMITTED.read_text()
    if new != old:
        diff = "".join(
            list(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    "openapi/v1.yaml (committed)",
                    "generated from the code",
                )
            )[:60]
        )
        pytest.fail(
            f"openapi/v1.yaml differs from the API in the code. If the change is intended, "
            f"regenerate and commit it:\n  {REGENERATE}\n\n{diff}"
        )


def test_schema_is_served_publicly(api, db):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content


def _api_views(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is not None and issubclass(view_class, APIView):
                yield prefix + str(entry.pattern), view_class


def test_every_api_view_declares_its_permission():
    views = list(_api_views(get_resolver().url_patterns))
    assert len(views) > 20
    implicit = [
        route
        for route, view in views
        if not any("permission_classes" in vars(cls) for cls in view.__mro__ if cls is not APIView)
    ]
    assert implicit == [], "set permission_classes on these views"
