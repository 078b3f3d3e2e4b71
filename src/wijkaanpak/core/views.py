from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkaanpak.accounts.permissions import is_staff_member
from wijkaanpak.areas.models import Area, AreaKind


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's field-level errors on the form fields they belong to."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def run_service(form, call: Callable[[dict[str, Any]], Any]) -> Any | None:
    """Validate the form, then call the service; on a rule violation keep the user's input."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@require_GET
def home(request):
    """Public: the municipalities and their districts, with how many plans and projects each has."""
    districts = (
        Area.objects.filter(kind=AreaKind.DISTRICT)
        .select_related("parent")
        .annotate(
            plan_count=Count("action_plans", distinct=True),
            project_count=Count("projects", distinct=True),
        )
        .order_by("parent__name", "name")
    )
    return render(
        request,
        "core/home.html",
        {"districts": districts, "is_staff_member": is_staff_member(request.user)},
    )
