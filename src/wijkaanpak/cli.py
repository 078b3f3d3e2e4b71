"""The ``wijk`` command: the project's ``manage.py``, usable from any folder.

``wijk migrate``, ``wijk runserver``, ``wijk areas import FILE``, ``wijk budget count FILE.pb``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(["wijk", *(sys.argv[1:] if argv is None else argv)])
    except (OperationalError, InterfaceError) as exc:
        # One clear line instead of a traceback (issue 7, C13). The message names host, port
        # or file (psycopg and sqlite3 never put the password in it).
        from wijkaanpak.core.unavailable import describe

        print(
            f"wijk: the database cannot be reached ({describe(exc)}). "
            "Check DATABASE_URL (or WIJKAANPAK_DATA_DIR for SQLite) and that the database "
            "server is running.",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
