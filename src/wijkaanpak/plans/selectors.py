"""Reads for plans: the plan history in words (field labels and names, not columns and ids)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanChange

MODELS: dict[str, type[models.Model]] = {
    "plan": ActionPlan,
    "goal": Goal,
    "commitment": Commitment,
}
OBJECT_TYPES = {"plan": _("plan"), "goal": _("doel"), "commitment": _("afspraak")}
ACTIONS = {"created": _("aangemaakt"), "updated": _("gewijzigd"), "deleted": _("verwijderd")}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    change: PlanChange
    what: str
    fields: list[FieldChange]


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # a field that no longer exists: show its stored name
        return None


def _value(field, value, stored_name, current_names) -> str:
    if value is None or value == "":
        return "–"
    if stored_name:
        return str(stored_name)
    if field is None:
        return str(value)
    if field.is_relation:
        # Older rows kept only the id: name the object as it is now, if it still exists.
        name = current_names.get((field.related_model, value))
        return name if name else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    return str(value)


def _current_names(changes: list[PlanChange]) -> dict[tuple[type, object], str]:
    """One query per referenced model for the ids that older history rows left unnamed."""
    from wijkaanpak.plans.services import reference_name

    wanted: dict[type, set] = {}
    for change in changes:
        model = MODELS.get(change.object_type)
        if model is None:
            continue
        for name, values in change.changes.items():
            field = _field(model, name)
            if field is None or not field.is_relation or name in change.labels:
                continue
            wanted.setdefault(field.related_model, set()).update(v for v in values if v is not None)
    out = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            out[(model, obj.pk)] = reference_name(obj)
    return out


def history_rows(changes) -> list[HistoryRow]:
    """The plan's history as the page shows it: "Indicator: – → Bijstandsuitkeringen ..."."""
    changes = list(changes)
    current = _current_names(changes)
    rows = []
    for change in changes:
        model = MODELS.get(change.object_type)
        fields = []
        for name, values in change.changes.items():
            field = _field(model, name) if model else None
            label = str(field.verbose_name) if field is not None else name
            stored = change.labels.get(name) or [None, None]
            old, new = (list(values) + [None, None])[:2]
            fields.append(
                FieldChange(
                    label=label[:1].upper() + label[1:],
                    old=_value(field, old, stored[0], current),
                    new=_value(field, new, stored[1], current),
                )
            )
        what = f"{str(OBJECT_TYPES.get(change.object_type, change.object_type)).capitalize()} {ACTIONS.get(change.action, change.action)}: {change.object_label}"
        rows.append(HistoryRow(change=change, what=what, fields=fields))
    return rows
