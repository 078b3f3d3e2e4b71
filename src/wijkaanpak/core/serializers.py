"""The base serializer every API model serializer derives from."""

from rest_framework import serializers

# PostgreSQL's integer column ranges. Django derives an integer field's range from the database
# in use, so on SQLite the API would accept (and the OpenAPI schema would promise) 64-bit values
# that PostgreSQL, the production database, rejects. Clamping to these ranges makes validation
# and the committed schema the same on both.
POSTGRESQL_INTEGER_MAX = {
    "SmallIntegerField": 32767,
    "PositiveSmallIntegerField": 32767,
    "IntegerField": 2147483647,
    "PositiveIntegerField": 2147483647,
}


class ModelSerializer(serializers.ModelSerializer):
    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        limit = POSTGRESQL_INTEGER_MAX.get(model_field.get_internal_type())
        if limit is not None and kwargs.get("max_value", limit) > limit:
            kwargs["max_value"] = limit
        return field_class, kwargs
