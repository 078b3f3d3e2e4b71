"""Compile the translation catalogues (.po -> .mo) with polib, so no GNU gettext is needed.

Run as ``python -m wijkaanpak.core.i18n``; compiles only what changed.
"""

from __future__ import annotations

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def compile_catalogues(root: Path = PACKAGE_DIR) -> list[Path]:
    written = []
    for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"compiled {path.relative_to(PACKAGE_DIR.parent)}")
