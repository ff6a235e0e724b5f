# Two commands for a fresh machine: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RT := $(BIN)/reporttool

.PHONY: demo test bench system-deps examples docs clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,bench,cluster]'
	$(BIN)/python -m compileall -q reporttool >/dev/null
	touch $@

system-deps:
	bash .ci/system-deps.sh

demo: $(BIN)/.installed system-deps
	mkdir -p out
	$(RT) init --force out/blank-briefing.xlsx
	$(RT) validate examples/briefing.xlsx
	$(RT) validate --clients examples/clients.xlsx
	$(RT) build examples/briefing.xlsx -o out --format docx,xlsx,pdf
	$(RT) batch examples/clients.xlsx examples/briefing.xlsx -o out/packs
	$(RT) send examples/clients.xlsx out/packs
	@echo 'The web page: $(RT) serve  (open the link it prints)'

test: $(BIN)/.installed system-deps
	$(BIN)/python -m pytest -q

# Byte-compiled first: an editable install compiles nothing, and PYTHONDONTWRITEBYTECODE would leave
# every command compiling reporttool from source, which is not what users run.
bench: $(BIN)/.installed system-deps
	command -v pandoc >/dev/null || (apt-get update -qq && apt-get install -y -qq pandoc >/dev/null)
	$(BIN)/python -m compileall -q reporttool >/dev/null
	$(BIN)/python -m tests.bench

# Regenerate what is generated from the schema and the example data (checked by the tests).
examples: $(BIN)/.installed
	$(RT) init --example examples/briefing.xlsx --force
	$(RT) init --clients --example examples/clients.xlsx --force

docs: $(BIN)/.installed
	$(BIN)/python -m reporttool.docs

clean:
	rm -rf out $(VENV)
