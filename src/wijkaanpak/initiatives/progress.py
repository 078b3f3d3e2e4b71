"""Progress of an initiative's parts, rolled up from the leaves to the top (framework-free).

The rule, as in Decidim's accountability module, with two choices made explicit:

- A part without sub-parts has its own progress (0-100), entered by staff.
- A part with sub-parts takes the rolled-up progress of its sub-parts; its own entered
  value is ignored.
- **Weights.** When every counted sub-part has a budget above zero, the sub-parts are
  weighted by their budget (a €900 part weighs nine times a €100 part). As soon as one
  counted sub-part has no budget, all of them weigh the same: mixing money weights with
  guesses would give a number nobody can check.
- **Stopped parts do not count** (they will never progress; counting them would keep the
  parent below 100% for ever). A part whose sub-parts are all stopped has no progress
  (``None``), and neither does a list without counted parts.

The result is rounded to one decimal (half up).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Part:
    id: int
    parent_id: int | None
    progress: Decimal  # 0-100, used only when the part has no sub-parts
    budget: Decimal | None = None
    stopped: bool = False


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def combine(children: Sequence[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """The progress of a set of counted parts, given as ``(progress, budget)`` pairs."""
    if not children:
        return None
    if all(budget is not None and budget > 0 for _progress, budget in children):
        total = sum((budget for _p, budget in children if budget is not None), Decimal(0))
        weighted = sum(
            (progress * budget for progress, budget in children if budget is not None),
            Decimal(0),
        )
        return _round(weighted / total)
    return _round(sum((progress for progress, _b in children), Decimal(0)) / len(children))


def rollup(parts: Iterable[Part]) -> tuple[dict[int, Decimal | None], Decimal | None]:
    """Progress per part id, and the progress of the whole (the top-level parts combined).

    Parts whose parent is not in ``parts`` count as top-level. Cycles are refused by the
    service; here a cycle would only be cut (a part is never visited twice).
    """
    by_id = {part.id: part for part in parts}
    children: dict[int | None, list[Part]] = {}
    for part in by_id.values():
        parent = part.parent_id if part.parent_id in by_id else None
        children.setdefault(parent, []).append(part)

    result: dict[int, Decimal | None] = {}

    def visit(part: Part, seen: frozenset[int]) -> Decimal | None:
        if part.id in result:
            return result[part.id]
        kids = [kid for kid in children.get(part.id, []) if kid.id not in seen]
        if not kids:
            value: Decimal | None = _round(part.progress)
        else:
            value = _counted(kids, seen | {part.id})
        result[part.id] = value
        return value

    def _counted(kids: list[Part], seen: frozenset[int]) -> Decimal | None:
        pairs: list[tuple[Decimal, Decimal | None]] = []
        for kid in kids:
            progress = visit(kid, seen)
            if not kid.stopped and progress is not None:
                pairs.append((progress, kid.budget))
        return combine(pairs)

    top = children.get(None, [])
    overall = _counted(top, frozenset())
    for part in by_id.values():  # parts only reachable through a cycle
        visit(part, frozenset())
    return result, overall


def percentage(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (one decimal); ``None`` when there is no whole."""
    if whole <= 0:
        return None
    return _round(part * 100 / whole)
