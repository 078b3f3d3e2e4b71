"""``python -m wijkaanpak.budgets.counting count FILE --rule RULE``."""

import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
