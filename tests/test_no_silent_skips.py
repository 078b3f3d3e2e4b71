"""No test skips itself: a test whose data or package is missing fails and says what is missing.

Tests that read files from outside the repository are marked ``external_data`` (deselected by
``make test``, see ``tests/external.py``) and fail when their folder is not set; packages the
tests use are in the ``test`` extras, so a missing one is an error, not a skip.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SKIPPING = re.compile(
    r"\b(importorskip|pytest\.skip|mark\.skip|skipif|mark\.xfail|pytest\.xfail)\b"
)


def test_no_test_skips_or_expects_to_fail() -> None:
    found = []
    checked = 0
    for path in sorted(TESTS.rglob("*.py")):
        if path == Path(__file__).resolve() or "__pycache__" in path.parts:
            continue
        checked += 1
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SKIPPING.search(line):
                found.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert checked > 50
    assert found == []


def test_the_pattern_catches_a_skip() -> None:
    assert SKIPPING.search('    pytest.importorskip("pabutools")')
    assert SKIPPING.search("@pytest.mark.skipif(not DATA.exists(), reason='no data')")
    assert not SKIPPING.search("assert reader.info.rows_skipped == 1")
