"""Reading list filters from the query string, and describing them in the schema."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError


def text_param(request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value or None


def code_param(request, name: str) -> str | None:
    """A CBS area code; case does not matter (``wk034401`` = ``WK034401``)."""
    value = text_param(request, name)
    return value.upper() if value else None


def int_param(request, name: str) -> int | None:
    value = text_param(request, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError({name: [_("Geef een geheel getal.")]}) from None


def int_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, description=description)


def code_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, description=f"{description} Any case.")


def text_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, description=description)


def choice_filter(name: str, choices, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, enum=[value for value, _label in choices], description=description
    )
