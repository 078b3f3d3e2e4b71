"""Pages of at most ``MAX_PAGE_SIZE`` rows (issue 7, C11): ``?limit=100000000`` returned every
row. ``limit`` and ``offset`` outside their range are a ``400`` naming the parameter (an
offset beyond a database integer was an ``OverflowError``, a 500)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from .filters import MAX_ID

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class Pagination(LimitOffsetPagination):
    default_limit = DEFAULT_PAGE_SIZE
    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        return self._checked(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request):
        return self._checked(request, self.offset_query_param, 0, MAX_ID, 0)

    @staticmethod
    def _checked(request, name: str, minimum: int, maximum: int, default: int) -> int:
        raw = request.query_params.get(name, "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not minimum <= value <= maximum:
            raise ValidationError(
                {
                    name: [
                        _("Geef een geheel getal van %(minimum)s tot en met %(maximum)s.")
                        % {"minimum": minimum, "maximum": maximum}
                    ]
                }
            )
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_ID},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
