PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install run test test-postgres lint format messages check

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(BIN)/activate

install: $(BIN)/activate ## Create the virtualenv and install everything

run: install ## Set up the embedded site with demo content and serve it on 127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_admin
	@# The email worker runs beside the server (sign-in codes are printed in this terminal) and stops with it.
	$(MANAGE) send_notifications & trap 'kill $$!' EXIT INT TERM; $(MANAGE) runserver 127.0.0.1:8000

test: install ## Run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)
	$(BIN)/pytest

lint: install ## Check code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix code style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the ru and tg catalogs from the code, then compile them
	$(MANAGE) makemessages -l ru -l tg --ignore '.venv/*' --ignore 'tmp/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*'
