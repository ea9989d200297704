# The course's commands. On a fresh machine with Python 3.11: `make book`, then `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
STAGE := _build/staging
SITE := _build/html
PORT ?= 8000

.PHONY: help setup book serve test test-hygiene test-commands typecheck test-unit test-notebooks test-student test-book test-clients test-jupyter client-envs binder-env colab-env plain jupyter-copies student grade bench chapter readability diagrams clean

help:
	@echo "make book    set up .venv and node_modules, build the website into $(SITE)"
	@echo "make book EDITION=student   the student edition (every solution removed) into _build/html-student"
	@echo "make test    set up, then run every test (ne_lib, notebooks, student copies, book build, browser)"
	@echo "make serve   preview the built site on http://127.0.0.1:$(PORT)"
	@echo "make student write student copies (solutions removed) to _build/student"
	@echo "make grade SUBMISSIONS=dir [OUT=grades.csv]   grade a folder of submitted notebooks"
	@echo "make test-jupyter   JupyterLab + Notebook 7 end to end in Chromium (Binder's environment)"
	@echo "make bench   print speed and weight figures (QUICK=1: a short run, under a minute)"
	@echo "make chapter CH=synthesis   quick build of one chapter (for authors)"
	@echo "make readability   words, Flesch scores and time estimate per page (tools/pagestats.py)"
	@echo "make diagrams   redraw the SVG diagrams in images/diagrams (ne_lib.diagrams)"
	@echo "make clean   remove _build"

