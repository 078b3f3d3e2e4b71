from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkaanpak.accounts import permissions
from wijkaanpak.accounts.permissions import can_have_api_token, is_staff_member
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


@login_required
@require_GET
def start(request):
    """Where a user lands after login: a page per role (roles come from accounts.permissions).

    District manager: "Mijn wijken" with the signals of their districts. Partner: their
    organisation's projects and commitments. Admin: every district's signals. Residents (and
    other roles without a staff page of their own) go to the public home page.
    """
    from wijkaanpak.core import selectors

    page = permissions.start_page(request.user)
    if page == permissions.START_DISTRICTS:
        signals = selectors.district_signals(selectors.managed_districts(request.user))
        return render(request, "core/start_manager.html", {"signals": signals})
    if page == permissions.START_ORGANISATION:
        start_page = selectors.partner_start(request.user.profile.organisation)
        return render(request, "core/start_partner.html", {"start": start_page})
    if page == permissions.START_ALL_DISTRICTS:
        signals = selectors.district_signals(selectors.all_districts())
        return render(request, "core/start_admin.html", {"signals": signals})
    if page == permissions.START_BUDGETS:
        return redirect("budgets:list")
    return redirect("core:home")


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request):
    """Make (or replace) the signed-in user's API key; the key is shown only right after."""
    from rest_framework.authtoken.models import Token

    from wijkaanpak.accounts import services as accounts

    require(can_have_api_token(request.user))
    key = None
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            accounts.api_token_delete(user=request.user)
            flash.success(request, _("Uw API-sleutel is verwijderd."))
            return redirect("core:api_token")
        key = accounts.api_token_renew(user=request.user).key
    has_token = Token.objects.filter(user=request.user).exists()
    response = render(
        request,
        "core/api_token.html",
        {"key": key, "has_token": has_token, "api_root": request.build_absolute_uri("/api/v1/")},
    )
    response["Cache-Control"] = "no-store"  # the key must not stay in a cache
    return response
