"""Small helpers shared by the services of every app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The plain values of ``fields`` (foreign keys as their id), for a change history."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        values[name] = value if value is None or isinstance(value, (int, bool)) else str(value)
    return values


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    keys = after or before  # a deletion has no "after": keep every old value
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def apply_fields(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Set only the allowed fields; anything else in ``data`` is a programming error."""
    allowed = set(allowed)
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"Unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


def merge_errors(*errors: Mapping[str, list[str]]) -> ValidationError | None:
    merged: dict[str, list[str]] = {}
    for err in errors:
        for field, messages in err.items():
            merged.setdefault(field, []).extend(messages)
    return ValidationError(merged) if merged else None


def clean_or_raise(
    instance: models.Model, extra: Mapping[str, list[str]] | None = None, **kwargs: Any
) -> None:
    """``full_clean`` plus the service's own rules, raised together as one field-level error."""
    errors: dict[str, list[str]] = {}
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        errors = {k: list(v) for k, v in exc.message_dict.items()}
    problem = merge_errors(errors, extra or {})
    if problem is not None:
        raise problem
