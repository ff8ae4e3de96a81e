# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The PyTorch pair that installs from this machine's disk; other versions download gigabytes.
TORCH_PIN ?= torch==2.14.1 torchvision==0.29.1

.PHONY: demo test lint bench clean

$(BIN)/autograder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH_PIN)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/autograder
	$(BIN)/autograder demo examples/sample_class

test: $(BIN)/autograder
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q

bench: $(BIN)/autograder
	$(BIN)/python benchmarks/grading_speed.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
