# Two-command set-up: `make demo` and `make test` each create .venv and install on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test test-slow fuzz lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

demo: install
	$(BIN)/nesy demo

test: install
	$(BIN)/python -m pytest

test-slow: install
	$(BIN)/python -m pytest -m slow

# the long property-based run: a fixed example budget per property (25,800 inputs in all), about 2 minutes
FUZZ_TESTS := tests/logic/test_folparse_limits.py tests/logic/test_system_fuzz.py tests/semantics/test_fuzz_reader.py \
	tests/data/test_loader_fuzz.py tests/rules/test_check_fuzz.py
fuzz: install
	$(BIN)/python -m pytest -m slow $(FUZZ_TESTS) --hypothesis-show-statistics

lint: install
	$(BIN)/ruff check nesy tests benchmarks

bench: install
	$(BIN)/python -m benchmarks run --suite all

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
