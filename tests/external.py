"""Where the tests find their data files.

Files the fast tests need are copies inside the repository (``tests/data/<kind>/``, each folder
with a SOURCES.md). Large or not-ours-to-redistribute files stay outside: tests that read them
are marked ``external_data`` (deselected by default, see ``addopts`` in pyproject.toml) and read
their folder from an environment variable. Run them with e.g.
``WIJKAANPAK_PABULIB_DIR=DIR WIJKAANPAK_SEEDS_DIR=DIR pytest -m external_data``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
CBS = DATA / "cbs"
PABULIB = DATA / "pabulib"

#: Folder with all Pabulib instances the engine is validated on (the 30 of the reference fixture).
PABULIB_DIR_ENV = "WIJKAANPAK_PABULIB_DIR"
#: Folder with the five seed texts the demo quotes (not ours to redistribute).
SEEDS_DIR_ENV = "WIJKAANPAK_SEEDS_DIR"


def external_dir(env: str) -> Path:
    """The folder named by ``env``; a marked test without it fails, it never skips."""
    value = os.environ.get(env)
    if not value:
        pytest.fail(f"This test is marked external_data: set {env} to the folder with its files.")
    path = Path(value).expanduser()
    if not path.is_dir():
        pytest.fail(f"{env}={value} is not a folder.")
    return path


def pabulib_file(name: str) -> Path:
    """A Pabulib instance: the repository's copy when there is one, else the external folder."""
    local = PABULIB / name
    return local if local.is_file() else external_dir(PABULIB_DIR_ENV) / name
