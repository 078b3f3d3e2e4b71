"""When the database cannot be reached: ``503``, not an HTML ``500`` (issue 7, C13).

``DatabaseUnavailableMiddleware`` turns a connection failure raised by any view into a
``503 Service Unavailable`` with ``Retry-After``: JSON ``{"detail": ...}`` for the API (and for
clients that ask for JSON), a plain page otherwise. The API's exception handler answers the
same for DRF views; ``server_error`` (``handler500``) catches what fails outside a view (a
middleware writing the session, say). The page is rendered without the request context: the
context processors would need the database again.

One line is logged per failure, with the exception's class and first line (psycopg and
sqlite3 name host, port or file, never the password); no traceback.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger("wijkaanpak.unavailable")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_down(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_ERRORS)


def describe(exc: BaseException) -> str:
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:200]}"


def wants_json(request: HttpRequest) -> bool:
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def message() -> str:
    return _("De database is even niet bereikbaar. Probeer het over een paar minuten opnieuw.")


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    logger.error("database unavailable on %s %s: %s", request.method, request.path, describe(exc))
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse({"detail": message()}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message()}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_down(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: a database failure outside a view is a 503 too."""
    exc = sys.exc_info()[1]
    if is_database_down(exc):
        assert exc is not None
        return unavailable_response(request, exc)
    return defaults.server_error(request, template_name)


class OneLineRefusals(logging.Filter):
    """On ``django.request``: no traceback for a refused request (403 ``PermissionDenied``,
    404, 400) nor for the 503 of a database that is down (logged above in one line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and (status < 500 or status == 503):
            record.exc_info = None
            record.exc_text = None
        return True
