# The course's two everyday commands are `make lab` and `make test`; see README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test install exercises outputs bench site slides clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Open the course in JupyterLab (sets everything up first).
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01_structure_and_dynamics.ipynb

## Run the whole test suite: unit and property tests, chapters and solutions under nbval (outputs compared),
## exercises run unsolved (tests/test_exercises.py), live demos in a real browser (tests/test_browser.py).
test: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests \
	  --nbval notebooks solutions --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  --nbval-cell-timeout=600

## Regenerate exercises/ from solutions/ (after editing a solution notebook).
exercises: $(STAMP)
	$(BIN)/python -m tools.authoring

## Re-execute every notebook in place so that committed outputs are current.
outputs: $(STAMP)
	for nb in notebooks/*.ipynb solutions/*.ipynb; do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=900 "$$nb" || exit 1; \
	done
	$(MAKE) exercises

## Benchmarks: our kernels against plain NumPy references, in the same run.
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python "$$b" || exit 1; done

clean:
	rm -rf $(VENV) _build

## Build the course site (chapters, exercises and solutions with their committed outputs) into site/_build/html.
site: $(STAMP)
	$(BIN)/python site/build_site.py

## Export every chapter as reveal.js slides into slides/ (open slides/NN_name.slides.html in a browser).
slides: $(STAMP)
	$(BIN)/python -m tools.slides --out slides
