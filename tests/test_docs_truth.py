"""Documentation that states facts about the code is checked against the code."""

from __future__ import annotations

import math
import re
from pathlib import Path

from django.apps import apps

from wijkaanpak.budgets import admin as budgets_admin
from wijkaanpak.budgets import secrecy

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "wijkaanpak"
# os.environ.get("X"), os.environ["X"], os.getenv("X"), env_bool("X"), SOMETHING_ENV = "X"
READS = re.compile(
    r"""(?:os\.environ(?:\.get)?\s*[\(\[]|os\.getenv\(|env_bool\(|_ENV\s*=\s*)\s*["']([A-Z][A-Z0-9_]+)["']"""
)
#: Read only to find the settings module; not configuration.
NOT_CONFIGURATION = {"DJANGO_SETTINGS_MODULE"}


def configuration_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Configuration\n")
    return readme[start : readme.index("\n## ", start + 1)]


def test_the_readme_configuration_table_names_every_variable_the_code_reads() -> None:
    read = set()
    for path in SRC.rglob("*.py"):
        read |= set(READS.findall(path.read_text(encoding="utf-8")))
    read -= NOT_CONFIGURATION
    # the pattern finds each way of reading (settings, gunicorn_conf, env_bool, a named constant)
    assert {"LOG_LEVEL", "GUNICORN_WORKERS", "DJANGO_SECURE_COOKIES", "WIJKAANPAK_CBS_FILE"} <= read
    section = configuration_section()
    table = {
        m
        for line in section.splitlines()
        if line.startswith("|")
        for m in re.findall(r"`([A-Z][A-Z0-9_]+)`", line)
    }
    assert sorted(read - table) == []
    assert "DATABASE_URL" in table  # read by dj_database_url, not by os.environ


def test_the_code_strength_in_the_docs_is_computed_not_rounded_up() -> None:
    length = secrecy.CODE_GROUPS * secrecy.GROUP_LENGTH
    bits = math.log2(len(set(secrecy.ALPHABET)) ** length)
    assert len(secrecy.ALPHABET) == 26 and length == 12
    assert round(bits, 1) == 56.4
    doc = secrecy.__doc__ or ""
    assert "56.4 random bits" in doc and "60 bits" not in doc
    receipt_bits = math.log2(len(secrecy.ALPHABET) ** (length - 1))  # "R" + 11 random
    assert f"{receipt_bits:.1f} bits" in doc
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "about 56 bits" in readme and "60 bits" not in readme


def test_the_budgets_admin_promises_no_history_that_does_not_exist() -> None:
    doc = budgets_admin.__doc__ or ""
    assert "no change history" in doc
    names = {model.__name__ for model in apps.get_app_config("budgets").get_models()}
    assert not {n for n in names if "History" in n or n.endswith("Change")}
    assert {"ModerationAction", "CodeBatch", "Result"} <= names  # what the docstring names
