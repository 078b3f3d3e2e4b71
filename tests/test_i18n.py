"""The English catalogue: complete, placeholders intact, and actually used by the pages.

The UI source language is Dutch; English comes from ``locale/en/LC_MESSAGES/django.po``.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils.translation import trans_real

from wijkaanpak.core.i18n import PACKAGE_DIR, compile_catalogues

EN_PO = PACKAGE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"

# %(name)s, %s, %d (and friends); "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]")
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def tags(text: str) -> list[str]:
    return sorted(HTML_TAG.findall(text))


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Compile the .po files first, so the pages never use a stale .mo."""
    if compile_catalogues():
        # A catalogue this process already loaded is cached by Django and by gettext.
        gettext._translations.clear()  # type: ignore[attr-defined]
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(EN_PO))


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return [
            (entry.msgid, entry.msgstr_plural.get(0, "")),
            (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
        ]
    return [(entry.msgid, entry.msgstr)]


def test_catalogue_exists_and_is_not_empty(catalogue: polib.POFile) -> None:
    assert Path(EN_PO).exists()
    assert len([e for e in catalogue if not e.obsolete]) > 100


def test_every_entry_is_translated_and_not_fuzzy(catalogue: polib.POFile) -> None:
    untranslated = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if not e.obsolete and "fuzzy" in e.flags]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def test_plural_entries_have_both_forms(catalogue: polib.POFile) -> None:
    for entry in catalogue:
        if entry.msgid_plural and not entry.obsolete:
            assert entry.msgstr_plural.get(0) and entry.msgstr_plural.get(1), entry.msgid


def test_placeholders_match(catalogue: polib.POFile) -> None:
    wrong = [
        (source, translation)
        for entry in catalogue
        if not entry.obsolete
        for source, translation in _pairs(entry)
        if placeholders(source) != placeholders(translation)
    ]
    assert wrong == []


def test_html_tags_and_outer_whitespace_match(catalogue: polib.POFile) -> None:
    wrong = [
        (source, translation)
        for entry in catalogue
        if not entry.obsolete
        for source, translation in _pairs(entry)
        if tags(source) != tags(translation)
        or source[: len(source) - len(source.lstrip())]
        != translation[: len(translation) - len(translation.lstrip())]
        or source[len(source.rstrip()) :] != translation[len(translation.rstrip()) :]
    ]
    assert wrong == []


DUTCH_CHROME = ["Naar de inhoud", "Inloggen", "Hoofdmenu", "Initiatieven"]
ENGLISH_CHROME = ["Skip to content", "Log in", "Main menu", "Initiatives", 'lang="en"']


def _get(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "english", "dutch"),
    [
        ("/", ["plan, do, check and act", "Districts in", "Inhabitants"], ["Wijken in"]),
        ("/partners/", ["housing corporation", "commitments"], ["woningcorporatie"]),
        ("/inloggen/", ["For municipality staff and partners."], ["Voor medewerkers"]),
    ],
)
def test_pages_render_in_english(client, district, partner_org, url, english, dutch) -> None:
    body = _get(client, url, "en")
    for text in ENGLISH_CHROME + english:
        assert text in body, f"{url}: missing English {text!r}"
    for text in DUTCH_CHROME + dutch:
        assert text not in body, f"{url}: Dutch {text!r} in the English page"


@pytest.mark.parametrize(
    ("url", "dutch"),
    [
        ("/", ["Wijkaanpak: plan, doe, meet en stuur bij", "Wijken in"]),
        ("/partners/", ["woningcorporatie", "afspraken"]),
        ("/inloggen/", ["Voor medewerkers van de gemeente en partners."]),
    ],
)
def test_pages_render_in_dutch(client, district, partner_org, url, dutch) -> None:
    body = _get(client, url, "nl")
    for text in DUTCH_CHROME + dutch + ['lang="nl"']:
        assert text in body, f"{url}: missing Dutch {text!r}"
    for text in ["Skip to content", "Main menu"]:
        assert text not in body, f"{url}: English {text!r} in the Dutch page"
