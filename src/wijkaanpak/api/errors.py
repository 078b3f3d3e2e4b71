"""One translation from the services' errors to HTTP, shared by every API view.

The services raise django's ``ValidationError`` with a field dict (``{"amount": ["..."]}``);
the API answers ``400`` with the same dict. Errors not tied to a field go under DRF's
``non_field_errors`` key, as serializer errors do.

Views get this handler through ``ServiceErrorsMixin``. To make it global, set
``REST_FRAMEWORK["EXCEPTION_HANDLER"] = "wijkaanpak.api.errors.exception_handler"``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from wijkaanpak.core import unavailable


def field_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """``{"field": ["message", ...]}`` for any django ``ValidationError``."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
            for name, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(field_errors(exc))
    if unavailable.is_database_down(exc):
        # JSON 503 with Retry-After, not Django's HTML 500 page
        request = context.get("request")
        path = getattr(request, "path", "?")
        unavailable.logger.error(
            "database unavailable on %s %s: %s",
            getattr(request, "method", "?"),
            path,
            unavailable.describe(exc),
        )
        return Response(
            {"detail": unavailable.message()},
            status=503,
            headers={"Retry-After": str(unavailable.RETRY_AFTER_SECONDS)},
        )
    return drf_exception_handler(exc, context)


class ServiceErrorsMixin:
    """Put first in a view's bases: a service's ``ValidationError`` becomes a 400 field dict."""

    def get_exception_handler(self):
        return exception_handler
