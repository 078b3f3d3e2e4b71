"""The one write path for initiatives, vouchers, spending, parts, updates, needs and pledges.

Keyword-only functions, one durable transaction each, field-level ``ValidationError``s with
nothing stored. Who may call them is decided by ``accounts.permissions`` in the views.

Decisions:

- **Over-spending is recorded and flagged, not refused.** A receipt is a fact: refusing to
  record it would hide exactly what the public page must show. ``selectors.accountability_flags``
  flags the initiative, and the views warn the person who records it.
- Spending needs a voucher first: spending is accounted for against granted money.
- Pledges are accepted while the need is open, not done, and the initiative is planned or
  running. A pledge may go beyond what is asked (more help is welcome); staff close the need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import AreaKind
from wijkaanpak.core.images import clean_image
from wijkaanpak.core.services import apply_fields, clean_or_raise
from wijkaanpak.initiatives.models import (
    INITIATIVE_TRANSITIONS,
    MILESTONE_TRANSITIONS,
    MONEY_UNIT,
    RECEIPT_MAX_BYTES,
    RECEIPT_TYPES,
    Initiative,
    InitiativeStatus,
    Milestone,
    MilestoneStatus,
    Need,
    NeedKind,
    Pledge,
    SpendingEntry,
    Update,
    Voucher,
    new_voucher_code,
    receipt_extension,
)

INITIATIVE_FIELDS = (
    "area",
    "title",
    "description",
    "initiator_name",
    "contact_email",
    "coordinator",
    "status",
    "is_demo",
)
MILESTONE_FIELDS = ("parent", "title", "status", "progress", "budget", "due_on")
NEED_FIELDS = ("kind", "title", "description", "quantity", "unit", "is_open", "is_done")

#: New initiatives start in one of these statuses.
START_STATUSES = (InitiativeStatus.PLANNED, InitiativeStatus.RUNNING)

#: The largest single pledge (a typo guard, not a business limit).
MAX_PLEDGE = Decimal("100000")


def _today() -> dt.date:
    return timezone.localdate()


def _positive(errors: dict[str, list[str]], field: str, value: Decimal | None) -> None:
    if value is not None and value <= 0:
        errors.setdefault(field, []).append(_("Het bedrag moet groter dan nul zijn."))


def _not_in_future(errors: dict[str, list[str]], field: str, value: dt.date | None) -> None:
    if value is not None and value > _today():
        errors.setdefault(field, []).append(_("Deze datum ligt in de toekomst."))


def _transition(
    errors: dict[str, list[str]], table: dict[str, frozenset[str]], old: str | None, new: str
) -> None:
    if old is None or old == new:
        return
    if new not in table.get(old, frozenset()):
        errors.setdefault("status", []).append(
            _("Deze statuswijziging kan niet (van %(old)s naar %(new)s).")
            % {"old": old, "new": new}
        )


# --- initiatives ------------------------------------------------------------------------------


def _initiative_rules(
    initiative: Initiative, goals: list | None, old_status: str | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if initiative.area_id and initiative.area.kind not in (
        AreaKind.DISTRICT,
        AreaKind.NEIGHBOURHOOD,
    ):
        errors["area"] = [_("Een initiatief hoort bij een wijk of een buurt.")]
    if old_status is None and initiative.status not in START_STATUSES:
        errors["status"] = [_("Een nieuw initiatief is in voorbereiding of loopt.")]
    _transition(errors, INITIATIVE_TRANSITIONS, old_status, initiative.status)
    if goals and initiative.area_id and "area" not in errors:
        district_id = initiative.district.id
        if any(goal.plan.district_id != district_id for goal in goals):
            errors["goals"] = [_("Kies alleen doelen uit een plan van deze wijk.")]
    return errors


@transaction.atomic(durable=True)
def initiative_create(*, by, goals: Iterable = (), idea=None, **data: Any) -> Initiative:
    initiative = Initiative(idea=idea)
    apply_fields(initiative, data, INITIATIVE_FIELDS)
    goal_list = list(goals)
    clean_or_raise(initiative, _initiative_rules(initiative, goal_list, None))
    initiative.save()
    initiative.goals.set(goal_list)
    return initiative


@transaction.atomic(durable=True)
def initiative_update(
    *, initiative: Initiative, by, goals: Iterable | None = None, **data: Any
) -> Initiative:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    old_status = initiative.status
    apply_fields(initiative, data, INITIATIVE_FIELDS)
    goal_list = None if goals is None else list(goals)
    clean_or_raise(initiative, _initiative_rules(initiative, goal_list, old_status))
    initiative.save()
    if goal_list is not None:
        initiative.goals.set(goal_list)
    return initiative


# --- vouchers and spending --------------------------------------------------------------------


def _voucher_create(*, initiative: Initiative, amount, issued_on, note: str = "") -> Voucher:
    errors: dict[str, list[str]] = {}
    _positive(errors, "amount", amount)
    if initiative.status == InitiativeStatus.STOPPED:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _("Een gestopt initiatief krijgt geen voucher meer.")
        )
    voucher = Voucher(initiative=initiative, amount=amount, issued_on=issued_on, note=note)
    voucher.code = new_voucher_code()
    clean_or_raise(voucher, errors, exclude=["code"])
    for _attempt in range(5):
        try:
            with transaction.atomic():
                voucher.save()
            return voucher
        except IntegrityError:  # the same random code twice: draw again
            voucher.pk, voucher.code = None, new_voucher_code()
    raise RuntimeError("Could not draw a free voucher code")


@transaction.atomic(durable=True)
def voucher_issue(
    *, initiative: Initiative, by, amount: Decimal, issued_on: dt.date | None = None, note: str = ""
) -> Voucher:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    return _voucher_create(
        initiative=initiative, amount=amount, issued_on=issued_on or _today(), note=note
    )


def _is_photo(upload) -> bool:
    """A JPG or PNG receipt whose first bytes match its name and within the size limit."""
    extension = receipt_extension(getattr(upload, "name", ""))
    if extension not in ("jpg", "jpeg", "png") or getattr(upload, "size", 0) > RECEIPT_MAX_BYTES:
        return False
    position = upload.tell()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    return any(head.startswith(magic) for magic in RECEIPT_TYPES[extension][1])


@transaction.atomic(durable=True)
def spending_add(
    *,
    initiative: Initiative,
    by,
    spent_on: dt.date,
    amount: Decimal,
    description: str,
    receipt=None,
) -> SpendingEntry:
    """Record money spent. Over-spending is stored and flagged (see the module docstring)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    errors: dict[str, list[str]] = {}
    _positive(errors, "amount", amount)
    _not_in_future(errors, "spent_on", spent_on)
    if not initiative.vouchers.exists():
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _("Dit initiatief heeft nog geen voucher. Geef eerst een voucher uit.")
        )
    entry = SpendingEntry(
        initiative=initiative,
        spent_on=spent_on,
        amount=amount,
        description=(description or "").strip(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if receipt and _is_photo(receipt):
        try:  # a photographed receipt is stored without EXIF/GPS (validate_receipt does the rest)
            receipt = clean_image(receipt)
        except ValidationError as exc:
            errors.setdefault("receipt", []).extend(exc.messages)
            receipt = None
    if receipt:
        entry.receipt = receipt
    clean_or_raise(entry, errors)
    entry.save()
    return entry


# --- parts and updates ------------------------------------------------------------------------


def _descendant_ids(milestone: Milestone) -> set[int]:
    rows = list(
        Milestone.objects.filter(initiative_id=milestone.initiative_id).values("id", "parent_id")
    )
    children: dict[int | None, list[int]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row["id"])
    found: set[int] = set()
    todo = [milestone.pk]
    while todo:
        for kid in children.get(todo.pop(), []):
            if kid not in found:
                found.add(kid)
                todo.append(kid)
    return found


def _milestone_rules(milestone: Milestone, old_status: str | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    parent = milestone.parent
    if parent is not None:
        if parent.initiative_id != milestone.initiative_id:
            errors["parent"] = [_("Kies een onderdeel van hetzelfde initiatief.")]
        elif milestone.pk and (
            parent.pk == milestone.pk or parent.pk in _descendant_ids(milestone)
        ):
            errors["parent"] = [_("Een onderdeel kan niet onder zichzelf hangen.")]
    if milestone.budget is not None and milestone.budget < 0:
        errors["budget"] = [_("Een bedrag kan niet negatief zijn.")]
    _transition(errors, MILESTONE_TRANSITIONS, old_status, milestone.status)
    return errors


@transaction.atomic(durable=True)
def milestone_create(*, initiative: Initiative, by, **data: Any) -> Milestone:
    milestone = Milestone(initiative=initiative)
    apply_fields(milestone, data, MILESTONE_FIELDS)
    if milestone.status == MilestoneStatus.DONE:
        milestone.progress = 100
    clean_or_raise(milestone, _milestone_rules(milestone, None))
    milestone.save()
    return milestone


@transaction.atomic(durable=True)
def milestone_update(*, milestone: Milestone, by, **data: Any) -> Milestone:
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    old_status = milestone.status
    apply_fields(milestone, data, MILESTONE_FIELDS)
    if milestone.status == MilestoneStatus.DONE:
        milestone.progress = 100  # done is done: a finished part never shows less
    clean_or_raise(milestone, _milestone_rules(milestone, old_status))
    milestone.save()
    return milestone


@transaction.atomic(durable=True)
def update_post(
    *, initiative: Initiative, by, text: str, published_on: dt.date | None = None
) -> Update:
    """A public, dated message. Updates are append-only: there is no edit or delete."""
    errors: dict[str, list[str]] = {}
    published_on = published_on or _today()
    _not_in_future(errors, "published_on", published_on)
    update = Update(
        initiative=initiative,
        published_on=published_on,
        text=(text or "").strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    clean_or_raise(update, errors)
    update.save()
    return update


# --- crowd support ----------------------------------------------------------------------------


def _need_rules(need: Need) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if need.quantity is not None and need.quantity <= 0:
        errors["quantity"] = [_("Vul een aantal groter dan nul in.")]
    if need.kind == NeedKind.MONEY:
        need.unit = MONEY_UNIT
    elif not (need.unit or "").strip():
        errors["unit"] = [_("Vul een eenheid in, bijvoorbeeld uur of stoelen.")]
    return errors


@transaction.atomic(durable=True)
def need_create(*, initiative: Initiative, by, **data: Any) -> Need:
    need = Need(initiative=initiative)
    apply_fields(need, data, NEED_FIELDS)
    need.unit = (need.unit or "").strip()
    clean_or_raise(need, _need_rules(need))
    need.save()
    return need


@transaction.atomic(durable=True)
def need_update(*, need: Need, by, **data: Any) -> Need:
    need = Need.objects.select_for_update().get(pk=need.pk)
    apply_fields(need, data, NEED_FIELDS)
    need.unit = (need.unit or "").strip()
    clean_or_raise(need, _need_rules(need))
    need.save()
    return need


@transaction.atomic(durable=True)
def pledge_create(*, need: Need, by, quantity: Decimal, name: str = "", email: str = "") -> Pledge:
    """A resident offers help; with or without an account (``by`` may be anonymous)."""
    need = Need.objects.select_for_update().select_related("initiative").get(pk=need.pk)
    errors: dict[str, list[str]] = {}
    if not need.accepts_pledges:
        errors["need"] = [_("Deze hulpvraag is gesloten. U kunt hier niet meer helpen.")]
    if quantity is not None and quantity <= 0:
        errors["quantity"] = [_("Vul een aantal groter dan nul in.")]
    elif quantity is not None and quantity > MAX_PLEDGE:
        errors["quantity"] = [_("Dit aantal is te groot.")]
    pledge = Pledge(
        need=need,
        quantity=quantity,
        name=(name or "").strip(),
        email=(email or "").strip(),
        user=by if getattr(by, "is_authenticated", False) else None,
    )
    clean_or_raise(pledge, errors)
    pledge.save()
    return pledge


@transaction.atomic(durable=True)
def pledge_set_fulfilled(*, pledge: Pledge, by, fulfilled: bool) -> Pledge:
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    pledge.is_fulfilled = bool(fulfilled)
    pledge.save(update_fields=["is_fulfilled"])
    return pledge


@transaction.atomic(durable=True)
def pledge_delete(*, pledge: Pledge, by) -> None:
    """Staff remove a pledge (spam, or withdrawn by the resident)."""
    Pledge.objects.filter(pk=pledge.pk).delete()


# --- vouchers for the winners of a resident budget --------------------------------------------


@transaction.atomic(durable=True)
def vouchers_issue_for_winners(
    *, winners: Iterable, by, issued_on: dt.date | None = None
) -> list[Voucher]:
    """An initiative and a voucher for each winning idea that has none yet (idempotent).

    ``winners`` are ``selectors.WinningIdea`` rows (``selectors.winners_of(process)``). The
    idea's goals carry over, so the voucher stays tied to the action plan. All or nothing:
    when one winner cannot be issued, none is.
    """
    issued: list[Voucher] = []
    issued_on = issued_on or _today()
    for winner in winners:
        if Initiative.objects.filter(idea=winner.idea).exists():
            continue
        initiative = Initiative(
            idea=winner.idea,
            area=winner.area,
            title=winner.title[:200],
            description=winner.description or winner.title,
            initiator_name=(winner.initiator_name or _("bewoners"))[:100],
            contact_email=winner.contact_email or "",
            status=InitiativeStatus.PLANNED,
        )
        goals = list(winner.goals)
        clean_or_raise(initiative, _initiative_rules(initiative, goals, None))
        initiative.save()
        initiative.goals.set(goals)
        issued.append(
            _voucher_create(
                initiative=initiative,
                amount=winner.amount,
                issued_on=issued_on,
                note=(_("Gekozen in %(process)s") % {"process": winner.process_name})[:200],
            )
        )
    return issued
