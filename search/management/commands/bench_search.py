"""Search latency at scale: not a test, a measurement (README, *Benchmarks*).

Run it on a database holding the demo and the synthetic content
(`generate_synthetic_content --best-practices N --news M --documents D`):
it rebuilds the index (timed), then sends each query of the relevance set
and a few synthetic ones through the search page as an anonymous reader,
`--runs` times each, and prints p50/p95 per backend, with JSON for the record.
"""

import json
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Page

RELEVANCE_SET = Path(settings.BASE_DIR) / "tests" / "search" / "relevance.json"
# Words the synthetic content is made of (hub.synthetic.WORDS): thousands of hits each; and one found nowhere.
SYNTHETIC_QUERIES = [("en", "curriculum teachers"), ("en", "digital"), ("en", "rural schools financing"), ("en", "zq")]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Measure the site search's latency (p50/p95) and the time update_index takes, on the content loaded."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="Times each query is sent (default 20).")
        parser.add_argument("--no-index", action="store_true", help="Measure without rebuilding the index first.")
        parser.add_argument("--json", help="Also write the figures to this file.")

    def handle(self, *args, **options):
        figures = {
            "pages": Page.objects.filter(depth__gt=1).count(),
            "documents": get_document_model().objects.count(),
            "backend": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        }
        if not options["no_index"]:
            started = time.perf_counter()
            call_command("update_index", verbosity=0)
            figures["update_index_s"] = round(time.perf_counter() - started, 1)
        cases = [(case["language"], case["query"]) for case in json.loads(RELEVANCE_SET.read_text())["queries"]]
        hosts = [host for host in settings.ALLOWED_HOSTS if host[:1] not in ("*", ".")]
        client = Client(HTTP_HOST=hosts[0] if hosts else "localhost")
        timings, by_query = [], {}
        for language, query in cases + SYNTHETIC_QUERIES:
            # "page" keeps the benchmark out of the query log; the first request warms caches and connections.
            client.get(f"/{language}/search/", {"q": query, "page": "1"})
            own = []
            for _ in range(options["runs"]):
                started = time.perf_counter()
                response = client.get(f"/{language}/search/", {"q": query, "page": "1"})
                own.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (query, response.status_code)
            timings += own
            by_query[f"{language}: {query}"] = round(statistics.median(own), 1)
        figures.update(
            queries=len(cases) + len(SYNTHETIC_QUERIES),
            requests=len(timings),
            p50_ms=round(statistics.median(timings), 1),
            p95_ms=round(percentile(timings, 0.95), 1),
            # The queries that cost most, by their median: where to look first.
            slowest_ms=dict(sorted(by_query.items(), key=lambda item: -item[1])[:5]),
        )
        for name, value in figures.items():
            self.stdout.write(f"{name:>16}  {value}")
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(figures, indent=2))
