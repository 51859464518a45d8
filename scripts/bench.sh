#!/usr/bin/env bash
# `make bench`: the site as production serves it at 10 items and at BENCH_ITEMS (default 20,000), beside a plain
# `wagtail start` site (scripts/bench.py says what is measured and how). Installs wrk and Chromium if missing,
# starts PostgreSQL, Redis and OpenSearch (scripts/services.sh) and stops them afterwards. A measurement, not a
# test: not part of `make test` or .ci/run. About 40 minutes at the default size on a 2-core machine.
#
#   scripts/bench.sh     (BENCH_ITEMS, BENCH_SECONDS per wrk run (10), BENCH_WORKERS gunicorn workers (4),
#                         BENCH_LIGHTHOUSE=0 to skip Lighthouse)
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exec scripts/services.sh run -- .venv/bin/python scripts/bench.py
