"""Fixtures for the initiatives tests: a district with a plan goal, people per role, and
uploads kept in a temporary MEDIA_ROOT."""

from __future__ import annotations

import pytest

from tests import factories

# A real 1x1 PNG: photographed receipts are re-encoded, so the bytes must be an image.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00"
    b"\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Receipts go to a temporary folder: nothing leaks into the repository."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def initiative(district, goal):
    return factories.InitiativeFactory(area=district, running=True, goals=[goal])


@pytest.fixture
def coordinator(db):
    """A resident's own account (no role) that coordinates ``initiative``."""
    return factories.UserFactory()


@pytest.fixture
def coordinated(initiative, coordinator):
    initiative.coordinator = coordinator
    initiative.save(update_fields=["coordinator"])
    return initiative


@pytest.fixture
def users(manager, other_district, admin_user, partner_user, coordinator):
    return {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "partner": partner_user,
        "other_manager": factories.UserFactory(role="district_manager", districts=[other_district]),
        "coordinator": coordinator,
        "manager": manager,
        "admin": admin_user,
    }
