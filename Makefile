# `make run` starts the service, `make test` runs the tests, `make demo` shows one full cycle.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test demo lint typecheck install clean compose-config bench

$(STAMP): pyproject.toml requirements-nlp.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-nlp.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/mouthpiece run

test: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

demo: $(STAMP)
	$(BIN)/mouthpiece demo

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy quotes alerts

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

compose-config:
	docker-compose -f docker-compose.yml config --quiet

clean:
	rm -rf $(VENV) data *.egg-info
