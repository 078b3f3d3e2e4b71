"""Reading list filters from the query string, and describing them in the schema.

Every filter checks its range before it reaches the database (issue 7, C11): an id beyond
what a database integer holds used to raise ``OverflowError`` (a 500) on SQLite and an
out-of-range error on PostgreSQL. Out of range, not a number or too long: ``400`` with the
parameter named, ``{"plan": ["..."]}``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

#: ids are positive and fit a signed 64-bit integer (BigAutoField; SQLite's INTEGER)
MIN_ID = 1
MAX_ID = 2**63 - 1
#: years of figures, money and plans
MIN_YEAR = 1800
MAX_YEAR = 2200
#: text filters (names, codes, comma-separated lists of codes)
MAX_TEXT = 500


def text_param(request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_TEXT:
        raise ValidationError({name: [_("Hoogstens %(count)s tekens.") % {"count": MAX_TEXT}]})
    return value or None


def code_param(request, name: str) -> str | None:
    """A CBS area code; case does not matter (``wk034401`` = ``WK034401``)."""
    value = text_param(request, name)
    return value.upper() if value else None


def int_param(request, name: str, *, minimum: int = MIN_ID, maximum: int = MAX_ID) -> int | None:
    """An integer filter (an id unless other bounds are given) within its range."""
    value = text_param(request, name)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({name: [_("Geef een geheel getal.")]}) from None
    if not minimum <= number <= maximum:
        raise ValidationError(
            {
                name: [
                    _("Geef een geheel getal van %(minimum)s tot en met %(maximum)s.")
                    % {"minimum": minimum, "maximum": maximum}
                ]
            }
        )
    return number


def year_param(request, name: str) -> int | None:
    return int_param(request, name, minimum=MIN_YEAR, maximum=MAX_YEAR)


def _int_schema(minimum: int, maximum: int) -> dict:
    return {"type": "integer", "format": "int64", "minimum": minimum, "maximum": maximum}


def int_filter(name: str, description: str) -> OpenApiParameter:
    """An id filter in the schema, with its range."""
    return OpenApiParameter(name, _int_schema(MIN_ID, MAX_ID), description=description)


def year_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, _int_schema(MIN_YEAR, MAX_YEAR), description=description)


def code_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, description=f"{description} Any case.")


def text_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, description=description)


def choice_filter(name: str, choices, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, enum=[value for value, _label in choices], description=description
    )
