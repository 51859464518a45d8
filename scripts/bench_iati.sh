#!/usr/bin/env bash
# The IATI import at scale (issue 19): BENCH_ACTIVITIES (default 2,000) synthetic activities imported into a
# fresh PostgreSQL database with the demo's directory, then the same file again, then an update of one in ten.
# A measurement, not a test: not part of `make test` or .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_ACTIVITIES=${BENCH_ACTIVITIES:-2000}
exec scripts/services.sh run -- bash -c '
  set -euo pipefail
  export DATABASE_URL=$(.venv/bin/python scripts/fresh_database.py "$DATABASE_URL" legtj_bench_iati)
  export DJANGO_SETTINGS_MODULE=legtj.settings.dev DEBUG=0
  unset OPENSEARCH_URL
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py load_demo_content
  .venv/bin/python manage.py bench_iati --activities "$BENCH_ACTIVITIES"
'
