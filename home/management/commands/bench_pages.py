"""SQL queries and SQL time of each page as the site renders it, for `make bench` (scripts/bench.py).

Pages are rendered in this process through Django's test client with the
page cache off, so what is counted is what a miss costs. A measurement, not a
test: the query-count tests are what hold the counts down.
"""

import json
import statistics

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print as JSON, for each PATH, its status, SQL queries and SQL time (median of RUNS renders)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, paths, runs, **options):
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        results = {}
        with override_settings(PAGE_CACHE=False):
            for path in paths:
                client.get(path)  # the first render fills the process's caches (templates, content types)
                samples = []
                for _ in range(runs):
                    with CaptureQueriesContext(connection) as queries:
                        status = client.get(path).status_code
                    samples.append((len(queries), sum(float(query["time"]) for query in queries) * 1000))
                results[path] = {
                    "status": status,
                    "queries": max(count for count, _ in samples),
                    "sql_ms": round(statistics.median(ms for _, ms in samples), 1),
                }
        self.stdout.write(json.dumps(results))
