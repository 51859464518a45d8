PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes side by side (pytest-xdist); 0 runs the suite in this one process.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help install free-port run test test-production services services-stop lint format messages bench bench-search bench-iati

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(BIN)/activate

install: $(BIN)/activate ## Create the virtualenv and install everything

free-port:
	@# Before minutes of setup: a taken port is said at once, with the way out.
	@$(PYTHON) -c 'import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(("$(HOST)", $(PORT))) == 0 and "Port $(PORT) on $(HOST) is in use: choose another with  make run PORT=8001  (and HOST=... to listen elsewhere)")'

run: free-port install ## Set up the embedded site with demo content and serve it on HOST:PORT (127.0.0.1:8000)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_admin
	@# The email worker runs beside the server (sign-in codes are printed in this terminal) and stops with it;
	@# links in emails point at this address.
	export WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}; \
	$(MANAGE) send_notifications & trap 'kill $$!' EXIT INT TERM; $(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL), one worker per core
	$(BIN)/pytest --numprocesses=$(TEST_WORKERS)

test-production: install ## The same suite on PostgreSQL, Redis and OpenSearch, started (and stopped) by scripts/services.sh
	scripts/services.sh run -- $(MAKE) test

bench: install ## Speed as production serves it (gunicorn, PostgreSQL, Redis, OpenSearch) at 10 and 20,000 items, beside a plain Wagtail site
	scripts/bench.sh

bench-search: install ## Search latency (p50/p95) and update_index time on 20,000 pages and 10,000 documents, PostgreSQL and OpenSearch
	scripts/bench_search.sh

bench-iati: install ## Time the IATI import of 2,000 activities (created, unchanged, one in ten updated) on PostgreSQL
	scripts/bench_iati.sh

services: ## Start PostgreSQL, Redis and OpenSearch on 127.0.0.1 (scripts/services.sh env prints their variables)
	scripts/services.sh start

services-stop: ## Stop the services that scripts/services.sh started
	scripts/services.sh stop

lint: install ## Check code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix code style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the ru and tg catalogs from the code, then compile them
	$(MANAGE) makemessages -l ru -l tg --ignore '.venv/*' --ignore 'tmp/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*'