$(VENV)/.installed: requirements.txt $(wildcard requirements/*.txt) constraints.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "ERROR: Python 3.11 not found (python3.11 or python3)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  echo "WARNING: $(PYTHON) is not Python 3.11; the pinned versions were resolved for 3.11"
	@echo "==> Creating $(VENV) and installing the pinned environment (about a minute)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt \
	  || { echo "ERROR: installing requirements.txt failed (see above)"; exit 1; }
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm (Node.js) is needed for MathJax and axe-core"; exit 1; }
	@echo "==> Installing MathJax and axe-core from npm (served by the site itself)"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.installed

# Build into a staging folder; only a complete, warning-free build replaces $(SITE).
ifeq ($(EDITION),student)
BOOK_SRC := _build/student-edition
STAGE := _build/staging-student
SITE := _build/html-student
endif

book: setup
	@echo "==> Building the book$(if $(filter student,$(EDITION)), (student edition: no solutions),) (executes notebooks; cached until a notebook or ne_lib changes)"
	@rm -rf $(SITE).partial
	$(if $(filter student,$(EDITION)),$(PY) -m ne_lib.coursework edition --out $(BOOK_SRC))
	$(JB) build $(or $(BOOK_SRC),.) --path-output $(STAGE) -W -n --keep-going \
	  || { rm -rf $(SITE); echo "ERROR: the book build failed (warnings count as errors); see the messages above. $(SITE) was removed so no half-built site remains."; exit 1; }
	@rm -rf $(SITE) && cp -r $(STAGE)/_build/html $(SITE)
	@echo "==> Done. Open $(CURDIR)/$(SITE)/index.html (or run 'make serve')"

serve:
	@test -f $(SITE)/index.html || { echo "ERROR: no site yet: run 'make book' first"; exit 1; }
	@echo "==> Serving $(SITE) on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

# The client environments (pip, mostly one core and the disk) are built in the background while the
# first steps run; the clients' steps wait for them. Their log is printed when they are ready.
test: setup
	@t0=$$(date +%s); mkdir -p $(ENVS); echo "==> Building the client environments in the background ($(ENVS)/build.log)"; \
	  rm -f $(ENVS)/build.rc; \
	  ( rc=0; $(MAKE) --no-print-directory client-envs > $(ENVS)/build.log 2>&1 || rc=$$?; echo $$rc > $(ENVS)/build.rc ) & \
	  envs=$$!; \
	  $(MAKE) --no-print-directory test-hygiene typecheck test-unit test-notebooks test-student \
	    || { wait $$envs || true; exit 1; }; \
	  wait $$envs || true; echo "---- the client environments ($(ENVS)/build.log)"; { grep -v "^WARNING: Location" $(ENVS)/build.log || true; }; \
	  test "$$(cat $(ENVS)/build.rc 2>/dev/null)" = 0 || { echo "ERROR: the client environments could not be built"; exit 1; }; \
	  $(MAKE) --no-print-directory test-clients test-jupyter test-book test-commands || exit 1; \
	  echo "==> All tests passed in $$(( ($$(date +%s) - t0) / 60 )) min $$(( ($$(date +%s) - t0) % 60 )) s (set-up excluded)"

# Fast checks first: pre-commit's local hooks (nbstripout, ruff, JSON/YAML/TOML, workflow and
# Dependabot schemas, actionlint, CITATION.cff against its schema), all from .venv, nothing downloaded.
test-hygiene: setup
	@echo "==> Hygiene: pre-commit run --all-files (outputs stripped, ruff, config files, workflows, citation)"
	@start=$$(date +%s); $(VENV)/bin/pre-commit run --all-files --show-diff-on-failure --color never; \
	  echo "==> test-hygiene took $$(( $$(date +%s) - start )) s"

# Every command the README lists, run as the README gives it (tests/test_readme_commands.py), and
# ne_lib installed alone in a new venv with its declared dependencies (tests/test_packaging.py).
test-commands: setup
	@echo "==> The README's commands (bench QUICK=1, grade on a sample, serve, chapter, clean, links); ne_lib alone in a venv"
	@start=$$(date +%s); $(PY) -m pytest -n 2 --dist loadfile -m commands tests; \
	  echo "==> test-commands took $$(( $$(date +%s) - start )) s"

# Static types of ne_lib (configuration in pyproject.toml, [tool.mypy]); any error fails.
typecheck: setup
	@echo "==> Typecheck: mypy on ne_lib"
	@start=$$(date +%s); $(PY) -m mypy; \
	  echo "==> typecheck took $$(( $$(date +%s) - start )) s"

test-unit: setup
	@echo "==> ne_lib unit and science tests (tests/, in parallel)"
	$(PY) -m pytest -n 2 --dist loadfile -m "not book and not clients and not commands and not jupyter" tests

test-notebooks: setup
	@echo "==> nbval: every notebook under chapters/ runs top to bottom in a fresh kernel"
	$(PY) -m pytest -n 2 --dist loadfile --nbval-lax --nbval-current-env chapters

test-student: student
	@echo "==> nbval on the student copies (stubs left unfilled)"
	$(PY) -m pytest -n 2 --dist loadfile --nbval-lax --nbval-current-env _build/student

# ---- The clients students use: environments built from exactly the files each client reads --------
ENVS := _build/envs
BINDER_PY := $(ENVS)/binder/bin/python
COLAB_PY := $(ENVS)/colab/bin/python

$(ENVS)/binder/.installed: binder/requirements.txt binder/runtime.txt
	@echo "==> Binder's environment, fresh, from binder/requirements.txt alone (Python 3.11)"
	@rm -rf $(ENVS)/binder && mkdir -p $(ENVS)
	$(PYTHON) -m venv $(ENVS)/binder
	$(BINDER_PY) -m pip install --quiet --disable-pip-version-check -r binder/requirements.txt
	@touch $@

# Binder's environment with this checkout's ne_lib (reinstalled each time: the lock installs `.`)
binder-env: $(ENVS)/binder/.installed
	@$(BINDER_PY) -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
	@rm -rf build

$(ENVS)/colab/.installed: tests/clients/colab-preinstalled.txt
	@echo "==> A Colab-like environment: Colab's ipywidgets 7.7.1 and science stack, no jupyterquiz"
	@rm -rf $(ENVS)/colab && mkdir -p $(ENVS)
	$(PYTHON) -m venv $(ENVS)/colab
	$(COLAB_PY) -m pip install --quiet --disable-pip-version-check -r tests/clients/colab-preinstalled.txt
	@touch $@

colab-env: $(ENVS)/colab/.installed

# Both client environments at once (pip installs on one core each): about half the time of one after the other.
client-envs: setup
	@t0=$$(date +%s); $(MAKE) --no-print-directory -j2 $(ENVS)/binder/.installed $(ENVS)/colab/.installed \
	  && echo "    client environments took $$(( $$(date +%s) - t0 )) s"

test-clients: setup client-envs binder-env colab-env
	@echo "==> Clients: repo2docker's reading, Binder's and a Colab-like environment run every notebook"
	NE_BINDER_PYTHON=$(CURDIR)/$(BINDER_PY) NE_COLAB_PYTHON=$(CURDIR)/$(COLAB_PY) \
	  $(PY) -m pytest -n 2 -m clients tests -rA --durations=0 -p no:cacheprovider -q

# Plain-Markdown copies of the notebooks (what the Colab button opens; see CONTRIBUTING.md)
plain: setup
	$(PY) -m ne_lib.plain_markdown --out _build/plain

# The tree the Binder button opens (branch jupyter): plain copies for JupyterLab, images, binder/
jupyter-copies: setup
	@rm -rf _build/jupyter
	$(PY) -m ne_lib.plain_markdown --jupyter --out _build/jupyter

# One warnings-as-errors build into a folder emptied first; the book and browser tests share it in two
# processes; Lighthouse runs alone afterwards, as it times the CPU (tests/conftest.py, NE_BOOK_OUTPUT).
TESTBOOK := _build/test-book
test-book: setup
	@echo "==> Whole-book build with -W (once, into $(TESTBOOK)), then the book and browser tests in Chromium"
	@rm -rf $(TESTBOOK) && mkdir -p $(TESTBOOK)
	@t0=$$(date +%s); $(JB) build . --path-output $(TESTBOOK) -W -n --keep-going > $(TESTBOOK)/build.log 2>&1 \
	  || { grep -E "WARNING|ERROR|rror" $(TESTBOOK)/build.log | tail -40; \
	       echo "ERROR: the book build failed (warnings count as errors); full log in $(TESTBOOK)/build.log"; exit 1; }; \
	  touch $(TESTBOOK)/build.ok; echo "    book build took $$(( $$(date +%s) - t0 )) s"
	@t0=$$(date +%s); NE_BOOK_OUTPUT=$(CURDIR)/$(TESTBOOK) $(PY) -m pytest -n 2 --dist loadgroup \
	  -m "book and not lighthouse" tests; echo "    book and browser tests took $$(( $$(date +%s) - t0 )) s"
	@echo "==> Lighthouse on every page (alone: it times the CPU)"
	@t0=$$(date +%s); NE_BOOK_OUTPUT=$(CURDIR)/$(TESTBOOK) $(PY) -m pytest -m lighthouse tests; \
	  echo "    Lighthouse took $$(( $$(date +%s) - t0 )) s"

# Real JupyterLab and Notebook 7 servers from Binder's environment, every notebook, driven in Chromium.
# The two clients run side by side, one process each (JupyterLab; Notebook 7 and the rest); each
# process's log is printed whole when both have finished.
JLOG := _build/test-jupyter
test-jupyter: setup client-envs binder-env
	@echo "==> JupyterLab and Notebook 7 end to end: every notebook, every control, quizzes, Markdown (Chromium)"
	@mkdir -p $(JLOG); t0=$$(date +%s); lab=0; rest=0; \
	  NE_BINDER_PYTHON=$(CURDIR)/$(BINDER_PY) $(PY) -m pytest -m jupyter tests/test_jupyter_clients.py \
	    -p no:cacheprovider -k "jupyterlab" > $(JLOG)/jupyterlab.log 2>&1 & pid=$$!; \
	  NE_BINDER_PYTHON=$(CURDIR)/$(BINDER_PY) $(PY) -m pytest -m jupyter tests/test_jupyter_clients.py \
	    -p no:cacheprovider -k "not jupyterlab" > $(JLOG)/others.log 2>&1 || rest=$$?; \
	  wait $$pid || lab=$$?; \
	  echo "---- JupyterLab ($(JLOG)/jupyterlab.log)"; cat $(JLOG)/jupyterlab.log; \
	  echo "---- Notebook 7 and the client-independent checks ($(JLOG)/others.log)"; cat $(JLOG)/others.log; \
	  echo "    test-jupyter took $$(( $$(date +%s) - t0 )) s"; \
	  test $$lab -eq 0 -a $$rest -eq 0 || { echo "ERROR: test-jupyter failed (JupyterLab exit $$lab, others exit $$rest)"; exit 1; }

student: setup
	@rm -rf _build/student
	$(PY) -m ne_lib.coursework student --out _build/student $(if $(STUDENTS),--students "$(STUDENTS)")
	@echo "==> Student copies written to _build/student"

grade: setup
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder [OUT=grades.csv]"; exit 1; }
	$(PY) -m ne_lib.coursework grade "$(SUBMISSIONS)" --out "$(or $(OUT),grades.csv)" --timeout $(or $(TIMEOUT),120) --jobs $(or $(JOBS),1) $(if $(RUNNER),--runner $(RUNNER)) $(if $(ROSTER),--roster "$(ROSTER)") $(if $(LMS),--lms $(LMS) --gradebook "$(or $(GRADEBOOK),gradebook.csv)")

bench: setup
	$(PY) benchmarks/bench.py $(if $(QUICK),--quick)

readability: setup
	$(PY) tools/pagestats.py $(if $(LONG),--long)

diagrams: setup
	$(PY) -m ne_lib.diagrams

chapter: setup
	@test -n "$(CH)" || { echo "usage: make chapter CH=synthesis"; exit 1; }
	$(PY) tools/build_chapter.py $(CH)

clean:
	rm -rf _build
