"""The one write path for money: budget lines of projects."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.core.services import apply_fields, clean_or_raise
from wijkaanpak.funding.models import BudgetLine

BUDGET_LINE_FIELDS = ("funder", "year", "amount", "domain", "note")


def _rules(line: BudgetLine) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if line.amount is not None and line.amount < 0:
        errors["amount"] = [_("Een bedrag kan niet negatief zijn.")]
    if line.year and not 1990 <= line.year <= 2100:
        errors["year"] = [_("Kies een jaar tussen 1990 en 2100.")]
    return errors


@transaction.atomic(durable=True)
def budget_line_create(*, project, by, **data: Any) -> BudgetLine:
    line = BudgetLine(project=project)
    data.setdefault("domain", project.domain)
    apply_fields(line, data, BUDGET_LINE_FIELDS)
    clean_or_raise(line, _rules(line))
    line.save()
    return line


@transaction.atomic(durable=True)
def budget_line_update(*, line: BudgetLine, by, **data: Any) -> BudgetLine:
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    apply_fields(line, data, BUDGET_LINE_FIELDS)
    clean_or_raise(line, _rules(line))
    line.save()
    return line


@transaction.atomic(durable=True)
def budget_line_delete(*, line: BudgetLine, by) -> None:
    line.delete()
