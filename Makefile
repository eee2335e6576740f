# The README's two commands: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test lint install clean translations index

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

# Index the sample archive (incrementally) and serve it at http://127.0.0.1:5000/
run: install
	$(BIN)/union-search serve

index: install
	$(BIN)/union-search index

# Extract UI messages, merge webui/translations/vi.py, compile the catalogue.
translations: install
	$(BIN)/python -m webui.translations.update

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest

clean:
	rm -rf $(VENV) instance .pytest_cache
