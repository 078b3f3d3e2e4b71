# The two commands of the README: `make demo` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
PURE_MODULES := src/wijkaanpak/areas/scale.py src/wijkaanpak/areas/cbs \
                src/wijkaanpak/budgets/counting src/wijkaanpak/mkba/calc.py \
                src/wijkaanpak/monitor/index.py src/wijkaanpak/monitor/progress.py \
                src/wijkaanpak/initiatives/progress.py src/wijkaanpak/monitor/charts.py \
                src/wijkaanpak/monitor/catalogue.py src/wijkaanpak/monitor/readers.py

LINT_PATHS := src tests $(wildcard benchmarks scripts)

.PHONY: demo test venv messages chromium lint pytest schema clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

messages: venv
	$(BIN)/python -m wijkaanpak.core.i18n

# Browser tests drive Debian's Chromium; WeasyPrint (PDF reports) needs Pango. Install them
# from Debian's packages (as root) when missing.
chromium:
	@test -x $(CHROMIUM) && /sbin/ldconfig -p | grep -q libpangoft2 || { \
	  echo "Installing Debian's chromium and pango for the browser tests and PDF reports"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

demo: messages
	$(BIN)/wijk migrate --noinput
	$(BIN)/wijk load_demo
	DJANGO_DEBUG=1 $(BIN)/wijk runserver 127.0.0.1:8000

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy $(wildcard $(PURE_MODULES))
	WIJKAANPAK_DATA_DIR=$${WIJKAANPAK_DATA_DIR:-$(CURDIR)/var} $(BIN)/wijk makemigrations --check --dry-run

pytest: messages chromium
	WIJKAANPAK_DATA_DIR=$${WIJKAANPAK_DATA_DIR:-$(CURDIR)/var} $(BIN)/pytest -n 2

test: lint pytest

schema: venv
	WIJKAANPAK_DATA_DIR=$${WIJKAANPAK_DATA_DIR:-$(CURDIR)/var} $(BIN)/wijk spectacular --validate --file openapi/v1.yaml

clean:
	rm -rf $(VENV) var
