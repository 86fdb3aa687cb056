# Kiosque École–Familles — the two commands a newcomer needs:
#   make run    set up everything and start the kiosk on the built-in demo school
#   make test   set up everything and run the checks (ruff, mypy, import contracts, pytest)
# Others: make bench (performance ratios), make test-slow (soak and fault runs),
#         make catalogs (compile translations), make extract (refresh catalogs from the code).

# The newest Python ≥ 3.11 that actually runs (a pyenv shim can exist for a version that is
# not selected, and fails when called).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
		$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { command -v $$p; break; }; done)
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# Debian packages the tests use: fonts for every script on printed tickets, tmux for the
# end-to-end test, chromium and poppler-utils to print the paper questionnaire to PDF and
# look at it. Installed when missing and apt-get is usable; else those tests say why
# they are skipped.
TEST_DEBS := fonts-noto-core fonts-noto-cjk fonts-dejavu-core tmux chromium poppler-utils espeak-ng sox

.PHONY: run test test-slow bench catalogs extract setup setup-test debs lint clean

run: setup catalogs
	$(PY) run_kiosk.py --demo

# The suite runs on every core (pytest-xdist); PYTEST_ARGS adds options (e.g. -x, -k flow).
test: setup-test catalogs debs lint
	$(PY) -m pytest -q -n auto --dist worksteal $(PYTEST_ARGS)

test-slow: setup-test catalogs debs
	$(PY) -m pytest -q -m slow

bench: setup catalogs
	$(PY) run_kiosk.py bench

lint:
	$(VENV)/bin/ruff check kiosk screens tests run_kiosk.py scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	$(PY) -m compileall -q kiosk screens  # bytecode once: a faster start, even where Python may not write it
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

catalogs: setup
	$(PY) scripts/catalogs.py compile

extract: setup
	$(PY) scripts/catalogs.py extract

debs:
	@sh scripts/ensure-debian-packages.sh $(TEST_DEBS)

clean:
	rm -rf $(VENV) .demo-data .pytest_cache .mypy_cache .ruff_cache
	find locales -name '*.mo' -delete
