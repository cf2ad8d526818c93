# `make run` starts the service, `make test` runs the tests, `make demo` shows one full cycle.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test demo lint typecheck install lock clean compose-config bench train-quotes eval-quotes browser eval-frames eval-echo train-frames

# Every dependency comes from requirements.lock, pinned by hash (`make lock` writes it from
# pyproject.toml); the project itself is installed editable on top, without resolving anything.
$(STAMP): requirements.lock requirements-nlp.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-nlp.txt
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (tests/web/test_browser.py), when it is missing: they
# drive it through Playwright and never download a browser of their own. Needs root (CI is).
browser:
	@command -v chromium >/dev/null 2>&1 || { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq chromium) >/dev/null 2>&1 && echo "chromium installed" \
	  || echo "chromium could not be installed (not root?): the browser tests will skip"; }

# After changing dependencies in pyproject.toml: re-resolve, keeping every pin that still fits.
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest releases instead.
lock:
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) --output-file requirements.lock pyproject.toml

run: $(STAMP)
	$(BIN)/mouthpiece run

test: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

demo: $(STAMP)
	$(BIN)/mouthpiece demo

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# retrain the English attribution model (quotes/learned/en) from ../shared/data/polnear/train with a
# fixed seed, then print token and PolNeAR dev scores (DATA=... to read PolNeAR from elsewhere)
train-quotes: $(STAMP)
	nice -n 19 $(BIN)/python scripts/train_quotes.py $(if $(DATA),--data $(DATA))

# score quote extraction on PolNeAR dev, dev, dev-ru, heldout-2 and heldout-3 (../shared/eval/score_quotes.py);
# EVAL_ARGS=--by-extractor adds each extractor's share, EVAL_ARGS="--sets ria,by" picks sets
eval-quotes: $(STAMP)
	nice -n 10 $(BIN)/python scripts/eval_quotes.py $(EVAL_ARGS)
# narrative frames and echoes against their gold (tests/data/narratives; reads ../shared, skips without it)
# (all = the tune and held-out halves; fresh, dev2 = tuned on; heldout2..15 = annotated before the tagger ran on them; bare1 = bare
# quotes, tuned on; realq1 = real quotes as stored; one line per split, then the same through the quote extractor)
eval-frames: $(STAMP)
	$(BIN)/python scripts/eval_frames.py --split all
	$(BIN)/python scripts/eval_frames.py --summary
	$(BIN)/python scripts/eval_frames.py --summary --via-quotes

# retrain the learned frame backstop (narratives/model/frames.json) from the frame gold outside the blind splits
# and the concept sentences (reads ../shared); deterministic; then `make eval-frames`
train-frames: $(STAMP)
	$(BIN)/python scripts/train_frames.py

eval-echo: $(STAMP)
	$(BIN)/python scripts/eval_echo.py --split heldout
	$(BIN)/python scripts/eval_echo.py --split all

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

# docker-compose (apt-get install docker-compose) or Docker's compose plugin validates the file and
# its variables; without either, say so and check it as YAML (tests/test_deploy.py checks more).
compose-config: $(STAMP)
	@if command -v docker-compose >/dev/null 2>&1; then docker-compose -f docker-compose.yml config --quiet && echo "docker-compose.yml is valid"; \
	elif docker compose version >/dev/null 2>&1; then docker compose -f docker-compose.yml config --quiet && echo "docker-compose.yml is valid"; \
	else echo "docker-compose is not installed (apt-get install docker-compose); checking docker-compose.yml as YAML only"; \
	  $(BIN)/python -c "import yaml; d = yaml.safe_load(open('docker-compose.yml')); assert d['services'], 'no services'; print('docker-compose.yml parses;', len(d['services']), 'services')"; fi

clean:
	rm -rf $(VENV) data *.egg-info
