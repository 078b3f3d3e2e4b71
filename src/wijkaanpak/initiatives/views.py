"""Web pages for initiatives: the public account, crowd support, and the staff forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkaanpak.accounts.permissions import (
    can_create_initiative,
    can_edit_initiative,
    can_issue_voucher,
    can_pledge,
    can_report_on_initiative,
    can_see_initiative_contacts,
    can_view_receipts,
)
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.views import require, run_service
from wijkaanpak.initiatives import selectors, services
from wijkaanpak.initiatives.forms import (
    InitiativeForm,
    MilestoneForm,
    NeedForm,
    PledgeForm,
    SpendingForm,
    UpdateForm,
    VoucherForm,
)
from wijkaanpak.initiatives.models import (
    RECEIPT_TYPES,
    Initiative,
    Milestone,
    Need,
    Pledge,
    SpendingEntry,
    receipt_extension,
)


def _initiative(pk: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("area", "area__parent", "idea"), pk=pk
    )


def _form_page(request, form, title: str, back: Initiative, **extra):
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "title": title, "initiative": back, **extra},
    )


# --- public -----------------------------------------------------------------------------------


@require_GET
def initiative_list(request):
    """Public: every initiative with its money, progress and flags; filter by district."""
    district = None
    if code := request.GET.get("wijk", "").strip().upper():
        district = Area.objects.filter(code=code, kind=AreaKind.DISTRICT).first()
    rows = [
        {
            "initiative": i,
            "money": selectors.money_of(i),
            "flags": selectors.accountability_flags(i),
            "progress": selectors.progress_of(i).overall,
            "crowd": selectors.crowd_support_of(i),
        }
        for i in selectors.initiatives_in(district)
    ]
    districts = Area.objects.filter(kind=AreaKind.DISTRICT).select_related("parent")
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "rows": rows,
            "district": district,
            "districts": districts.order_by("parent__name", "name"),
            "can_create": district is not None and can_create_initiative(request.user, district),
        },
    )


@require_GET
def initiative_list_csv(request):
    """Public open data: the figures of the list page (no personal data, no receipts)."""
    district = None
    if code := request.GET.get("wijk", "").strip().upper():
        district = get_object_or_404(Area, code=code, kind=AreaKind.DISTRICT)
    response = HttpResponse(
        selectors.initiatives_csv(district), content_type="text/csv; charset=utf-8"
    )
    name = f"initiatieven-{district.code}.csv" if district else "initiatieven.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def initiative_detail(request, pk: int):
    """Public: money granted and spent, progress of the parts, updates and crowd support."""
    initiative = _initiative(pk)
    user = request.user
    can_report = can_report_on_initiative(user, initiative)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "money": selectors.money_of(initiative),
            "flags": selectors.accountability_flags(initiative),
            "progress": selectors.progress_of(initiative),
            "crowd": selectors.crowd_support_of(initiative),
            "vouchers": initiative.vouchers.all(),
            "spending": selectors.public_spending(initiative),
            "updates": initiative.updates.all(),
            "goals": initiative.goals.select_related("plan"),
            "can_edit": can_edit_initiative(user, initiative),
            "can_issue_voucher": can_issue_voucher(user, initiative),
            "can_report": can_report,
            "can_view_receipts": can_view_receipts(user, initiative),
            "can_see_contacts": can_see_initiative_contacts(user, initiative),
            "update_interval_months": selectors.update_interval_months(),
        },
    )


@require_http_methods(["GET", "POST"])
def pledge_create(request, pk: int):
    """Public: offer help for a need, with or without an account."""
    need = get_object_or_404(Need.objects.select_related("initiative__area"), pk=pk)
    require(can_pledge(request.user, need))
    form = PledgeForm(request.POST or None, need=need)
    if request.method == "POST":
        pledge = run_service(
            form, lambda data: services.pledge_create(need=need, by=request.user, **data)
        )
        if pledge:
            messages.success(request, _("Dank u wel! Uw hulp is genoteerd."))
            return redirect(need.initiative)
    return render(
        request,
        "initiatives/pledge.html",
        {"form": form, "need": need, "initiative": need.initiative},
        status=422 if form.errors else 200,
    )


# --- staff: the initiative --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request, code: str):
    district = get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)
    require(can_create_initiative(request.user, district))
    form = InitiativeForm(request.POST or None, district=district)
    if request.method == "POST":
        initiative = run_service(
            form, lambda data: services.initiative_create(by=request.user, **data)
        )
        if initiative:
            messages.success(request, _("Het initiatief is toegevoegd."))
            return redirect(initiative)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Nieuw initiatief in %s") % district.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk: int):
    initiative = _initiative(pk)
    require(can_edit_initiative(request.user, initiative))
    form = InitiativeForm(request.POST or None, instance=initiative, district=initiative.district)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.initiative_update(initiative=initiative, by=request.user, **data),
        ):
            messages.success(request, _("Het initiatief is bijgewerkt."))
            return redirect(initiative)
    return _form_page(request, form, _("Initiatief bewerken: %s") % initiative.title, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def voucher_issue(request, pk: int):
    initiative = _initiative(pk)
    require(can_issue_voucher(request.user, initiative))
    form = VoucherForm(request.POST or None, initial={"issued_on": timezone.localdate()})
    if request.method == "POST":
        voucher = run_service(
            form,
            lambda data: services.voucher_issue(initiative=initiative, by=request.user, **data),
        )
        if voucher:
            messages.success(request, _("Voucher %(code)s is uitgegeven.") % {"code": voucher.code})
            return redirect(initiative)
    return _form_page(request, form, _("Voucher uitgeven: %s") % initiative.title, initiative)


# --- staff and coordinator: accounting for the money and the progress -------------------------


@login_required
@require_http_methods(["GET", "POST"])
def spending_add(request, pk: int):
    initiative = _initiative(pk)
    require(can_report_on_initiative(request.user, initiative))
    form = SpendingForm(
        request.POST or None,
        request.FILES or None,
        initial={"spent_on": timezone.localdate()},
    )
    if request.method == "POST":
        entry = run_service(
            form,
            lambda data: services.spending_add(initiative=initiative, by=request.user, **data),
        )
        if entry:
            messages.success(request, _("De uitgave is opgeslagen."))
            money = selectors.money_of(initiative)
            if money.overspent:
                messages.warning(
                    request,
                    _(
                        "Let op: er is nu meer uitgegeven dan de voucher. Het initiatief krijgt "
                        "een signaal op de openbare pagina."
                    ),
                )
            return redirect(initiative)
    return _form_page(request, form, _("Uitgave toevoegen: %s") % initiative.title, initiative)


@login_required
@require_GET
def receipt_download(request, pk: int):
    """Staff only: the receipt of a spending entry, never a public media URL."""
    entry = get_object_or_404(
        SpendingEntry.objects.select_related("initiative__area__parent"), pk=pk
    )
    require(can_view_receipts(request.user, entry.initiative))
    if not entry.receipt:
        raise Http404
    extension = receipt_extension(entry.receipt.name)
    content_type = RECEIPT_TYPES.get(extension, ("application/octet-stream",))[0]
    try:
        handle = entry.receipt.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"bon-{entry.initiative_id}-{entry.pk}.{extension}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def update_post(request, pk: int):
    initiative = _initiative(pk)
    require(can_report_on_initiative(request.user, initiative))
    form = UpdateForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.update_post(initiative=initiative, by=request.user, **data),
        ):
            messages.success(request, _("Het bericht staat op de pagina."))
            return redirect(initiative)
    return _form_page(request, form, _("Bericht plaatsen: %s") % initiative.title, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_create(request, pk: int):
    initiative = _initiative(pk)
    require(can_report_on_initiative(request.user, initiative))
    form = MilestoneForm(request.POST or None, initiative=initiative)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.milestone_create(initiative=initiative, by=request.user, **data),
        ):
            messages.success(request, _("Het onderdeel is toegevoegd."))
            return redirect(initiative)
    return _form_page(request, form, _("Onderdeel toevoegen: %s") % initiative.title, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk: int):
    milestone = get_object_or_404(
        Milestone.objects.select_related("initiative__area__parent"), pk=pk
    )
    initiative = milestone.initiative
    require(can_report_on_initiative(request.user, initiative))
    form = MilestoneForm(request.POST or None, instance=milestone, initiative=initiative)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.milestone_update(milestone=milestone, by=request.user, **data),
        ):
            messages.success(request, _("Het onderdeel is bijgewerkt."))
            return redirect(initiative)
    return _form_page(request, form, _("Onderdeel bewerken: %s") % milestone.title, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request, pk: int):
    initiative = _initiative(pk)
    require(can_report_on_initiative(request.user, initiative))
    form = NeedForm(request.POST or None)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.need_create(initiative=initiative, by=request.user, **data),
        ):
            messages.success(request, _("De hulpvraag is toegevoegd."))
            return redirect(initiative)
    return _form_page(request, form, _("Hulpvraag toevoegen: %s") % initiative.title, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk: int):
    need = get_object_or_404(Need.objects.select_related("initiative__area__parent"), pk=pk)
    initiative = need.initiative
    require(can_report_on_initiative(request.user, initiative))
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST":
        if run_service(form, lambda data: services.need_update(need=need, by=request.user, **data)):
            messages.success(request, _("De hulpvraag is bijgewerkt."))
            return redirect(initiative)
    return _form_page(request, form, _("Hulpvraag bewerken: %s") % need.title, initiative)


@login_required
@require_GET
def pledge_list(request, pk: int):
    """Staff and coordinator: who offered what help, with names and e-mail addresses."""
    initiative = _initiative(pk)
    require(can_see_initiative_contacts(request.user, initiative))
    return render(
        request,
        "initiatives/pledge_list.html",
        {"initiative": initiative, "pledges": selectors.pledges_for_staff(initiative)},
    )


@login_required
@require_POST
def pledge_fulfilled(request, pk: int):
    pledge = get_object_or_404(
        Pledge.objects.select_related("need__initiative__area__parent"), pk=pk
    )
    initiative = pledge.need.initiative
    require(can_report_on_initiative(request.user, initiative))
    fulfilled = request.POST.get("fulfilled") == "1"
    services.pledge_set_fulfilled(pledge=pledge, by=request.user, fulfilled=fulfilled)
    messages.success(request, _("De toezegging is bijgewerkt."))
    return redirect("initiatives:pledges", initiative.pk)


@login_required
@require_POST
def pledge_delete(request, pk: int):
    pledge = get_object_or_404(
        Pledge.objects.select_related("need__initiative__area__parent"), pk=pk
    )
    initiative = pledge.need.initiative
    require(can_report_on_initiative(request.user, initiative))
    services.pledge_delete(pledge=pledge, by=request.user)
    messages.success(request, _("De toezegging is verwijderd."))
    return redirect("initiatives:pledges", initiative.pk)
