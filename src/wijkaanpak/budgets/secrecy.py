"""Voting codes, receipts and their keyed hashes. Pure functions; no database access.

- A **voting code** (``7KQ2-9XMD-4TPA``: 12 characters from a 26-character alphabet,
  log2(26**12) = about 56.4 random bits) is printed on a letter. The database keeps only
  ``code_hash(process_id, code)``: an HMAC-SHA256 with a server key, so a copy of the database
  without the key cannot even test guesses, and with the key a guess still needs the code
  (about 56 bits) — the letters CSV is the only place where codes exist in clear.
- A **receipt** (``R4K9-Q2TX-7HMP``: a fixed ``R`` and 11 random characters, about 51.7 bits)
  is shown once to the voter after voting; the ballot stores ``receipt_hash``. With it the
  voter checks that the ballot was counted.
- **Re-voting** (only where a process allows it): ``seal(code, receipt)`` encrypts the receipt
  with a key derived from the code and the server key; only someone holding the clear code can
  ``unseal`` it to find (and replace) the earlier ballot.

The server key is ``settings.BUDGETS_HMAC_KEY`` when set, else derived from ``SECRET_KEY``.
Changing it makes every stored code and receipt unusable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

#: No 0/O, 1/I/L, 5/S, 8/B: easy to read from a letter and type on a phone.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
CODE_GROUPS = 3
GROUP_LENGTH = 4
RECEIPT_BYTES = 16


def _server_key() -> bytes:
    configured = getattr(settings, "BUDGETS_HMAC_KEY", "") or ""
    if configured:
        return configured.encode()
    return hashlib.sha256(b"wijkaanpak.budgets:" + settings.SECRET_KEY.encode()).digest()


def _mac(purpose: str, *parts: object) -> bytes:
    message = "\x1f".join([purpose, *(str(p) for p in parts)]).encode()
    return hmac.new(_server_key(), message, hashlib.sha256).digest()


def _random_code() -> str:
    # rejection sampling over random bytes: uniform over the alphabet, one system call
    limit = 256 - 256 % len(ALPHABET)
    chars: list[str] = []
    while len(chars) < CODE_GROUPS * GROUP_LENGTH:
        chars.extend(ALPHABET[b % len(ALPHABET)] for b in secrets.token_bytes(24) if b < limit)
    raw = "".join(chars[: CODE_GROUPS * GROUP_LENGTH])
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def new_code() -> str:
    """A new voting code, e.g. ``7KQ2-9XMD-4TPA`` (about 56 bits of randomness)."""
    return _random_code()


def new_receipt() -> str:
    """A new receipt code; shown once, never stored in clear."""
    return "R" + _random_code()[1:]


def normalise(code: str) -> str:
    """Accept lower case, spaces and missing or extra dashes: ``7kq2 9xmd4tpa``."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return "-".join(cleaned[i : i + GROUP_LENGTH] for i in range(0, len(cleaned), GROUP_LENGTH))


def looks_like_code(code: str) -> bool:
    cleaned = normalise(code).replace("-", "")
    return len(cleaned) == CODE_GROUPS * GROUP_LENGTH and all(ch in ALPHABET for ch in cleaned)


def code_hash(process_id: int, code: str) -> str:
    return _mac("code", process_id, normalise(code)).hex()


def login_hash(process_id: int, user_id: int) -> str:
    """The voting right of a verified account, stored like a code."""
    return _mac("login", process_id, user_id).hex()


def receipt_hash(process_id: int, receipt: str) -> str:
    return _mac("receipt", process_id, normalise(receipt)).hex()


def _pad(secret: str, nonce: bytes) -> bytes:
    return _mac("seal", secret, nonce.hex())[:RECEIPT_BYTES]


def seal(secret: str, receipt: str) -> str:
    """Encrypt ``receipt`` with a one-time pad derived from ``secret`` (the clear code) and a
    fresh nonce. ``secret`` must be the normalised code (or the login secret)."""
    nonce = secrets.token_bytes(16)
    data = normalise(receipt).encode().ljust(RECEIPT_BYTES, b"\0")[:RECEIPT_BYTES]
    cipher = bytes(a ^ b for a, b in zip(data, _pad(secret, nonce), strict=True))
    return nonce.hex() + cipher.hex()


def unseal(secret: str, sealed: str) -> str | None:
    """The receipt sealed with ``seal(secret, ...)``, or ``None`` for an empty value."""
    if not sealed:
        return None
    nonce, cipher = bytes.fromhex(sealed[:32]), bytes.fromhex(sealed[32:])
    data = bytes(a ^ b for a, b in zip(cipher, _pad(secret, nonce), strict=True))
    return data.rstrip(b"\0").decode(errors="replace")
