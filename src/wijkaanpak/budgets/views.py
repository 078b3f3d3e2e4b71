"""Pages of the resident budget. Every view asks ``accounts.permissions``; writes go through
``budgets.services`` (the same functions as the API and the CLI)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkaanpak.accounts.permissions import (
    can_create_budget,
    can_enter_paper_ballots,
    can_manage_budget,
    can_moderate_budget,
    can_review_ideas,
    can_see_budget_staff_pages,
    can_see_paper_status,
    can_view_process,
)
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.budgets import secrecy, selectors, services, tally
from wijkaanpak.budgets.ballots import euro, instructions
from wijkaanpak.budgets.forms import (
    CodesForm,
    CommentForm,
    IdeaForm,
    LoginVoterForm,
    ModerateForm,
    PaperEntryForm,
    PaperSlipForm,
    PhaseForm,
    ProcessForm,
    ReceiptForm,
    ReviewForm,
    VoteForm,
)
from wijkaanpak.budgets.models import (
    BallotType,
    Comment,
    Idea,
    IdeaStatus,
    Phase,
    Process,
    VotingCode,
)
from wijkaanpak.core.views import add_service_errors, require, run_service


def _process(pk: int, user) -> Process:
    """A process; drafts exist only for the people who prepare them."""
    process = get_object_or_404(Process.objects.select_related("area__parent"), pk=pk)
    if not can_view_process(user, process):
        raise Http404
    return process


def _selected(form) -> set[int]:
    """The ideas ticked on a re-shown approval form."""
    if "choices" not in form.fields or not form.is_bound:
        return set()
    return {int(v) for v in form.data.getlist(form.add_prefix("choices")) if str(v).isdigit()}


def _private(response: HttpResponse) -> HttpResponse:
    """Pages with a code or receipt: never cached. (Codes and receipts are never in a URL;
    the site-wide ``same-origin`` referrer policy stays: ``no-referrer`` would make browsers
    send ``Origin: null`` and fail the CSRF check.)"""
    response["Cache-Control"] = "no-store"
    return response


# --- public pages ---------------------------------------------------------------------------


@require_GET
def process_list(request):
    """Public: every resident budget that has started."""
    return render(request, "budgets/process_list.html", {"processes": selectors.public_processes()})


@require_GET
def process_detail(request, pk: int):
    """Public: the process, its phases and its ideas."""
    process = _process(pk, request.user)
    staff = can_see_budget_staff_pages(request.user, process)
    ideas = list(selectors.visible_ideas(process, staff=can_moderate_budget(request.user, process)))
    return render(
        request,
        "budgets/process_detail.html",
        {
            "process": process,
            "ideas": ideas,
            "phases": list(Phase),
            "phase_index": list(Phase.values).index(process.phase),
            "instructions": instructions(process),
            "budget_text": euro(process.budget),
            "can_manage": can_manage_budget(request.user, process),
            "can_review": can_review_ideas(request.user, process),
            "can_paper": can_see_paper_status(request.user, process),
            "turnout": selectors.turnout(process) if staff else None,
            "batches": process.code_batches.all() if staff else [],
        },
    )


@require_http_methods(["GET", "POST"])
def idea_submit(request, pk: int):
    """Anyone: submit an idea while ideas may be submitted."""
    process = _process(pk, request.user)
    form = IdeaForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST":
        idea = run_service(
            form,
            lambda data: services.idea_submit(process=process, by=request.user, **data),
        )
        if idea:
            messages.success(
                request,
                _("Dank u wel! Uw idee is ingediend. De gemeente kijkt of het haalbaar is."),
            )
            return redirect(idea.get_absolute_url())
    return render(
        request,
        "budgets/idea_form.html",
        {"form": form, "process": process, "open": process.phase == Phase.IDEAS},
        status=422 if form.errors else 200,
    )


@require_GET
def idea_detail(request, pk: int):
    idea = get_object_or_404(Idea.objects.select_related("process__area", "neighbourhood"), pk=pk)
    process = _process(idea.process_id, request.user)
    moderator = can_moderate_budget(request.user, process)
    return render(
        request,
        "budgets/idea_detail.html",
        {
            "idea": idea,
            "process": process,
            "comments": selectors.visible_comments(idea, staff=moderator),
            "comment_form": CommentForm(),
            "can_moderate": moderator,
            "can_review": can_review_ideas(request.user, process) and process.phase == Phase.REVIEW,
            "goals": idea.goals.select_related("plan"),
        },
    )


@require_POST
def comment_add(request, pk: int):
    idea = get_object_or_404(Idea.objects.select_related("process"), pk=pk)
    process = _process(idea.process_id, request.user)
    form = CommentForm(request.POST)
    comment = run_service(
        form, lambda data: services.comment_add(idea=idea, by=request.user, **data)
    )
    if comment:
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect(idea.get_absolute_url() + "#reacties")
    moderator = can_moderate_budget(request.user, process)
    return render(
        request,
        "budgets/idea_detail.html",
        {
            "idea": idea,
            "process": process,
            "comments": selectors.visible_comments(idea, staff=moderator),
            "comment_form": form,
            "can_moderate": moderator,
            "goals": idea.goals.select_related("plan"),
        },
        status=422,
    )


# --- voting ---------------------------------------------------------------------------------


def _login_vote(request, process: Process) -> bool:
    """A verified account votes without a code (where the process allows it)."""
    if not (process.allow_login and request.user.is_authenticated):
        return False
    return VotingCode.objects.filter(
        process=process, code_hash=secrecy.login_hash(process.pk, request.user.pk)
    ).exists()


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request, pk: int):
    """Anyone with a voting code (or a verified account): the secret ballot."""
    process = _process(pk, request.user)
    ideas = list(selectors.ballot_ideas(process))
    login_vote = _login_vote(request, process)
    form = VoteForm(request.POST or None, process=process, ideas=ideas, login_vote=login_vote)
    if request.method == "POST":
        cast = run_service(
            form,
            lambda data: services.ballot_cast(
                process=process,
                code=data.get("code"),
                choices=data["choices"],
                points=data["points"],
                by=request.user,
            ),
        )
        if cast:
            return _private(
                render(request, "budgets/voted.html", {"process": process, "cast": cast})
            )
    response = render(
        request,
        "budgets/vote.html",
        {
            "process": process,
            "form": form,
            "ideas": ideas,
            "open": process.phase == Phase.VOTING,
            "instructions": instructions(process),
            "budget_text": euro(process.budget),
            "is_points": process.ballot_type == BallotType.POINTS,
            "is_ranking": process.ballot_type == BallotType.RANKING,
            "is_approval": process.ballot_type == BallotType.APPROVAL,
            "login_vote": login_vote,
            "selected": _selected(form),
        },
        status=422 if form.errors else 200,
    )
    return _private(response)


@never_cache
@require_http_methods(["GET", "POST"])
def results(request, pk: int):
    """Public: winners, votes, cost, explanation and chart; only once voting has closed.
    The receipt check (POST, so no receipt in a URL or log) works during voting too."""
    process = _process(pk, request.user)
    result = selectors.result_of(process)
    receipt_form = ReceiptForm(request.POST or None)
    receipt_state = None
    if request.method == "POST" and receipt_form.is_valid():
        receipt_state = selectors.receipt_status(process, receipt_form.cleaned_data["receipt"])
    lines = list(result.lines.select_related("idea")) if result else []
    top = max((line.votes for line in lines), default=0) or 1
    # A phone-first chart: the idea's name above its bar; whole numbers only (no localisation
    # of SVG coordinates). 400 wide; the bar of the most votes is 320 long.
    chart = [
        {
            "line": line,
            "label_y": 20 + i * 56,
            "bar_y": 28 + i * 56,
            "width": max(2, round(320 * line.votes / top)),
            "value_x": max(2, round(320 * line.votes / top)) + 8,
            "value_y": 45 + i * 56,
        }
        for i, line in enumerate(lines)
    ]
    response = render(
        request,
        "budgets/results.html",
        {
            "process": process,
            "result": result,
            "lines": lines,
            "chart": chart,
            "chart_height": 16 + 56 * len(lines),
            "receipt_form": receipt_form,
            "receipt_state": receipt_state,
            "budget_text": euro(process.budget),
            "spent_text": euro(result.spent) if result else "",
        },
    )
    return _private(response)


def _published(request, pk: int) -> Process:
    process = _process(pk, request.user)
    if selectors.result_of(process) is None:
        raise Http404(_("De uitslag is er nog niet."))
    return process


@require_GET
def results_csv(request, pk: int):
    process = _published(request, pk)
    response = HttpResponse(tally.export_csv(process), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bewonersbudget-{process.pk}.csv"'
    return response


@require_GET
def results_pb(request, pk: int):
    process = _published(request, pk)
    response = HttpResponse(tally.export_pabulib(process), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bewonersbudget-{process.pk}.pb"'
    return response


# --- staff: process -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def process_create(request, code: str):
    district = get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)
    require(can_create_budget(request.user, district))
    form = ProcessForm(request.POST or None, district=district)
    if request.method == "POST":
        process = run_service(
            form,
            lambda data: services.process_create(by=request.user, area=district, **data),
        )
        if process:
            messages.success(request, _("Het bewonersbudget is gemaakt."))
            return redirect(process.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Nieuw bewonersbudget voor %s") % district.name},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request, pk: int):
    process = _process(pk, request.user)
    require(can_manage_budget(request.user, process))
    form = ProcessForm(request.POST or None, instance=process, district=process.area)
    if request.method == "POST":
        if run_service(
            form, lambda data: services.process_update(process=process, by=request.user, **data)
        ):
            messages.success(request, _("Het bewonersbudget is bijgewerkt."))
            return redirect(process.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Bewonersbudget bewerken: %s") % process.title},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_phase(request, pk: int):
    process = _process(pk, request.user)
    require(can_manage_budget(request.user, process))
    form = PhaseForm(request.POST or None, process=process)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.process_set_phase(
                process=process, by=request.user, phase=data["phase"]
            ),
        ):
            messages.success(request, _("De fase is gewijzigd."))
            return redirect(process.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Volgende fase: %s") % process.title,
            "submit_label": _("Fase wijzigen"),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def codes(request, pk: int):
    """Voting codes for the letters: the CSV is the only place the codes exist in clear."""
    process = _process(pk, request.user)
    require(can_manage_budget(request.user, process))
    form = CodesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            text = upload.read().decode("utf-8-sig") if upload else None
        except UnicodeDecodeError:
            form.add_error("file", _("Het bestand is geen UTF-8-tekst (CSV)."))
        else:
            try:
                run = services.codes_generate(
                    process=process,
                    by=request.user,
                    count=None if upload else data.get("count"),
                    csv_text=text,
                    per=data["per"],
                    voting_url=request.build_absolute_uri(process.get_absolute_url() + "stemmen/"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                response = HttpResponse(run.csv_text(), content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = (
                    f'attachment; filename="stemcodes-{process.pk}-reeks-{run.batch.number}.csv"'
                )
                return _private(response)
    return render(
        request,
        "budgets/codes.html",
        {"form": form, "process": process, "batches": process.code_batches.all()},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def login_voter(request, pk: int):
    process = _process(pk, request.user)
    require(can_manage_budget(request.user, process))
    form = LoginVoterForm(request.POST or None)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: (
                services.login_voter_add(process=process, by=request.user, user=data["username"])
                or True
            ),
        ):
            messages.success(request, _("Dit account mag nu één keer stemmen."))
            return redirect(process.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Gecontroleerd account laten stemmen: %s") % process.title},
        status=422 if form.errors else 200,
    )


# --- staff: ideas ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def idea_review(request, pk: int):
    idea = get_object_or_404(Idea.objects.select_related("process__area"), pk=pk)
    process = _process(idea.process_id, request.user)
    require(can_review_ideas(request.user, process))
    initial = {
        "status": idea.status if idea.status != IdeaStatus.SUBMITTED else None,
        "cost": idea.cost,
        "rejection_reason": idea.rejection_reason,
        "goals": list(idea.goals.all()),
    }
    form = ReviewForm(request.POST or None, idea=idea, initial=initial)
    if request.method == "POST":
        if run_service(form, lambda data: services.idea_review(idea=idea, by=request.user, **data)):
            messages.success(request, _("De toets is opgeslagen."))
            return redirect(process.get_absolute_url())
    return render(
        request,
        "budgets/idea_review.html",
        {"form": form, "idea": idea, "process": process},
        status=422 if form.errors else 200,
    )


def _moderate(request, target, process: Process, call, title: str):
    require(can_moderate_budget(request.user, process))
    form = ModerateForm(request.POST or None)
    hide = not target.is_hidden
    if request.method == "POST":
        if run_service(form, lambda data: call(hide=hide, reason=data["reason"])):
            messages.success(
                request, _("Verborgen. De reden is bewaard.") if hide else _("Weer zichtbaar.")
            )
            return None
    return render(
        request,
        "core/form.html",
        {"form": form, "title": title, "submit_label": _("Verbergen") if hide else _("Tonen")},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_moderate(request, pk: int):
    idea = get_object_or_404(Idea.objects.select_related("process"), pk=pk)
    process = _process(idea.process_id, request.user)
    title = (
        _("Idee verbergen: %s") if not idea.is_hidden else _("Idee weer tonen: %s")
    ) % idea.title
    response = _moderate(
        request,
        idea,
        process,
        lambda **kw: services.idea_moderate(idea=idea, by=request.user, **kw),
        title,
    )
    return response or redirect(idea.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def comment_moderate(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("idea__process"), pk=pk)
    process = _process(comment.idea.process_id, request.user)
    title = _("Reactie verbergen") if not comment.is_hidden else _("Reactie weer tonen")
    response = _moderate(
        request,
        comment,
        process,
        lambda **kw: services.comment_moderate(comment=comment, by=request.user, **kw),
        title,
    )
    return response or redirect(comment.idea.get_absolute_url() + "#reacties")


# --- staff: paper ballots -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def paper(request, pk: int):
    """Officials: register returned letters and enter numbered paper ballots; two different
    officials must agree before a sheet counts. Managers see the numbers only."""
    process = _process(pk, request.user)
    require(can_see_paper_status(request.user, process))
    official = can_enter_paper_ballots(request.user, process)
    ideas = list(selectors.ballot_ideas(process))
    slip_form = PaperSlipForm(prefix="slip")
    entry_form = PaperEntryForm(prefix="entry", process=process, ideas=ideas)
    status = 200
    if request.method == "POST":
        if not official:
            raise PermissionDenied
        if "withdraw-number" in request.POST:
            try:
                number = int(request.POST["withdraw-number"])
            except ValueError:
                number = 0
            try:
                services.paper_entry_withdraw(process=process, by=request.user, number=number)
            except ValidationError as exc:
                for problems in exc.message_dict.values():
                    for problem in problems:
                        messages.error(request, problem)
            else:
                messages.success(
                    request,
                    _("Uw invoer van stembiljet %(number)s is ingetrokken.") % {"number": number},
                )
            return redirect("budgets:paper", pk=process.pk)
        if "slip-code" in request.POST:
            slip_form = PaperSlipForm(request.POST, prefix="slip")
            if run_service(
                slip_form,
                lambda data: services.paper_slip_register(
                    process=process, by=request.user, code=data["code"]
                ),
            ):
                messages.success(
                    request, _("De brief is ingenomen. De code kan niet meer stemmen.")
                )
                return redirect("budgets:paper", pk=process.pk)
        else:
            entry_form = PaperEntryForm(request.POST, prefix="entry", process=process, ideas=ideas)
            if run_service(
                entry_form,
                lambda data: services.paper_entry_add(
                    process=process,
                    by=request.user,
                    number=data["number"],
                    choices=data["choices"],
                    points=data["points"],
                    invalid=data["invalid"],
                ),
            ):
                messages.success(request, _("Het stembiljet is ingevoerd."))
                return redirect("budgets:paper", pk=process.pk)
        status = 422
    paper_state = services.paper_status(process)
    return _private(
        render(
            request,
            "budgets/paper.html",
            {
                "process": process,
                "official": official,
                "slip_form": slip_form,
                "entry_form": entry_form,
                "state": paper_state,
                "turnout": selectors.turnout(process),
                "is_points": process.ballot_type == BallotType.POINTS,
                "is_ranking": process.ballot_type == BallotType.RANKING,
                "open": process.phase in (Phase.VOTING, Phase.COUNTING),
                "ideas_by_id": {idea.pk: idea for idea in ideas},
                "entry_ideas": ideas,
                "entry_selected": _selected(entry_form),
                "instructions": instructions(process),
            },
            status=status,
        )
    )
