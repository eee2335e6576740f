# The README's two commands: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test lint install system clean translations index axe

# Debian packages: Chromium for the browser tests, antiword for Word 97-2003 files,
# Tesseract and its Vietnamese model for scanned PDFs.
DEBIAN_PACKAGES = chromium antiword tesseract-ocr tesseract-ocr-vie

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

# Installs the missing Debian packages as root (or with sudo); elsewhere says which are
# missing: the formats that need them are then reported as needing them, and their tests
# are skipped (in CI they fail).
system:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else echo "note: install the Debian packages" $$missing; exit 0; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	  --no-install-recommends $$missing

# Serve the sample archive at http://127.0.0.1:5000/, indexing it (and what changes) in the
# background. `make run PORT=8080 HOST=0.0.0.0` serves elsewhere (HOST=0.0.0.0 opens the site
# to the whole network: see the README).
# Only from make's command line: a shell's own $HOST (zsh sets it) must not move the site.
run: install system
	$(BIN)/union-search serve $(if $(filter command line,$(origin HOST)),--host $(HOST)) \
	  $(if $(filter command line,$(origin PORT)),--port $(PORT))

index: install
	$(BIN)/union-search index

# Extract UI messages, merge webui/translations/vi.py, compile the catalogue.
translations: install
	$(BIN)/python -m webui.translations.update

# axe-core, the accessibility engine the browser tests inject into pages: fetched once from
# the npm registry and checked against its integrity hash (tests/axe.py).
axe: install
	$(BIN)/python -m tests.axe

test: install system axe
	$(BIN)/ruff check .
	$(BIN)/pytest

clean:
	rm -rf $(VENV) instance .pytest_cache
