"""The one write path for resident budgets: processes, ideas, moderation, codes, ballots,
paper ballots and results.

Keyword-only functions, one durable transaction each, field-level ``ValidationError``s with
nothing stored. Who may call them is decided by ``accounts.permissions`` in the views and the
API; the rules of the process (phases, eligibility, one vote per code) are enforced here.

Never log codes, receipts or ballot contents: this module does not log at all.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.budgets import secrecy, selectors, storage, tally
from wijkaanpak.budgets.ballots import check_ballot, euro, spec_for
from wijkaanpak.budgets.models import (
    IDEA_TRANSITIONS,
    PHASE_TRANSITIONS,
    Ballot,
    BallotSource,
    BallotType,
    CodeBatch,
    CodeKind,
    Comment,
    Idea,
    IdeaStatus,
    ModerationAction,
    PaperEntry,
    PaperSlip,
    Phase,
    Process,
    Result,
    ResultLine,
    VotingCode,
)
from wijkaanpak.core import csvexport
from wijkaanpak.core.images import clean_image
from wijkaanpak.core.services import apply_fields, clean_or_raise

PROCESS_FIELDS = (
    "area",
    "title",
    "description",
    "budget",
    "min_age",
    "ballot_type",
    "max_choices",
    "points_total",
    "rule",
    "allow_revote",
    "allow_login",
    "ideas_open_on",
    "ideas_close_on",
    "review_close_on",
    "voting_open_on",
    "voting_close_on",
    "results_on",
    "implementation_until",
    "is_demo",
)
#: Settings that decide how people vote and how the votes are counted: fixed once voting starts.
VOTING_FIELDS = (
    "budget",
    "ballot_type",
    "max_choices",
    "points_total",
    "rule",
    "allow_revote",
    "allow_login",
)
DATE_ORDER = (
    "ideas_open_on",
    "ideas_close_on",
    "review_close_on",
    "voting_open_on",
    "voting_close_on",
    "results_on",
    "implementation_until",
)
PHASE_ORDER = list(Phase.values)

PHOTO_TYPES = {"jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
MAX_CODES_PER_BATCH = 200_000


def _today() -> dt.date:
    return timezone.localdate()


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _phase_at_least(process: Process, phase: str) -> bool:
    return PHASE_ORDER.index(process.phase) >= PHASE_ORDER.index(phase)


def _phase_error(process: Process, allowed: Iterable[str]) -> ValidationError:
    names = ", ".join(str(Phase(p).label) for p in allowed)
    return _error(
        NON_FIELD_ERRORS,
        _(
            "Dit kan nu niet. Het bewonersbudget is in de fase ‘%(phase)s’; dit kan alleen in: %(allowed)s."
        )
        % {"phase": process.get_phase_display(), "allowed": names},
    )


def _require_phase(process: Process, *allowed: str) -> None:
    if process.phase not in allowed:
        raise _phase_error(process, allowed)


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


# --- processes -------------------------------------------------------------------------------


def _process_rules(
    process: Process, neighbourhoods: list[Area] | None, before: dict[str, Any] | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if process.area_id and process.area.kind != AreaKind.DISTRICT:
        errors["area"] = [_("Een bewonersbudget hoort bij een wijk.")]
    if process.budget is not None and process.budget <= 0:
        errors["budget"] = [_("Het budget moet groter dan nul zijn.")]
    if process.ballot_type == BallotType.K_APPROVAL and not process.max_choices:
        errors["max_choices"] = [_("Vul in hoeveel ideeën een bewoner hoogstens mag kiezen.")]
    if process.ballot_type == BallotType.POINTS and not process.points_total:
        errors["points_total"] = [_("Vul in hoeveel punten een bewoner mag verdelen.")]
    previous = None
    for name in DATE_ORDER:
        value = getattr(process, name)
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            errors.setdefault(name, []).append(
                _("Deze datum ligt vóór een eerdere fase (%(field)s).")
                % {"field": Process._meta.get_field(previous[0]).verbose_name}
            )
        previous = (name, value)
    if neighbourhoods is not None and process.area_id:
        if any(
            n.kind != AreaKind.NEIGHBOURHOOD or n.parent_id != process.area_id
            for n in neighbourhoods
        ):
            errors["neighbourhoods"] = [_("Kies alleen buurten van deze wijk.")]
    if before is not None and _phase_at_least(process, Phase.VOTING):
        for name in VOTING_FIELDS:
            if before[name] != getattr(process, name):
                errors.setdefault(name, []).append(
                    _("Dit ligt vast zodra het stemmen is begonnen.")
                )
    return errors


@transaction.atomic(durable=True)
def process_create(*, by, neighbourhoods: Iterable[Area] = (), **data: Any) -> Process:
    process = Process(phase=Phase.DRAFT)
    apply_fields(process, data, PROCESS_FIELDS)
    hoods = list(neighbourhoods)
    clean_or_raise(process, _process_rules(process, hoods, None))
    process.save()
    process.neighbourhoods.set(hoods)
    return process


@transaction.atomic(durable=True)
def process_update(
    *, process: Process, by, neighbourhoods: Iterable[Area] | None = None, **data: Any
) -> Process:
    process = Process.objects.select_for_update().get(pk=process.pk)
    before = {name: getattr(process, name) for name in VOTING_FIELDS}
    if "area" in data and data["area"] != process.area:
        raise _error("area", _("Een bewonersbudget blijft in zijn wijk."))
    apply_fields(process, data, PROCESS_FIELDS)
    hoods = None if neighbourhoods is None else list(neighbourhoods)
    clean_or_raise(process, _process_rules(process, hoods, before))
    process.save()
    if hoods is not None:
        process.neighbourhoods.set(hoods)
    return process


def _can_enter_phase(process: Process, new: str) -> dict[str, list[str]]:
    problems: list[str] = []
    if new == Phase.VOTING:
        ideas = process.ideas.filter(is_hidden=False)
        if ideas.filter(status=IdeaStatus.SUBMITTED).exists():
            problems.append(_("Nog niet alle ideeën zijn getoetst."))
        if not ideas.filter(status=IdeaStatus.ACCEPTED).exists():
            problems.append(_("Er staat nog geen haalbaar idee op het stembiljet."))
        if not process.allow_login and not process.codes.exists():
            problems.append(_("Er zijn nog geen stemcodes gemaakt."))
    if new == Phase.RESULTS:
        status = paper_status(process)
        if status.waiting or status.conflicts:
            problems.append(
                _(
                    "Nog niet alle papieren stembiljetten zijn door twee medewerkers gelijk "
                    "ingevoerd (%(waiting)d wachten, %(conflicts)d verschillen)."
                )
                % {"waiting": len(status.waiting), "conflicts": len(status.conflicts)}
            )
        mismatch = _paper_mismatch(process, status)
        if mismatch:
            problems.append(mismatch)
    return {"phase": problems} if problems else {}


@transaction.atomic(durable=True)
def process_set_phase(*, process: Process, by, phase: str) -> Process:
    """Move the process to its next phase (``PHASE_TRANSITIONS``). Publishing the results
    (counting -> results) counts the ballots and marks the funded ideas."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    old = process.phase
    if phase not in PHASE_TRANSITIONS.get(old, frozenset()):
        raise _error(
            "phase",
            _("Van de fase ‘%(old)s’ kan het bewonersbudget niet naar ‘%(new)s’.")
            % {
                "old": process.get_phase_display(),
                "new": Phase(phase).label if phase in Phase.values else phase,
            },
        )
    problems = _can_enter_phase(process, phase)
    if problems:
        raise ValidationError(problems)
    process.phase = phase
    process.save(update_fields=["phase", "updated_at"])
    if old == Phase.VOTING:
        # Voting ends: nothing may keep the order or the transaction of the votes.
        storage.rewrite_in_random_order(process.pk)
        transaction.on_commit(storage.compact)
    if phase == Phase.RESULTS:
        _publish_results(process)
    return process


