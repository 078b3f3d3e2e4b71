"""A database that is down, and refused requests in the log (issue 7, C13).

The API answered with Django's HTML 500 page, ``wijk budget list`` printed a traceback, and
every 403 was logged as a full traceback, twice. Now: JSON 503 for the API, a 503 page for
the site, one line from the command line, one log line per refusal.

The first tests point a separate process at a PostgreSQL port where nothing listens (the real
failure); the others make the open test connection fail, to check the log lines.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from rest_framework.test import APIClient

from tests import factories

UNREACHABLE = "postgres://wijk:geheim-wachtwoord@127.0.0.1:1/wijkaanpak"


def unreachable_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=UNREACHABLE,
        WIJKAANPAK_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="wijkaanpak.settings",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_DEBUG="0",
        LOG_LEVEL="INFO",
    )
    return env


REQUESTS = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.test import Client
    client = Client(raise_request_exception=False)
    out = []
    for method, path, kwargs in [
        ("get", "/api/v1/goals/", {}),
        ("get", "/api/v1/goals/?plan=1", {}),
        ("post", "/api/v1/budgets/1/vote/",
         {"data": {"code": "ABCD-EFGH", "choices": [1]}, "content_type": "application/json"}),
        ("get", "/plan/1/", {}),
        ("get", "/", {}),
        ("post", "/bewonersbudget/1/stemmen/", {"data": {"code": "x"}, "HTTP_ACCEPT": "application/json"}),
    ]:
        response = getattr(client, method)(path, **kwargs)
        out.append([path, response.status_code, response.get("Content-Type", ""),
                    response.get("Retry-After"), response.content.decode()[:2000]])
    print(json.dumps(out))
    """
)


def test_with_the_database_down_the_api_answers_json_503_and_pages_a_503_page(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", REQUESTS],
        env=unreachable_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results = {path: rest for path, *rest in json.loads(done.stdout.splitlines()[-1])}
    for path in ("/api/v1/goals/", "/api/v1/goals/?plan=1", "/api/v1/budgets/1/vote/"):
        status, content_type, retry, body = results[path]
        assert status == 503, (path, status, body[:300])
        assert content_type.startswith("application/json") and retry == "30"
        assert "database" in json.loads(body)["detail"]
    for path in ("/plan/1/", "/"):
        status, content_type, retry, body = results[path]
        assert status == 503 and content_type.startswith("text/html"), (path, status)
        assert "Even niet bereikbaar" in body and retry == "30"
    status, content_type, _retry, _body = results["/bewonersbudget/1/stemmen/"]
    assert status == 503 and content_type.startswith("application/json")
    # the log: one line per request, no traceback, no password
    assert "Traceback" not in done.stderr, done.stderr
    assert "geheim-wachtwoord" not in done.stderr + done.stdout
    assert done.stderr.count("database unavailable on") == len(results), done.stderr


UTRECHT = "kwb-2023-gm0344-utrecht.csv"


@pytest.mark.parametrize("command", [["budget", "list"], ["areas", "import", UTRECHT]])
def test_the_command_line_prints_one_clear_line(tmp_path, data_dir, command):
    (tmp_path / UTRECHT).write_bytes((data_dir / "cbs" / UTRECHT).read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "wijkaanpak.cli", *command],
        env=unreachable_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("wijk: the database cannot be reached (OperationalError")
    assert "geheim-wachtwoord" not in done.stderr


@pytest.fixture
def database_down(monkeypatch):
    """Every new use of the connection fails, as when the server has gone away."""

    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    def activate():
        monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)

    yield activate
    monkeypatch.undo()


@pytest.mark.django_db
def test_json_503_in_process_with_one_log_line(database_down, caplog):
    database_down()
    with caplog.at_level(logging.INFO):
        response = APIClient().get("/api/v1/plans/")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "De database is even niet bereikbaar. Probeer het over een paar minuten opnieuw."
    }
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 2, [r.getMessage() for r in records]  # ours + "Service Unavailable"
    assert all(r.exc_info is None for r in records)


@pytest.mark.django_db
def test_a_refused_page_is_logged_as_one_line_without_traceback(
    client, district, other_district, caplog
):
    manager = factories.UserFactory(role="district_manager", districts=[other_district])
    plan = factories.ActionPlanFactory(district=district)
    client.force_login(manager)
    with caplog.at_level(logging.INFO):
        response = client.get(f"/plan/{plan.pk}/bewerken/")
    assert response.status_code in (403, 404)
    records = [r for r in caplog.records if r.name.startswith("django")]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None and records[0].exc_text is None
    assert records[0].getMessage().startswith(("Forbidden", "Not Found"))


@pytest.mark.django_db
def test_a_refused_api_request_is_one_line(caplog):
    api = APIClient()
    api.force_authenticate(factories.UserFactory())  # signed in, but no role
    with caplog.at_level(logging.INFO):
        response = api.get("/api/v1/people/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name.startswith("django")]
    assert [r.getMessage() for r in records] == ["Forbidden: /api/v1/people/"]
    assert records[0].exc_info is None


def test_django_logs_through_the_root_handler_only():
    """Django's own console handler printed every line a second time with DEBUG on."""
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django").propagate
