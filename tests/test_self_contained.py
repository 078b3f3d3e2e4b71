"""The repository runs on its own: no file of the code, tests, scripts or benchmarks reads from a
folder beside the checkout (the team's ``../shared``), and every data file it carries says where it
comes from and under which licence.

Files that stay outside (large Pabulib instances, the seed texts) are read only from a folder
named by an environment variable or argument, by tests marked ``external_data`` that
``make test`` deselects (pyproject.toml ``addopts``). ``.ci/fresh-clone`` does the real thing:
``make test`` in a fresh clone with nothing beside it.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import wijkaanpak
from wijkaanpak.core.management.commands import load_demo

REPO = Path(__file__).resolve().parents[1]
SCANNED = ["src", "tests", "scripts", "benchmarks", "Makefile", "pyproject.toml"]
SKIPPED_PARTS = {"__pycache__", ".pytest_cache", "node_modules"}
# Paths that leave the checkout: "<repo>.parent", "../shared", "/work/...", "shared/data".
OUTSIDE = re.compile(
    r"(REPO|repo|parents\[\d+\])\.parent\b|\.\./shared|/work/|\bshared/(data|seeds)|\"shared\"|SHARED_DATA"
)


def scanned_files():
    for name in SCANNED:
        root = REPO / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            parts = set(path.relative_to(REPO).parts)
            if parts & SKIPPED_PARTS or any(p.endswith(".egg-info") for p in parts):
                continue
            if path == Path(__file__).resolve():
                continue
            yield path


def test_no_file_reads_from_beside_the_checkout():
    found = []
    checked = 0
    for path in scanned_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary data (xlsx, images, compiled messages)
        checked += 1
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert checked > 100
    assert found == []


def test_the_demo_reads_its_cbs_files_from_its_own_package(monkeypatch):
    monkeypatch.delenv(load_demo.CBS_FILE_ENV, raising=False)
    path = load_demo.resolve_cbs_file(None)
    package = Path(wijkaanpak.__file__).resolve().parent
    assert path.is_relative_to(package) and path.is_file()
    assert path.with_name(path.name.replace("kwb-2023", "kwb-2024")).is_file()
    # ... and `pip install .` carries them: the folder matches a package-data pattern.
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    relative = path.relative_to(package / "core").as_posix()  # core is a package
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative


def test_every_data_folder_names_its_source_and_licence():
    folders = [
        REPO / "tests" / "data" / "cbs",
        REPO / "tests" / "data" / "pabulib",
        load_demo.CBS_DATA_DIR,
    ]
    assert {p for p in (REPO / "tests" / "data").iterdir() if p.is_dir()} <= set(folders)
    for folder in folders:
        sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
        assert re.search(r"[Ll]icen[cs]e", sources), folder
        for data in folder.iterdir():
            if data.name != "SOURCES.md":
                assert f"`{data.name}`" in sources or f"| {data.name} |" in sources, data
    assert "CC BY 4.0" in (load_demo.CBS_DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "Bron: CBS" in (load_demo.CBS_DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")


def test_external_data_tests_are_not_part_of_the_default_run():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    options = config["tool"]["pytest"]["ini_options"]
    assert "-m 'not external_data'" in options["addopts"]
    assert any(m.startswith("external_data:") for m in options["markers"])
