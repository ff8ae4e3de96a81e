# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The PyTorch pair that installs from this machine's disk; other versions download gigabytes.
TORCH_PIN ?= torch==2.14.1 torchvision==0.29.1

.PHONY: demo test test-fast lint bench clean sandbox-tools browser-tools generate

# bubblewrap gives student workers their own namespaces (see SECURITY.md); without it grading still works,
# at the weaker "process" isolation level, and says so in every result.
sandbox-tools:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO=sudo; else SUDO=false; fi; \
	  { $$SUDO apt-get install -y -q bubblewrap >/dev/null 2>&1 || \
	    { $$SUDO apt-get update -q >/dev/null 2>&1 && $$SUDO apt-get install -y -q bubblewrap >/dev/null 2>&1; }; } || \
	  echo "bubblewrap could not be installed: student workers will run at the process isolation level"; }

# headless Chromium loads the class report (report.html) in its tests; without it those tests are skipped, saying so
browser-tools:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO=sudo; else SUDO=false; fi; \
	  { $$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || \
	    { $$SUDO apt-get update -q >/dev/null 2>&1 && $$SUDO apt-get install -y -q chromium >/dev/null 2>&1; }; } || \
	  echo "chromium could not be installed (apt-get needs root or password-less sudo): the report's browser tests will be skipped"; }

$(BIN)/autograder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH_PIN)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/autograder sandbox-tools
	$(BIN)/autograder demo examples/sample_class

# mypy (40 s of one core on a clean clone) checks beside the tests rather than before them; its report follows theirs,
# and either failing fails the target
test: $(BIN)/autograder sandbox-tools browser-tools
	$(BIN)/ruff check .
	@report=$$(mktemp); $(BIN)/mypy >"$$report" 2>&1 & checker=$$!; \
	  $(BIN)/python -m pytest -n 2 -q; tests=$$?; \
	  wait $$checker; types=$$?; cat "$$report"; rm -f "$$report"; \
	  [ $$tests -eq 0 ] && [ $$types -eq 0 ]

# the same without the tests that grade for real (marked `grading`) or take minutes (`slow`): every unit test,
# in a couple of minutes
test-fast: $(BIN)/autograder sandbox-tools browser-tools
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q -m "not grading and not slow"

# regenerate what is derived from the exercises: notebooks, the README's exercise table, the sample class
generate: $(BIN)/autograder
	$(BIN)/python -m autograder.release.regenerate

bench: $(BIN)/autograder
	$(BIN)/python benchmarks/grading_speed.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
