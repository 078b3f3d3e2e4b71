"""Serializer fields shared by the apps' API modules."""

from __future__ import annotations

from rest_framework import serializers

from wijkaanpak.areas.models import Area


class AreaCodeField(serializers.SlugRelatedField):
    """Refer to an area by its CBS code (``"WK034401"``); lower case is accepted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data.upper() if isinstance(data, str) else data)
