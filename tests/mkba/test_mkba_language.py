"""E23: the MKBA's "In short" bullets and its amounts follow the visitor's language."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from wijkaanpak.core import formats
from wijkaanpak.mkba import calc, selectors
from wijkaanpak.mkba.demo import load_demo_mkba


def short_bullets(html: str) -> list[str]:
    story = re.search(r'<ul class="mkba-story">(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", li).strip() for li in re.findall(r"<li>(.*?)</li>", story, re.S)]


def test_in_short_in_english_and_dutch(client, project):
    analysis = load_demo_mkba(project)
    english = client.get(analysis.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    bullets = short_bullets(english)
    assert bullets[0] == "Every euro we spend yields € 2.15 for society."
    assert any(b.startswith("All in all, the benefits are € ") for b in bullets)
    assert any("per year)." in b and "2.25%" in b for b in bullets)
    text = " ".join(bullets)
    assert "Elke euro" not in text and "samenleving" not in text
    assert not re.search(r"€ -?\d{1,3}(\.\d{3})+", text)  # no Dutch thousands on English pages
    # the amounts of the whole page use one notation
    body = re.sub(r"(?s)<svg.*?</svg>", "", english)
    assert re.search(r"€ \d{1,3}(,\d{3})+", body)
    assert not re.search(r"€ -?\d{1,3}(\.\d{3})+", body)

    dutch = client.get(analysis.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert (
        short_bullets(dutch)[0] == "Elke euro die we uitgeven levert € 2,15 op voor de samenleving."
    )
    body = re.sub(r"(?s)<svg.*?</svg>", "", dutch)
    assert re.search(r"€ \d{1,3}(\.\d{3})+", body)
    assert not re.search(r"€ -?\d{1,3}(,\d{3})+\b(?!,)", body.replace(",00", ""))


def test_translated_bullets_match_the_pure_dutch_text(project):
    """The page's Dutch equals the pure module's Dutch: one meaning, two writers."""
    analysis = load_demo_mkba(project)
    result = calc.analyse(selectors.intervention_for(analysis))
    with translation.override("nl"):
        assert selectors.explanation_text(calc.explain_codes(result)) == calc.explain(result)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["€ 2.339.214", "€ 2,10", "€ -300", "2,25%", "1.234,5"]),
        ("en", ["€ 2,339,214", "€ 2.10", "€ -300", "2.25%", "1,234.5"]),
    ],
)
def test_number_formats_per_language(language, expected):
    with translation.override(language):
        got = [
            formats.euro(2339214),
            formats.euro(2.1, 2),
            formats.euro(-300),
            formats.percent(0.0225),
            formats.number(1234.5, 1),
        ]
    assert got == expected
