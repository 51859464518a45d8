#!/usr/bin/env bash
# Search at scale (issue 16): the demo plus synthetic content (default 15,000 best practices, 5,000 news items,
# 10,000 documents) in a fresh PostgreSQL database, then `manage.py bench_search` through the database backend
# and through OpenSearch: the time update_index takes and p50/p95 of the search page. A measurement, not a test:
# it is not part of `make test` or .ci/run. Figures go to tmp/bench-search-{postgres,opensearch}.json.
#
#   scripts/bench_search.sh        (BENCH_BEST_PRACTICES, BENCH_NEWS, BENCH_DOCUMENTS, BENCH_RUNS to change the sizes;
#                                   BENCH_BACKENDS="opensearch" to skip the database backend's 20 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_BEST_PRACTICES=${BENCH_BEST_PRACTICES:-15000} BENCH_NEWS=${BENCH_NEWS:-5000}
export BENCH_DOCUMENTS=${BENCH_DOCUMENTS:-10000} BENCH_RUNS=${BENCH_RUNS:-10}
export BENCH_BACKENDS=${BENCH_BACKENDS:-"postgres opensearch"}
mkdir -p tmp
exec scripts/services.sh run -- bash -c '
  set -euo pipefail
  # Its own database, made anew, so an earlier run or a developer'"'"'s data never counts.
  export DATABASE_URL=$(.venv/bin/python scripts/fresh_database.py "$DATABASE_URL" legtj_bench)
  export DJANGO_SETTINGS_MODULE=legtj.settings.dev DEBUG=0
  manage() { .venv/bin/python manage.py "$@"; }
  search_server=$OPENSEARCH_URL
  unset OPENSEARCH_URL
  manage migrate --noinput -v0
  manage load_demo_content
  manage generate_synthetic_content --no-index \
    --best-practices "$BENCH_BEST_PRACTICES" --news "$BENCH_NEWS" --documents "$BENCH_DOCUMENTS"
  if [[ " $BENCH_BACKENDS " == *" postgres "* ]]; then
    echo "== PostgreSQL, database backend"
    manage bench_search --runs "$BENCH_RUNS" --json tmp/bench-search-postgres.json
  fi
  if [[ " $BENCH_BACKENDS " == *" opensearch "* ]]; then
    echo "== PostgreSQL, OpenSearch"
    OPENSEARCH_URL=$search_server SEARCH_INDEX_PREFIX=legtj_bench_ manage bench_search --runs "$BENCH_RUNS" \
      --json tmp/bench-search-opensearch.json
  fi
'
