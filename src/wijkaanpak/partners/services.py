"""The one write path for partner organisations and their people."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wijkaanpak.core.services import apply_fields, clean_or_raise
from wijkaanpak.partners.models import Organisation, Person

ORGANISATION_FIELDS = ("name", "kind", "municipality", "website", "description", "is_demo")
PERSON_FIELDS = ("name", "job_title", "email", "user", "is_demo")


@transaction.atomic(durable=True)
def organisation_create(*, by, **data: Any) -> Organisation:
    organisation = Organisation()
    apply_fields(organisation, data, ORGANISATION_FIELDS)
    clean_or_raise(organisation)
    organisation.save()
    return organisation


@transaction.atomic(durable=True)
def organisation_update(*, organisation: Organisation, by, **data: Any) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    apply_fields(organisation, data, ORGANISATION_FIELDS)
    clean_or_raise(organisation)
    organisation.save()
    return organisation


@transaction.atomic(durable=True)
def person_create(*, organisation: Organisation, by, **data: Any) -> Person:
    person = Person(organisation=organisation)
    apply_fields(person, data, PERSON_FIELDS)
    clean_or_raise(person)
    person.save()
    return person
