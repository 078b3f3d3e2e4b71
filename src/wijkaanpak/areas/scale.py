"""The visitation committee's scale advice (seed 004): a check, not a rule.

A working unit ("werkeenheid") should hold at most about 10,000 inhabitants and 4,000 homes;
for a district, 10,000–25,000 inhabitants is named optimal. Framework-free; the Django layer
turns the codes into translated sentences (``areas.selectors.SCALE_MESSAGES``).
"""

from __future__ import annotations

from dataclasses import dataclass

WORKING_UNIT_MAX_INHABITANTS = 10_000
WORKING_UNIT_MAX_HOMES = 4_000
DISTRICT_OPTIMAL_MIN = 10_000
DISTRICT_OPTIMAL_MAX = 25_000


@dataclass(frozen=True)
class ScaleCheck:
    code: str  # unknown | small | optimal | large | within_unit | above_unit
    ok: bool


def check_district(inhabitants: int | None) -> ScaleCheck:
    if inhabitants is None:
        return ScaleCheck("unknown", True)
    if inhabitants < DISTRICT_OPTIMAL_MIN:
        return ScaleCheck("small", True)
    if inhabitants <= DISTRICT_OPTIMAL_MAX:
        return ScaleCheck("optimal", True)
    return ScaleCheck("large", False)


def check_working_unit(inhabitants: int | None, homes: int | None) -> ScaleCheck:
    """For a neighbourhood, the unit people work in day to day."""
    too_many_people = inhabitants is not None and inhabitants > WORKING_UNIT_MAX_INHABITANTS
    too_many_homes = homes is not None and homes > WORKING_UNIT_MAX_HOMES
    if too_many_people or too_many_homes:
        return ScaleCheck("above_unit", False)
    return ScaleCheck("within_unit", True)
