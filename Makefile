# The course's two everyday commands are `make lab` and `make test`; see README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab present test test-quick lint install exercises outputs bench site slides clean

# The same numbers on every x86 processor: OpenBLAS picks its kernels by CPU (AVX-512 or AVX2), and they round
# differently in the last bit. Annealing (chapter 07) and chaotic networks (chapter 11) amplify such bits into
# other tours and other optimisation results, so every target here runs OpenBLAS's AVX2 ("Haswell") kernels,
# which the committed outputs were made with. Set OPENBLAS_CORETYPE yourself to override.
ifneq ($(shell grep -m1 -ow avx2 /proc/cpuinfo 2>/dev/null),)
export OPENBLAS_CORETYPE ?= Haswell
endif

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# JupyterLab serves the repository root (notebooks/, exercises/ and solutions/ in its file browser);
# tools/jupyter adds the small lab extension that lets ipywidgets render in RISE slideshows.
JUPYTER_LAB = JUPYTER_PATH=$(CURDIR)/tools/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH)) $(BIN)/jupyter lab \
	$(if $(filter 0,$(shell id -u)),--allow-root) --ServerApp.root_dir=$(CURDIR)
CHAPTER ?= 01

## Open the course in JupyterLab at chapter 01 (sets everything up first).
lab: $(STAMP)
	$(JUPYTER_LAB) --LabApp.default_url=/lab/tree/notebooks/01_structure_and_dynamics.ipynb

## Present a chapter live as a RISE slideshow: make present CHAPTER=05
present: $(STAMP)
	@nb=$$(ls notebooks/$(CHAPTER)_*.ipynb 2>/dev/null | head -n 1); \
	if [ -z "$$nb" ]; then echo "no chapter notebooks/$(CHAPTER)_*.ipynb: give a two-digit CHAPTER, e.g. make present CHAPTER=05"; exit 1; fi; \
	echo "presenting $$nb: run the first cell (Ctrl+Enter), then Space / Shift+Space to move; Ctrl+Enter runs a demo"; \
	HC_PRESENTER=1 $(JUPYTER_LAB) --LabApp.default_url=/rise/$$nb

PYTEST := $(BIN)/python -m pytest -p no:cacheprovider
RUFF   := $(BIN)/ruff
NBVAL  := --nbval notebooks solutions --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=600

## Lint with ruff (a small rule set that finds bugs; configured in pyproject.toml).
lint: $(STAMP)
	$(RUFF) check .

## The edit loop (about 2 minutes): ruff, then the unit and property tests of the package on both cores.
## No notebooks, no browser, no site or slide builds (those tests are marked `slow` in tests/conftest.py).
## Both always run; the target fails if either fails.
test-quick: $(STAMP)
	status=0; \
	$(RUFF) check . || status=$$?; \
	$(PYTEST) -q -n 2 -m "not slow" tests || status=$$?; \
	exit $$status

## Run the whole test suite: ruff; the live demos in a real browser (tests/test_browser.py), alone, since one
## JupyterLab and one Chromium serve the session and their timings need the machine; then everything else on
## both cores, one file per worker (nbval runs a notebook's cells in order in one kernel): unit and property
## tests, chapters and solutions under nbval (outputs compared), exercises run unsolved (tests/test_exercises.py),
## site and slides. Every step always runs; the target fails if any fails. Exit 5 (no test collected) is
## accepted only from the browser step.
test: $(STAMP)
	status=0; \
	$(RUFF) check . || status=$$?; \
	$(PYTEST) -m browser tests || { rc=$$?; [ $$rc -eq 5 ] || status=$$rc; }; \
	$(PYTEST) -n 2 --dist loadfile -m "not browser" tests $(NBVAL) || status=$$?; \
	exit $$status

## Regenerate exercises/ from solutions/ (after editing a solution notebook).
exercises: $(STAMP)
	$(BIN)/python -m tools.authoring

## Re-execute every notebook in place so that committed outputs are current, then strip the execution metadata
## (timestamps, interpreter version) and renumber widget ids so that diffs show only what changed.
outputs: $(STAMP)
	for nb in notebooks/*.ipynb solutions/*.ipynb; do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=900 "$$nb" || exit 1; \
	done
	$(BIN)/python -m tools.clean_notebooks notebooks solutions
	$(MAKE) exercises

## Benchmarks: our kernels against plain NumPy references, in the same run.
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python "$$b" || exit 1; done

clean:
	rm -rf $(VENV) _build

## Build the course site into site/_build/html: chapters, exercises, solutions (committed outputs), their slides,
## the API reference and the bibliography; nothing is loaded from the network.
site: $(STAMP)
	$(BIN)/python site/build_site.py

## Export every chapter as a reveal.js deck into slides/ that works offline (reveal.js and MathJax are copied next
## to the decks): open slides/NN_name.slides.html from disk.
slides: $(STAMP)
	$(BIN)/python -m tools.slides --out slides
