"""Ballot types as a registry: what a ballot of each type may hold, checked on the server.

Each ``BallotSpec`` translates a process's settings into the counting engine's
``BallotRules`` (the Pabulib META keys), so the web form, the API, paper entry and the
open-data ``.pb`` export all use one definition. ``check_ballot`` returns field-level messages
in plain Dutch (B1); the engine's error codes are translated here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkaanpak.budgets.counting.model import BallotKind, BallotRules, validate_ballot
from wijkaanpak.budgets.models import BallotType, Process
from wijkaanpak.core.formats import euro_cents_if_any


def euro(value: Fraction | Decimal | int | str) -> str:
    """``€ 12.500`` or ``€ 12.500,50`` in Dutch, ``€ 12,500.50`` in English (active language)."""
    return euro_cents_if_any(value)


@dataclass(frozen=True)
class BallotSpec:
    """One ballot type: engine kind, the META keys it needs and how to compare two ballots."""

    type: str
    kind: BallotKind
    has_points: bool
    ordered: bool
    meta: Callable[[Process], dict[str, str]]

    def rules(self, process: Process) -> BallotRules:
        return BallotRules.from_meta({"vote_type": self.kind.value, **self.meta(process)})

    def canonical(self, choices: Sequence[int], points: Sequence[int] | None) -> tuple[Any, ...]:
        """The same ballot always gives the same value (paper double entry compares these)."""
        if self.has_points:
            pairs = sorted(zip(choices, points or (), strict=False))
            return tuple(pairs)
        if self.ordered:
            return tuple(choices)
        return tuple(sorted(choices))


def _approval_meta(process: Process) -> dict[str, str]:
    return {"min_length": "1", "max_sum_cost": str(process.budget)}


def _k_meta(process: Process) -> dict[str, str]:
    meta = {"min_length": "1"}
    if process.max_choices:
        meta["max_length"] = str(process.max_choices)
    return meta


def _points_meta(process: Process) -> dict[str, str]:
    meta = {"min_length": "1", "min_points": "1"}
    if process.points_total:
        meta["max_sum_points"] = str(process.points_total)
    return meta


#: The registry: ballot type -> spec. Add a type here and in ``BallotType``.
BALLOT_TYPES: dict[str, BallotSpec] = {
    BallotType.APPROVAL: BallotSpec(
        BallotType.APPROVAL, BallotKind.APPROVAL, False, False, _approval_meta
    ),
    BallotType.K_APPROVAL: BallotSpec(
        BallotType.K_APPROVAL, BallotKind.APPROVAL, False, False, _k_meta
    ),
    BallotType.RANKING: BallotSpec(BallotType.RANKING, BallotKind.ORDINAL, False, True, _k_meta),
    BallotType.POINTS: BallotSpec(
        BallotType.POINTS, BallotKind.CUMULATIVE, True, False, _points_meta
    ),
}


def spec_for(process: Process) -> BallotSpec:
    return BALLOT_TYPES[process.ballot_type]


def instructions(process: Process) -> str:
    """What the voter must do, in one or two plain sentences."""
    if process.ballot_type == BallotType.APPROVAL:
        return _("Kies de ideeën die u wilt. Samen mogen ze niet meer kosten dan %(budget)s.") % {
            "budget": euro(process.budget)
        }
    if process.ballot_type == BallotType.K_APPROVAL:
        return ngettext(
            "Kies het idee dat u het beste vindt.",
            "Kies hoogstens %(k)d ideeën.",
            process.max_choices or 0,
        ) % {"k": process.max_choices or 0}
    if process.ballot_type == BallotType.RANKING:
        return _(
            "Zet de ideeën op volgorde: 1 is het idee dat u het beste vindt. "
            "U hoeft niet alle ideeën een plaats te geven."
        )
    return _(
        "Verdeel %(points)d punten over de ideeën. Geef meer punten aan wat u belangrijker vindt."
    ) % {"points": process.points_total or 0}


def _message(code: str, params: Mapping[str, str], titles: Mapping[str, str]) -> str:
    project = titles.get(params.get("project", ""), params.get("project", ""))
    money = {k: euro(Fraction(v)) for k, v in params.items() if k in ("total", "max", "min")}
    if code == "unknown_project":
        return _("Het idee ‘%(project)s’ staat niet op dit stembiljet.") % {"project": project}
    if code == "duplicate_project":
        return _("U koos het idee ‘%(project)s’ twee keer.") % {"project": project}
    if code == "too_few_projects":
        return _("Kies minstens één idee.")
    if code == "too_many_projects":
        return _("Kies hoogstens %(max)s ideeën. U koos er %(count)s.") % params
    if code == "over_budget":
        return (
            _(
                "De ideeën die u koos kosten samen %(total)s. Dat is meer dan het budget van %(max)s."
            )
            % money
        )
    if code == "under_min_cost":
        return _("De ideeën die u koos kosten samen %(total)s, minder dan %(min)s.") % money
    if code == "points_length_mismatch":
        return _("Geef elk gekozen idee een aantal punten.")
    if code == "points_negative":
        return _("Punten kunnen niet negatief zijn (%(project)s).") % {"project": project}
    if code in ("points_over_max", "points_under_min"):
        return _("Het aantal punten voor ‘%(project)s’ kan niet.") % {"project": project}
    if code == "points_sum_over_max":
        return _("U gaf %(total)s punten. U mag hoogstens %(max)s punten verdelen.") % params
    if code == "points_sum_under_min":
        return _("U gaf %(total)s punten. Verdeel minstens %(min)s punten.") % params
    if code == "points_not_allowed":
        return _("Bij dit stembiljet geeft u geen punten.")
    return _("Dit stembiljet klopt niet.")


#: (process id) -> (key, ideas mapping, rules, costs): the engine's inputs for one ballot,
#: reused while the process and its ideas mapping are the same objects (see services).
_PREPARED: dict[int, tuple[tuple[Any, ...], object, BallotRules, dict[str, Fraction]]] = {}


def _prepared(
    process: Process, spec: BallotSpec, ideas: Mapping[int, tuple[str, Decimal, bool]]
) -> tuple[BallotRules, dict[str, Fraction]]:
    key = (process.updated_at, process.ballot_type)
    hit = _PREPARED.get(process.pk)
    if hit is not None and hit[0] == key and hit[1] is ideas:
        return hit[2], hit[3]
    rules = spec.rules(process)
    costs = {str(pk): Fraction(cost) for pk, (_t, cost, on_ballot) in ideas.items() if on_ballot}
    if len(_PREPARED) > 100:
        _PREPARED.clear()
    _PREPARED[process.pk] = (key, ideas, rules, costs)
    return rules, costs


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def check_ballot(
    process: Process,
    ideas: Mapping[int, tuple[str, Decimal, bool]],
    choices: Sequence[object],
    points: Sequence[object] | None,
) -> tuple[list[int], list[int] | None, dict[str, list[str]]]:
    """Validate a ballot. ``ideas`` maps every idea id of the process to (title, cost, on the
    ballot?). Returns the cleaned choices and points, and field errors (empty when valid)."""
    spec = spec_for(process)
    errors: dict[str, list[str]] = {}
    titles = {str(pk): title for pk, (title, _c, _a) in ideas.items()}
    clean: list[int] = []
    for raw in choices:
        pk = _as_int(raw)
        if pk is None or pk not in ideas:
            errors.setdefault("choices", []).append(
                _("Het idee ‘%(project)s’ bestaat niet in dit bewonersbudget.")
                % {"project": str(raw)[:40]}
            )
            continue
        if not ideas[pk][2]:
            errors.setdefault("choices", []).append(
                _(
                    "Het idee ‘%(project)s’ staat niet op het stembiljet: het is niet haalbaar verklaard."
                )
                % {"project": ideas[pk][0]}
            )
            continue
        clean.append(pk)
    clean_points: list[int] | None = None
    if points is not None:
        clean_points = []
        for raw in points:
            value = _as_int(raw)
            if value is None:
                errors.setdefault("points", []).append(_("Punten zijn hele getallen."))
                break
            clean_points.append(value)
    if errors:
        return clean, clean_points, errors
    rules, costs = _prepared(process, spec, ideas)
    engine_errors = validate_ballot(
        rules,
        costs,
        [str(pk) for pk in clean],
        clean_points if spec.has_points else (None if clean_points is None else clean_points),
    )
    for error in engine_errors:
        field = "points" if error.field.startswith("points") else "choices"
        message = _message(error.code, dict(error.params), titles)
        if message not in errors.get(field, []):
            errors.setdefault(field, []).append(message)
    return clean, clean_points, errors
