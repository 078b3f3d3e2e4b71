from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkaanpak.accounts.permissions import (
    can_edit_organisation,
    can_manage_partners,
    is_staff_member,
)
from wijkaanpak.core.views import require, run_service
from wijkaanpak.partners import services
from wijkaanpak.partners.forms import OrganisationForm, PersonForm
from wijkaanpak.partners.models import Organisation


@require_GET
def organisation_list(request):
    """Public: who takes part, with how many commitments and projects."""
    organisations = Organisation.objects.annotate(
        commitment_count=Count("commitments", distinct=True),
        project_count=Count("projects", distinct=True),
    ).order_by("kind", "name")
    return render(
        request,
        "partners/organisation_list.html",
        {"organisations": organisations, "can_manage": can_manage_partners(request.user)},
    )


@require_GET
def organisation_detail(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    # Names and e-mail addresses of professionals: only for people who work with them.
    people = organisation.people.all() if is_staff_member(request.user) else None
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people,
            "commitments": organisation.commitments.select_related("plan", "goal"),
            "projects": organisation.projects.select_related("district"),
            "can_manage": can_edit_organisation(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    require(can_manage_partners(request.user))
    form = OrganisationForm(request.POST or None)
    if request.method == "POST":
        organisation = run_service(
            form, lambda data: services.organisation_create(by=request.user, **data)
        )
        if organisation:
            messages.success(request, _("De organisatie is toegevoegd."))
            return redirect("partners:detail", pk=organisation.pk)
    return render(
        request, "core/form.html", {"form": form, "title": _("Nieuwe partnerorganisatie")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    require(can_edit_organisation(request.user, organisation))
    form = PersonForm(request.POST or None)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.person_create(organisation=organisation, by=request.user, **data),
        ):
            messages.success(request, _("De contactpersoon is toegevoegd."))
            return redirect("partners:detail", pk=organisation.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Nieuwe contactpersoon bij %s") % organisation.name},
    )
