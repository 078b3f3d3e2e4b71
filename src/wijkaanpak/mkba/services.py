"""The one write path for social cost-benefit analyses (MKBA) and their cash flows.

Every function takes keyword arguments only, runs in one durable transaction and raises a
field-level ``ValidationError`` with Dutch (B1) messages when the input is wrong; nothing is
stored then. The rules of :mod:`wijkaanpak.mkba.calc` stay the authority: after our own
checks (which report every problem at once) the input is handed to ``calc`` too, and any
``calc.MkbaError`` is translated to the field it names.

Who may call which function is decided by ``accounts.permissions`` in the views and API.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.core import formats
from wijkaanpak.core.services import apply_fields, clean_or_raise
from wijkaanpak.mkba import calc
from wijkaanpak.mkba.models import (
    MAX_DISCOUNT_RATE,
    MIN_DISCOUNT_RATE,
    Analysis,
    CashFlow,
    Stakeholder,
)
from wijkaanpak.partners.models import Organisation

ANALYSIS_FIELDS = (
    "project",
    "title",
    "description",
    "base_year",
    "horizon",
    "discount_rate",
    "mc_seed",
    "mc_runs",
    "mc_distribution",
    "is_demo",
)
FLOW_FIELDS = ("year", "kind", "amount", "low", "high", "description")

#: calc's field names -> the model fields they belong to.
_CALC_FIELDS = {"runs": "mc_runs", "distribution": "mc_distribution"}


def _percent(fraction: Decimal | float) -> str:
    return formats.percent(float(fraction))


# --- translating calc's errors ------------------------------------------------------------


def mkba_error_to_validation(
    exc: calc.MkbaError, analysis: Analysis | None = None
) -> ValidationError:
    """A ``calc.MkbaError`` as a field-level ``ValidationError`` with a Dutch message."""
    field = _CALC_FIELDS.get(exc.field, exc.field)
    message = exc.message
    if message == "must be a finite number":
        text = _("Vul een gewoon getal in.")
    elif message.startswith("must not be negative"):
        text = _("Een bedrag kan niet negatief zijn. Kies bij ‘soort’ of het kosten of baten zijn.")
    elif message == "must not be greater than high":
        text = _("De laagste schatting mag niet hoger zijn dan de hoogste schatting.")
    elif message == "must not be greater than amount":
        text = _("De laagste schatting mag niet hoger zijn dan het bedrag.")
    elif message == "must not be less than amount":
        text = _("De hoogste schatting mag niet lager zijn dan het bedrag.")
    elif field == "stakeholder":
        text = _("Vul in welke partij dit betaalt of krijgt.")
    elif field == "kind":
        text = _("Kies kosten of baten.")
    elif field == "year" and analysis is not None:
        text = _("Kies een jaar van %(start)s tot en met %(end)s (de looptijd van de MKBA).") % {
            "start": analysis.base_year,
            "end": analysis.end_year,
        }
    elif field == "year":
        text = _("Dit jaar valt buiten de looptijd van de MKBA.")
    elif field == "horizon":
        text = _("De looptijd is minstens 1 jaar.")
    elif field == "discount_rate" and message.startswith("a negative rate"):
        text = _("Een negatieve discontovoet mag alleen bij een looptijd tot %(n)s jaar.") % {
            "n": calc.MAX_HORIZON_NEGATIVE_RATE
        }
    elif field == "discount_rate":
        text = _("Deze discontovoet kan niet.")
    elif field == "mc_runs":
        text = _("Reken minstens 1 keer.")
    elif field == "mc_distribution":
        text = _("Kies een verdeling.")
    else:
        text = _("Deze waarde kan niet (%(detail)s).") % {"detail": message}
    return ValidationError({field: [text]})


# --- analyses --------------------------------------------------------------------------------


def _analysis_rules(analysis: Analysis) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    rate = analysis.discount_rate
    if rate is not None and not MIN_DISCOUNT_RATE <= Decimal(rate) <= MAX_DISCOUNT_RATE:
        errors["discount_rate"] = [
            _("Kies een discontovoet van %(low)s tot en met %(high)s. De standaard is %(std)s.")
            % {
                "low": _percent(MIN_DISCOUNT_RATE),
                "high": _percent(MAX_DISCOUNT_RATE),
                "std": _percent(calc.DEFAULT_DISCOUNT_RATE),
            }
        ]
    if analysis.pk and analysis.base_year and analysis.horizon:
        # Changing the horizon may not leave cash flows outside it.
        years = list(CashFlow.objects.filter(analysis=analysis).values_list("year", flat=True))
        if years and min(years) < analysis.base_year:
            errors.setdefault("base_year", []).append(
                _("Er staan al bedragen in %(year)s. Kies dat jaar of eerder als beginjaar.")
                % {"year": min(years)}
            )
        if years and max(years) > analysis.end_year:
            errors.setdefault("horizon", []).append(
                _(
                    "Er staan al bedragen in %(year)s. Kies een looptijd die tot en met dat jaar "
                    "loopt (minstens %(n)s jaar)."
                )
                % {"year": max(years), "n": max(years) - analysis.base_year + 1}
            )
    return errors


def _check_with_calc(analysis: Analysis) -> None:
    """Let calc validate the parameters (and the Monte Carlo settings) too."""
    try:
        calc.Intervention(
            analysis.title,
            analysis.base_year,
            analysis.horizon,
            flows=(),
            discount_rate=float(analysis.discount_rate),
        )
    except calc.MkbaError as exc:
        raise mkba_error_to_validation(exc, analysis) from None
    if analysis.mc_runs is not None and analysis.mc_runs < 1:
        raise ValidationError({"mc_runs": [_("Reken minstens 1 keer.")]})


def _save_analysis(analysis: Analysis) -> Analysis:
    clean_or_raise(analysis, _analysis_rules(analysis))
    _check_with_calc(analysis)
    analysis.save()
    return analysis


@transaction.atomic(durable=True)
def analysis_create(*, by, **data: Any) -> Analysis:
    """A new, empty analysis. ``discount_rate`` defaults to ``settings.MKBA_DISCOUNT_RATE``."""
    analysis = Analysis(created_by=by if getattr(by, "pk", None) else None)
    if data.get("discount_rate") is None:
        data.pop("discount_rate", None)  # keep the model's default
    apply_fields(analysis, data, ANALYSIS_FIELDS)
    return _save_analysis(analysis)


@transaction.atomic(durable=True)
def analysis_update(*, analysis: Analysis, by, **data: Any) -> Analysis:
    analysis = Analysis.objects.select_for_update().get(pk=analysis.pk)
    if "discount_rate" in data and data["discount_rate"] is None:
        data.pop("discount_rate")
    apply_fields(analysis, data, ANALYSIS_FIELDS)
    return _save_analysis(analysis)


@transaction.atomic(durable=True)
def analysis_delete(*, analysis: Analysis, by) -> None:
    CashFlow.objects.filter(analysis=analysis).delete()
    analysis.delete()


# --- stakeholders ----------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    return _SPACES.sub(" ", name or "").strip()


def _stakeholder_for(analysis: Analysis, name: str) -> Stakeholder:
    """The analysis's stakeholder with this name (any case), or a new one.

    A new stakeholder is linked to the partner organisation with exactly that name, if any.
    """
    existing = Stakeholder.objects.filter(analysis=analysis, name__iexact=name).first()
    if existing is not None:
        return existing
    stakeholder = Stakeholder(
        analysis=analysis,
        name=name,
        organisation=Organisation.objects.filter(name__iexact=name).first(),
    )
    stakeholder.full_clean()
    stakeholder.save()
    return stakeholder


def _drop_unused_stakeholders(analysis: Analysis) -> None:
    Stakeholder.objects.filter(analysis=analysis, flows__isnull=True).delete()


# --- cash flows ------------------------------------------------------------------------------


def _flow_rules(analysis: Analysis, name: str, flow: CashFlow) -> dict[str, list[str]]:
    """Our own checks, so every problem is reported at once (calc stops at the first)."""
    errors: dict[str, list[str]] = {}
    if not name:
        errors["stakeholder"] = [_("Vul in welke partij dit betaalt of krijgt.")]
    elif len(name) > Stakeholder._meta.get_field("name").max_length:
        errors["stakeholder"] = [_("Deze naam is te lang (hoogstens 200 tekens).")]
    for field in ("amount", "low", "high"):
        value = getattr(flow, field)
        if value is not None and value < 0:
            errors[field] = [
                _(
                    "Een bedrag kan niet negatief zijn. Kies bij ‘soort’ of het kosten of baten zijn."
                )
            ]
    amount, low, high = flow.amount, flow.low, flow.high
    if not errors.keys() & {"amount", "low", "high"} and amount is not None:
        if low is not None and high is not None and low > high:
            errors["low"] = [
                _("De laagste schatting mag niet hoger zijn dan de hoogste schatting.")
            ]
        elif low is not None and low > amount:
            errors["low"] = [_("De laagste schatting mag niet hoger zijn dan het bedrag.")]
        elif high is not None and high < amount:
            errors["high"] = [_("De hoogste schatting mag niet lager zijn dan het bedrag.")]
    if flow.year is not None and not analysis.base_year <= flow.year <= analysis.end_year:
        errors["year"] = [
            _("Kies een jaar van %(start)s tot en met %(end)s (de looptijd van de MKBA).")
            % {"start": analysis.base_year, "end": analysis.end_year}
        ]
    return errors


def _validate_flow(analysis: Analysis, name: str, flow: CashFlow, extra=None) -> None:
    errors = _flow_rules(analysis, name, flow)
    for field, messages in (extra or {}).items():
        errors.setdefault(field, []).extend(messages)
    # The stakeholder is resolved after validation; don't let full_clean ask for it.
    clean_or_raise(flow, errors, exclude=["stakeholder"])
    try:
        calc.Intervention(
            analysis.title,
            analysis.base_year,
            analysis.horizon,
            flows=[
                calc.CashFlow(
                    name,
                    flow.year,
                    calc.FlowKind(flow.kind),
                    float(flow.amount),
                    None if flow.low is None else float(flow.low),
                    None if flow.high is None else float(flow.high),
                )
            ],
            discount_rate=float(analysis.discount_rate),
        )
    except calc.MkbaError as exc:
        raise mkba_error_to_validation(exc, analysis) from None


def _new_flow(analysis: Analysis, data: dict[str, Any]) -> CashFlow:
    flow = CashFlow(analysis=analysis)
    data.setdefault("description", "")
    apply_fields(flow, data, FLOW_FIELDS)
    return flow


@transaction.atomic(durable=True)
def flow_create(*, analysis: Analysis, by, stakeholder: str, **data: Any) -> CashFlow:
    """One amount for one party in one year. ``stakeholder`` is a name ("bewoners")."""
    analysis = Analysis.objects.select_for_update().get(pk=analysis.pk)
    name = normalise_name(stakeholder)
    flow = _new_flow(analysis, data)
    _validate_flow(analysis, name, flow)
    flow.stakeholder = _stakeholder_for(analysis, name)
    flow.save()
    return flow


@transaction.atomic(durable=True)
def flow_series_create(
    *, analysis: Analysis, by, stakeholder: str, until_year: int | None = None, **data: Any
) -> list[CashFlow]:
    """The same amount every year from ``year`` up to and including ``until_year``."""
    analysis = Analysis.objects.select_for_update().get(pk=analysis.pk)
    name = normalise_name(stakeholder)
    first = _new_flow(analysis, dict(data))
    extra: dict[str, list[str]] = {}
    last_year = first.year if until_year is None else until_year
    if until_year is not None and first.year is not None:
        if until_year < first.year:
            extra["until_year"] = [_("Dit jaar mag niet vóór het eerste jaar liggen.")]
        elif until_year > analysis.end_year:
            extra["until_year"] = [
                _("Kies een jaar tot en met %(end)s (de looptijd van de MKBA).")
                % {"end": analysis.end_year}
            ]
    _validate_flow(analysis, name, first, extra)
    owner = _stakeholder_for(analysis, name)
    flows = []
    for year in range(first.year, last_year + 1):
        flow = _new_flow(analysis, {**data, "year": year})
        flow.stakeholder = owner
        flow.save()
        flows.append(flow)
    return flows


@transaction.atomic(durable=True)
def flow_update(*, flow: CashFlow, by, stakeholder: str | None = None, **data: Any) -> CashFlow:
    flow = CashFlow.objects.select_for_update().select_related("stakeholder").get(pk=flow.pk)
    analysis = Analysis.objects.select_for_update().get(pk=flow.analysis_id)
    apply_fields(flow, data, FLOW_FIELDS)
    name = flow.stakeholder.name if stakeholder is None else normalise_name(stakeholder)
    _validate_flow(analysis, name, flow)
    flow.stakeholder = _stakeholder_for(analysis, name)
    flow.save()
    _drop_unused_stakeholders(analysis)
    return flow


@transaction.atomic(durable=True)
def flow_delete(*, flow: CashFlow, by) -> None:
    analysis = flow.analysis
    flow.delete()
    _drop_unused_stakeholders(analysis)
