"""The ``wijk`` command: the project's ``manage.py``, usable from any folder.

``wijk migrate``, ``wijk runserver``, ``wijk areas import FILE``, ``wijk budget count FILE.pb``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wijk", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
