"""The one write path for accounts: API keys (tokens) of signed-in users."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token


@transaction.atomic(durable=True)
def api_token_renew(*, user) -> Token:
    """A new API key for ``user``; the old one (if any) stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic(durable=True)
def api_token_delete(*, user) -> None:
    Token.objects.filter(user=user).delete()