def processes_close_due(*, by=None) -> list[Process]:
    """End voting of every process whose closing date has passed (to counting), so that its
    code and ballot tables are rewritten without the voting order (run daily, e.g. by cron:
    ``wijk budget close-due``). Votes are refused after the date anyway."""
    closed = []
    due = Process.objects.filter(phase=Phase.VOTING, voting_close_on__lt=_today())
    for process in due.order_by("pk"):
        try:
            closed.append(process_set_phase(process=process, by=by, phase=Phase.COUNTING))
        except ValidationError:  # moved on by someone else meanwhile
            continue
    return closed


# --- ideas -----------------------------------------------------------------------------------


def _check_photo(photo, errors: dict[str, list[str]]):
    """The photo re-encoded without metadata, or ``None`` with the problem in ``errors``."""
    name = getattr(photo, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in PHOTO_TYPES:
        errors.setdefault("photo", []).append(_("Kies een foto als JPG of PNG."))
        return None
    if getattr(photo, "size", 0) > PHOTO_MAX_BYTES:
        errors.setdefault("photo", []).append(_("De foto is te groot. Hoogstens 5 MB."))
        return None
    position = photo.tell() if hasattr(photo, "tell") else 0
    photo.seek(0)
    head = photo.read(16)
    photo.seek(position)
    if not head.startswith(PHOTO_TYPES[extension]):
        errors.setdefault("photo", []).append(_("Dit bestand is geen echte JPG of PNG."))
        return None
    try:
        return clean_image(photo)  # no EXIF/GPS, upright, pixel count limited
    except ValidationError as exc:
        errors.setdefault("photo", []).extend(exc.messages)
        return None


def _neighbourhood_rule(process: Process, hood: Area | None, errors: dict[str, list[str]]) -> None:
    if hood is None:
        return
    allowed = list(process.neighbourhoods.all())
    if hood.kind != AreaKind.NEIGHBOURHOOD or hood.parent_id != process.area_id:
        errors["neighbourhood"] = [_("Kies een buurt in deze wijk.")]
    elif allowed and hood not in allowed:
        errors["neighbourhood"] = [_("Deze buurt doet niet mee aan dit bewonersbudget.")]


@transaction.atomic(durable=True)
def idea_submit(
    *,
    process: Process,
    by,
    title: str,
    description: str,
    estimated_cost: Decimal,
    author_name: str,
    author_email: str = "",
    neighbourhood: Area | None = None,
    photo=None,
    photo_alt: str = "",
) -> Idea:
    """Any resident submits an idea while ideas may be submitted."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    _require_phase(process, Phase.IDEAS)
    errors: dict[str, list[str]] = {}
    if estimated_cost is not None and estimated_cost <= 0:
        errors["estimated_cost"] = [_("Vul een bedrag groter dan nul in.")]
    elif estimated_cost is not None and estimated_cost > process.budget:
        errors["estimated_cost"] = [
            _("Dit is meer dan het hele budget (%(budget)s).") % {"budget": euro(process.budget)}
        ]
    _neighbourhood_rule(process, neighbourhood, errors)
    if photo:
        photo = _check_photo(photo, errors)
        if not (photo_alt or "").strip():
            errors["photo_alt"] = [_("Beschrijf in een paar woorden wat er op de foto staat.")]
    idea = Idea(
        process=process,
        title=(title or "").strip(),
        description=(description or "").strip(),
        estimated_cost=estimated_cost,
        author_name=(author_name or "").strip(),
        author_email=(author_email or "").strip(),
        neighbourhood=neighbourhood,
        photo_alt=(photo_alt or "").strip(),
        submitted_by=_user(by),
    )
    if photo:
        idea.photo = photo
    clean_or_raise(idea, errors)
    idea.save()
    return idea


@transaction.atomic(durable=True)
def idea_review(
    *,
    idea: Idea,
    by,
    status: str,
    cost: Decimal | None = None,
    rejection_reason: str = "",
    goals: Iterable | None = None,
) -> Idea:
    """The municipality's feasibility check: accept with a cost, or reject with a reason."""
    idea = Idea.objects.select_for_update().select_related("process__area").get(pk=idea.pk)
    process = idea.process
    _require_phase(process, Phase.REVIEW)
    errors: dict[str, list[str]] = {}
    if status != idea.status and status not in IDEA_TRANSITIONS.get(idea.status, frozenset()):
        errors["status"] = [_("Kies haalbaar of niet haalbaar.")]
    reason = (rejection_reason or "").strip()
    if status == IdeaStatus.ACCEPTED:
        cost = cost if cost is not None else idea.estimated_cost
        if cost is None or cost <= 0:
            errors["cost"] = [_("Vul de kosten in: een bedrag groter dan nul.")]
        elif cost > process.budget:
            errors["cost"] = [
                _("Dit is meer dan het hele budget (%(budget)s).")
                % {"budget": euro(process.budget)}
            ]
        reason = ""
    elif status == IdeaStatus.REJECTED and not reason:
        errors["rejection_reason"] = [_("Schrijf op waarom dit idee niet haalbaar is.")]
    goal_list = None if goals is None else list(goals)
    if goal_list and any(g.plan.district_id != process.area_id for g in goal_list):
        errors["goals"] = [_("Kies alleen doelen uit een plan van deze wijk.")]
    if errors:
        raise ValidationError(errors)
    idea.status = status
    idea.cost = cost if status == IdeaStatus.ACCEPTED else idea.cost
    idea.rejection_reason = reason
    idea.reviewed_by = _user(by)
    idea.reviewed_at = timezone.now()
    clean_or_raise(idea)
    idea.save()
    if goal_list is not None:
        idea.goals.set(goal_list)
    return idea


def _moderate(process: Process, target, by, hide: bool, reason: str) -> None:
    reason = (reason or "").strip()
    if hide and not reason:
        raise _error("reason", _("Schrijf op waarom u dit verbergt."))
    target.is_hidden = hide
    target.hidden_reason = reason[:300] if hide else ""
    target.save(update_fields=["is_hidden", "hidden_reason"])
    ModerationAction.objects.create(
        process=process,
        idea=target if isinstance(target, Idea) else None,
        comment=target if isinstance(target, Comment) else None,
        action="hide" if hide else "show",
        reason=reason[:300] or "-",
        by=_user(by),
    )


@transaction.atomic(durable=True)
def idea_moderate(*, idea: Idea, by, hide: bool, reason: str = "") -> Idea:
    """Hide an abusive idea (with a recorded reason) or show it again. An idea that is on a
    ballot in the voting phase or later cannot be hidden: the ballot may not change."""
    idea = Idea.objects.select_for_update().select_related("process").get(pk=idea.pk)
    if hide and idea.status == IdeaStatus.ACCEPTED and _phase_at_least(idea.process, Phase.VOTING):
        raise _error(
            "reason",
            _("Dit idee staat op het stembiljet en kan niet meer worden verborgen."),
        )
    _moderate(idea.process, idea, by, hide, reason)
    return idea


@transaction.atomic(durable=True)
def comment_moderate(*, comment: Comment, by, hide: bool, reason: str = "") -> Comment:
    comment = Comment.objects.select_for_update().select_related("idea__process").get(pk=comment.pk)
    _moderate(comment.idea.process, comment, by, hide, reason)
    return comment


@transaction.atomic(durable=True)
def comment_add(*, idea: Idea, by, author_name: str, text: str) -> Comment:
    idea = Idea.objects.select_related("process").get(pk=idea.pk)
    if idea.is_hidden or idea.process.phase == Phase.DRAFT:
        raise _error(NON_FIELD_ERRORS, _("Bij dit idee kunt u geen reactie geven."))
    comment = Comment(
        idea=idea,
        author_name=(author_name or "").strip(),
        text=(text or "").strip(),
        user=_user(by),
    )
    clean_or_raise(comment)
    comment.save()
    return comment


# --- voting codes ----------------------------------------------------------------------------


@dataclass
class CodeRun:
    """What ``codes_generate`` made: the rows for the letters (with the clear codes) and the
    input lines it skipped, with the reason. The codes exist in clear only here."""

    batch: CodeBatch
    columns: list[str]
    rows: list[dict[str, str]]
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csvexport.DictWriter(out, self.columns, delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_address_csv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Columns and (line, row) pairs of a CSV with ``;`` or ``,`` separators."""
    text = text.removeprefix("\ufeff")
    sample = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
    rows = [
        (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader
    ]
    return columns, rows


def _store_codes(process: Process, batch: int, kind: str, count: int) -> list[str]:
    """Make ``count`` codes, store their hashes (all or nothing), return the clear codes."""
    for _attempt in range(3):
        codes = list({secrecy.new_code() for _ in range(count)})
        while len(codes) < count:
            codes = list(set(codes) | {secrecy.new_code()})
        try:
            with transaction.atomic():
                VotingCode.objects.bulk_create(
                    [
                        VotingCode(
                            process=process,
                            code_hash=secrecy.code_hash(process.pk, code),
                            kind=kind,
                            batch=batch,
                        )
                        # ids in a random order, unrelated to the rows of the letters CSV
                        for code in storage.shuffled(codes)
                    ],
                    batch_size=2000,
                )
            return codes
        except IntegrityError:  # a code equal to an existing one (practically never): again
            continue
    raise RuntimeError("Could not draw unique voting codes")


@transaction.atomic(durable=True)
def codes_generate(
    *,
    process: Process,
    by,
    count: int | None = None,
    csv_text: str | None = None,
    per: str = "address",
    voting_url: str = "",
) -> CodeRun:
    """Voting codes for the letters: ``count`` bare codes, or one per address / resident of a
    CSV (columns ``address`` and optionally ``name``, ``birth_date``, ``neighbourhood``). Per
    resident, ``birth_date`` is required and people younger than the minimum age on the first
    voting day are skipped; rows from a neighbourhood that does not take part are skipped.
    Only the keyed hashes are stored; the clear codes are in the returned CSV only."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    _require_phase(process, Phase.DRAFT, Phase.IDEAS, Phase.REVIEW, Phase.VOTING)
    skipped: list[tuple[int, str]] = []
    if csv_text is None:
        if not count or count < 1 or count > MAX_CODES_PER_BATCH:
            raise _error(
                "count", _("Kies een aantal tussen 1 en %(max)d.") % {"max": MAX_CODES_PER_BATCH}
            )
        columns, rows = ["code"], [{} for _ in range(count)]
        kind = "count"
    else:
        if per not in ("address", "resident"):
            raise _error("per", _("Kies per adres of per bewoner."))
        columns, lines = read_address_csv(csv_text)
        if "address" not in columns:
            raise _error("file", _("Het bestand heeft geen kolom ‘address’."))
        if per == "resident" and "birth_date" not in columns:
            raise _error("file", _("Per bewoner is een kolom ‘birth_date’ nodig (jjjj-mm-dd)."))
        allowed_hoods = {a.code for a in process.neighbourhoods.all()} or set(
            process.area.children.values_list("code", flat=True)
        )
        day = process.voting_open_on or _today()
        seen: set[str] = set()
        rows = []
        for line, row in lines:
            address = " ".join(row.get("address", "").split())
            if not address:
                skipped.append((line, _("geen adres")))
                continue
            hood = row.get("neighbourhood", "").upper()
            if hood and hood not in allowed_hoods:
                skipped.append((line, _("buurt doet niet mee")))
                continue
            if per == "address":
                key = address.casefold()
                if key in seen:
                    skipped.append((line, _("adres staat er al in")))
                    continue
                seen.add(key)
            else:
                birth = _parse_date(row.get("birth_date", ""))
                if birth is None:
                    skipped.append((line, _("geboortedatum onleesbaar")))
                    continue
                if _age_on(birth, day) < process.min_age:
                    skipped.append((line, _("jonger dan %(age)d") % {"age": process.min_age}))
                    continue
            rows.append(row)
        if not rows:
            raise _error("file", _("Er staat geen enkel adres in het bestand dat een code krijgt."))
        if len(rows) > MAX_CODES_PER_BATCH:
            raise _error("file", _("Te veel regels in één keer."))
        columns = columns + ["code"]
        kind = "residents" if per == "resident" else "addresses"
    if voting_url:
        columns.append("url")
    number = (process.code_batches.aggregate(n=Max("number"))["n"] or 0) + 1
    codes = _store_codes(process, number, CodeKind.LETTER, len(rows))
    for row, code in zip(rows, codes, strict=True):
        row["code"] = code
        if voting_url:
            row["url"] = voting_url
    batch = CodeBatch.objects.create(
        process=process,
        number=number,
        kind=kind,
        created=len(rows),
        skipped=len(skipped),
        created_by=_user(by),
    )
    return CodeRun(batch=batch, columns=columns, rows=rows, skipped=skipped)


@transaction.atomic(durable=True)
def login_voter_add(*, process: Process, by, user) -> None:
    """Give a verified account the right to vote once (the municipality checked who it is,
    where the person lives and the age). Stored like a code: a keyed hash, no user link."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if not process.allow_login:
        raise _error("user", _("Bij dit bewonersbudget stemt u alleen met een stemcode."))
    _require_phase(process, Phase.DRAFT, Phase.IDEAS, Phase.REVIEW, Phase.VOTING)
    if user is None or not getattr(user, "pk", None):
        raise _error("user", _("Dit account bestaat niet."))
    try:
        with transaction.atomic():
            VotingCode.objects.create(
                process=process,
                code_hash=secrecy.login_hash(process.pk, user.pk),
                kind=CodeKind.LOGIN,
            )
    except IntegrityError:
        raise _error("user", _("Dit account mag al stemmen.")) from None


# --- ballots ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CastResult:
    receipt: str
    replaced: bool


def idea_table(process: Process) -> dict[int, tuple[str, Decimal, bool]]:
    """Every idea of the process: id -> (title, cost on the ballot, is it on the ballot?)."""
    return {
        pk: (title, cost if cost is not None else estimate, status == IdeaStatus.ACCEPTED)
        for pk, title, cost, estimate, status in Idea.objects.filter(process=process).values_list(
            "pk", "title", "cost", "estimated_cost", "status"
        )
    }


#: Ideas on the ballot per process while voting: (process id) -> ((phase, updated_at), ideas).
#: The ballot cannot change during voting (reviews only in the review phase; accepted ideas
#: cannot be hidden from then on), and any change of the process (phase) changes the key.
_VOTING_IDEAS: dict[int, tuple[tuple[str, Any], dict[int, tuple[str, Decimal, bool]]]] = {}


def _ideas_for_voting(process: Process) -> dict[int, tuple[str, Decimal, bool]]:
    if process.phase != Phase.VOTING:
        return idea_table(process)
    key = (process.phase, process.updated_at)
    hit = _VOTING_IDEAS.get(process.pk)
    if hit is not None and hit[0] == key:
        return hit[1]
    ideas = idea_table(process)
    if len(_VOTING_IDEAS) > 100:
        _VOTING_IDEAS.clear()
    _VOTING_IDEAS[process.pk] = (key, ideas)
    return ideas


def _check_content(
    process: Process, choices: Sequence[object], points: Sequence[object] | None
) -> tuple[list[int], list[int] | None]:
    clean, clean_points, errors = check_ballot(process, _ideas_for_voting(process), choices, points)
    if errors:
        raise ValidationError(errors)
    return clean, clean_points if spec_for(process).has_points else None


def _voting_open(process: Process) -> None:
    if process.phase != Phase.VOTING:
        raise _error(NON_FIELD_ERRORS, _("U kunt nu niet stemmen: het stemmen is niet open."))
    if process.voting_close_on and _today() > process.voting_close_on:
        raise _error(NON_FIELD_ERRORS, _("U kunt niet meer stemmen: het stemmen is gesloten."))


def _credential(process: Process, code: str | None, user) -> tuple[str, str]:
    """(hash of the voting right, the secret that seals the receipt)."""
    if code:
        if not secrecy.looks_like_code(code):
            raise _error("code", _("Deze stemcode klopt niet. Kijk goed naar de brief."))
        normal = secrecy.normalise(code)
        return secrecy.code_hash(process.pk, normal), normal
    if user is not None and getattr(user, "is_authenticated", False) and process.allow_login:
        return secrecy.login_hash(process.pk, user.pk), f"login:{process.pk}:{user.pk}"
    raise _error("code", _("Vul de stemcode van uw brief in."))


def _unknown_or_used(process: Process, code_hash: str) -> ValidationError:
    if VotingCode.objects.filter(process=process, code_hash=code_hash).exists():
        return _error("code", _("Met deze stemcode is al gestemd. Elke code stemt één keer."))
    return _error("code", _("Deze stemcode klopt niet. Kijk goed naar de brief."))


def _consume(process: Process, code_hash: str, sealed: str = "") -> bool:
    """Mark the code used: one conditional UPDATE; True for exactly one caller per code."""
    return (
        VotingCode.objects.filter(process=process, code_hash=code_hash, used=False).update(
            used=True, sealed_receipt=sealed
        )
        == 1
    )


_STORE_ONCE_SQL = """
WITH open_process AS (
    SELECT 1 FROM {processes}
    WHERE id = %s AND phase = %s AND (voting_close_on IS NULL OR voting_close_on >= %s)
), consumed AS (
    UPDATE {codes} SET used = true, sealed_receipt = %s
    WHERE process_id = %s AND code_hash = %s AND NOT used AND EXISTS (SELECT 1 FROM open_process)
    RETURNING 1
)
INSERT INTO {ballots} (id, process_id, choices, points, receipt_hash, source, paper_number)
SELECT %s, %s, %s::jsonb, %s::jsonb, %s, %s, NULL FROM consumed
"""


#: SQLite has one writer at a time and its busy handler polls, so under bursts an unlucky vote
#: could wait past the busy timeout while others keep taking the lock; the threads of one
#: server process queue here instead (only processes then compete for SQLite's lock).
_SQLITE_VOTE_WRITER = threading.Lock()


def _vote_writer() -> contextlib.AbstractContextManager[Any]:
    return _SQLITE_VOTE_WRITER if connection.vendor == "sqlite" else contextlib.nullcontext()


def _consume_and_store(process: Process, code_hash: str, ballot: Ballot, sealed: str = "") -> bool:
    """Mark the code used and store the ballot, both or neither. False: the code is unknown
    or already used (also when another request used it a moment ago), or voting has closed.

    PostgreSQL: one statement (a data-modifying CTE), so the phase check, the conditional UPDATE
    and the INSERT happen together in one round trip; a concurrent statement with the same code
    waits for the row lock, re-checks ``NOT used`` and inserts nothing. Other databases: the
    same steps in one transaction with the ORM (SQLite serialises writers)."""
    if connection.vendor == "postgresql":
        sql = _STORE_ONCE_SQL.format(
            processes=connection.ops.quote_name(Process._meta.db_table),
            codes=connection.ops.quote_name(VotingCode._meta.db_table),
            ballots=connection.ops.quote_name(Ballot._meta.db_table),
        )
        params = [
            process.pk,
            Phase.VOTING.value,
            _today(),
            sealed,
            process.pk,
            code_hash,
            ballot.id,
            process.pk,
            json.dumps(ballot.choices),
            None if ballot.points is None else json.dumps(ballot.points),
            ballot.receipt_hash,
            ballot.source,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount == 1
    if not VotingCode.objects.filter(process=process, code_hash=code_hash, used=False).exists():
        return False  # unknown or used: refused without waiting for SQLite's write lock
    with _vote_writer(), transaction.atomic(durable=True):
        if not _still_open(process) or not _consume(process, code_hash, sealed):
            return False
        ballot.save(force_insert=True)
        return True


def _still_open(process: Process) -> bool:
    """Voting is open now, in the database (not in a copy of the process held in memory)."""
    row = Process.objects.filter(pk=process.pk).values_list("phase", "voting_close_on").first()
    return row is not None and row[0] == Phase.VOTING and (row[1] is None or _today() <= row[1])


def _refused(process: Process, code_hash: str) -> ValidationError:
    if not _still_open(process):
        selectors.forget_process(process.pk)
        return _error(NON_FIELD_ERRORS, _("U kunt nu niet stemmen: het stemmen is niet open."))
    return _unknown_or_used(process, code_hash)


def ballot_cast(
    *,
    process: Process,
    choices: Sequence[object],
    points: Sequence[object] | None = None,
    code: str | None = None,
    by=None,
) -> CastResult:
    """Cast a secret ballot with a voting code (or a verified account, where allowed).

    Checks everything first (phase, ideas, ballot rules); then, in one transaction, marks the
    code used with a conditional UPDATE (only one of any number of simultaneous requests with
    the same code gets a row back) and stores the ballot without any link to the code. Where
    the process allows re-voting, the earlier ballot is found through the receipt sealed on the
    code row and replaced (see README, "Resident budget"). Returns the receipt, shown once to the voter.
    """
    _voting_open(process)
    clean, clean_points = _check_content(process, choices, points)
    code_hash, secret = _credential(process, code, by)
    receipt = secrecy.new_receipt()
    new_ballot = Ballot(
        process=process,
        choices=clean,
        points=clean_points,
        receipt_hash=secrecy.receipt_hash(process.pk, receipt),
        source=BallotSource.ONLINE,
    )
    if not process.allow_revote:
        if not _consume_and_store(process, code_hash, new_ballot):
            raise _refused(process, code_hash)
        return CastResult(receipt, False)
    sealed = secrecy.seal(secret, receipt)
    if _consume_and_store(process, code_hash, new_ballot, sealed):
        return CastResult(receipt, False)
    with _vote_writer(), transaction.atomic(durable=True):  # re-voting: replace the earlier ballot
        if not _still_open(process):
            raise _refused(process, code_hash)
        old = (
            VotingCode.objects.select_for_update()
            .filter(process=process, code_hash=code_hash)
            .values_list("sealed_receipt", flat=True)
            .first()
        )
        if old is None:
            raise _unknown_or_used(process, code_hash)
        if not old:  # used for a paper ballot: that vote cannot be replaced online
            raise _error("code", _("Met deze stemcode is al op papier gestemd."))
        swapped = VotingCode.objects.filter(
            process=process, code_hash=code_hash, sealed_receipt=old
        ).update(sealed_receipt=sealed)
        if swapped != 1:
            raise _error(
                "code",
                _("Met deze stemcode wordt op dit moment al gestemd. Probeer het zo nog eens."),
            )
        old_receipt = secrecy.unseal(secret, old)
        if old_receipt:
            Ballot.objects.filter(
                process=process, receipt_hash=secrecy.receipt_hash(process.pk, old_receipt)
            ).delete()
        new_ballot.save(force_insert=True)
        return CastResult(receipt, True)


# --- paper ballots ---------------------------------------------------------------------------


@transaction.atomic(durable=True)
def paper_slip_register(*, process: Process, by, code: str) -> PaperSlip:
    """A voting letter came back with a paper ballot: its code is used (it cannot vote online
    any more). The closed ballot envelope is kept apart and entered later by number."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    _require_phase(process, Phase.VOTING, Phase.COUNTING)
    if not secrecy.looks_like_code(code):
        raise _error("code", _("Deze stemcode klopt niet. Kijk goed naar de brief."))
    code_hash = secrecy.code_hash(process.pk, code)
    if not _consume(process, code_hash):
        raise _unknown_or_used(process, code_hash)
    return PaperSlip.objects.create(
        process=process, registered_by=_user(by), registered_on=_today()
    )


@dataclass(frozen=True)
class PaperSheet:
    """One sheet number: its state and who entered it (usernames, in the order of entry)."""

    number: int
    state: str  # "counted", "invalid", "waiting" or "conflict"
    officials: tuple[str, ...]


@dataclass
class PaperStatus:
    counted: list[int] = field(default_factory=list)  # sheet numbers stored as ballots
    invalid: list[int] = field(default_factory=list)  # agreed: blank or invalid
    waiting: list[int] = field(default_factory=list)  # entered once
    conflicts: dict[int, list[PaperEntry]] = field(default_factory=dict)  # entries differ
    letters: int = 0  # voting letters registered (``PaperSlip``)
    sheets: list[PaperSheet] = field(default_factory=list)  # every sheet number entered

    @property
    def settled(self) -> int:
        """Sheets two officials agree on: counted plus blank or invalid."""
        return len(self.counted) + len(self.invalid)


def _entry_key(process: Process, entry: PaperEntry) -> tuple[Any, ...]:
    if entry.is_blank_or_invalid:
        return ("invalid",)
    return ("valid", spec_for(process).canonical(entry.choices, entry.points))


def _agreement(process: Process, entries: list[PaperEntry]) -> PaperEntry | None:
    """The reading two different officials agree on, if any."""
    seen: dict[tuple[Any, ...], set[int]] = {}
    for entry in entries:
        officials = seen.setdefault(_entry_key(process, entry), set())
        officials.add(entry.official_id)
        if len(officials) >= 2:
            return entry
    return None


def paper_status(process: Process) -> PaperStatus:
    """Every sheet number entered, its state and its officials, and the letters registered.
    Never what is on a sheet, except to officials through ``conflicts`` (the paper page)."""
    status = PaperStatus(letters=PaperSlip.objects.filter(process=process).count())
    by_number: dict[int, list[PaperEntry]] = {}
    for entry in PaperEntry.objects.filter(process=process).select_related("official"):
        by_number.setdefault(entry.number, []).append(entry)
    for number, entries in sorted(by_number.items()):
        agreed = _agreement(process, entries)
        if agreed is not None:
            state = "invalid" if agreed.is_blank_or_invalid else "counted"
            (status.invalid if agreed.is_blank_or_invalid else status.counted).append(number)
        elif len(entries) == 1:
            state = "waiting"
            status.waiting.append(number)
        else:
            state = "conflict"
            status.conflicts[number] = entries
        officials = tuple(e.official.get_username() for e in sorted(entries, key=lambda e: e.pk))
        status.sheets.append(PaperSheet(number, state, officials))
    return status


def _paper_mismatch(process: Process, status: PaperStatus) -> str | None:
    """Why the paper figures do not add up, or None: the sheets counted (paper ballots stored)
    plus the sheets agreed blank or invalid must equal the letters registered."""
    stored = Ballot.objects.filter(process=process, source=BallotSource.PAPER).count()
    sheets = stored + len(status.invalid)
    if sheets == status.letters and stored == len(status.counted):
        return None
    return _(
        "De aantallen op papier kloppen niet: %(letters)d brieven ingenomen, maar "
        "%(sheets)d papieren stembiljetten geteld of blanco/ongeldig. Zoek het verschil voordat "
        "de uitslag bekend wordt. Ontbreekt een stembiljet, laat twee medewerkers het dan als "
        "ongeldig invoeren."
    ) % {"letters": status.letters, "sheets": sheets}


@transaction.atomic(durable=True)
def paper_entry_add(
    *,
    process: Process,
    by,
    number: int,
    choices: Sequence[object] = (),
    points: Sequence[object] | None = None,
    invalid: bool = False,
) -> PaperEntry:
    """One official's reading of paper ballot ``number``. When two different officials agree,
    the ballot is stored (or, if they agree it is blank or invalid, recorded as such); when
    they differ, the sheet is listed for a third check by another official."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    _require_phase(process, Phase.VOTING, Phase.COUNTING)
    if number is None or number < 1:
        raise _error("number", _("Vul het nummer van het stembiljet in."))
    entries = list(PaperEntry.objects.filter(process=process, number=number))
    if not entries:
        # A sheet number not entered before: there may never be more sheets than letters
        # registered (otherwise paper ballots could be made up). Counted under the process
        # row lock taken above, which ``paper_slip_register`` takes too, so two officials
        # entering new numbers at the same moment cannot both pass.
        letters = PaperSlip.objects.filter(process=process).count()
        sheets = PaperEntry.objects.filter(process=process).values("number").distinct().count()
        if sheets >= letters:
            raise _error(
                "number",
                _(
                    "Er zijn %(letters)d brieven ingenomen en er zijn al %(sheets)d "
                    "verschillende stembiljetten ingevoerd. Er kunnen niet meer stembiljetten "
                    "zijn dan brieven. Kijk of het nummer klopt, of neem eerst de brief in."
                )
                % {"letters": letters, "sheets": sheets},
            )
    if any(e.official_id == by.pk for e in entries):
        raise _error(
            "number",
            _("U heeft dit stembiljet al ingevoerd. Een andere medewerker moet het controleren."),
        )
    if _agreement(process, entries) is not None:
        raise _error("number", _("Dit stembiljet is al twee keer gelijk ingevoerd en geteld."))
    clean: list[int] = []
    clean_points: list[int] | None = None
    if not invalid:
        clean, clean_points = _check_content(process, choices, points)
    entry = PaperEntry.objects.create(
        process=process,
        number=number,
        official=by,
        choices=clean,
        points=clean_points,
        is_blank_or_invalid=invalid,
    )
    agreed = _agreement(process, [*entries, entry])
    if agreed is not None and not agreed.is_blank_or_invalid:
        Ballot.objects.create(
            process=process,
            choices=agreed.choices,
            points=agreed.points,
            receipt_hash=None,
            source=BallotSource.PAPER,
            paper_number=number,
        )
    return entry


@transaction.atomic(durable=True)
def paper_entry_withdraw(*, process: Process, by, number: int) -> None:
    """An official takes back their own entry of a sheet that does not count yet (a mistyped
    sheet number or a misread sheet), which frees the sheet's place under the letters. An
    entry two officials agree on stays: that sheet is counted."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    _require_phase(process, Phase.VOTING, Phase.COUNTING)
    entries = list(PaperEntry.objects.filter(process=process, number=number))
    own = [e for e in entries if e.official_id == by.pk]
    if not own:
        raise _error("number", _("U heeft geen invoer van dit stembiljet om in te trekken."))
    if _agreement(process, entries) is not None:
        raise _error(
            "number",
            _("Dit stembiljet is al twee keer gelijk ingevoerd en geteld. Intrekken kan niet."),
        )
    PaperEntry.objects.filter(pk=own[0].pk).delete()


# --- results ---------------------------------------------------------------------------------


def _publish_results(process: Process) -> Result:
    outcome = tally.count_process(process)
    result = Result.objects.create(
        process=process,
        rule=process.rule,
        tie_break=outcome.tie_break,
        ballots=outcome.ballots,
        online_ballots=outcome.online_ballots,
        paper_ballots=outcome.paper_ballots,
        spent=outcome.spent,
        summary=outcome.summary,
        engine=outcome.engine,
    )
    ResultLine.objects.bulk_create(
        [
            ResultLine(
                result=result,
                idea_id=line.idea_id,
                position=position,
                votes=line.votes,
                score=line.score,
                cost=line.cost,
                is_winner=line.is_winner,
                round=line.round,
                explanation=line.explanation,
                details=line.details,
            )
            for position, line in enumerate(outcome.lines, start=1)
        ]
    )
    winners = [line.idea_id for line in outcome.lines if line.is_winner]
    Idea.objects.filter(process=process).update(is_funded=False)
    Idea.objects.filter(process=process, pk__in=winners).update(is_funded=True)
    return result
