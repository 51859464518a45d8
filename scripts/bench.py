"""`make bench`: the site's speed as production serves it, at 10 items and at 20,000, beside a plain Wagtail site.

Run by scripts/bench.sh inside `scripts/services.sh run` (PostgreSQL, Redis and
OpenSearch on 127.0.0.1, their URLs in the environment). In its own database:

1. the demo content (about ten items of each kind), measured;
2. plus synthetic content (BENCH_ITEMS best practices and library documents,
   with news, events, organisations and registry projects, in en, ru and tg),
   measured again, and Lighthouse (mobile) on every page;
3. a plain `wagtail start` site's default page, on the same server software,
   for the ratio.

Each page is served by gunicorn with the production settings, static files
hashed and compressed, once with the page cache off (what a miss costs) and
once with it on, and loaded by wrk (2 threads, 20 connections, BENCH_SECONDS
each) on 127.0.0.1 only. SQL queries and SQL time come from rendering each page
in-process (`manage.py bench_pages`). Prints one table, writes tmp/bench/bench.json.
A measurement, not a test: nothing here is part of `make test` or .ci/run.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tmp" / "bench"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ITEMS = int(os.environ.get("BENCH_ITEMS", "20000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PER_PAGE = 20  # the collection's page size (hub.pagination)
# How many of each kind, as a share of BENCH_ITEMS: (in English, in Russian and in Tajik each).
SYNTHETIC = {
    "best-practices": (1, 1 / 10),
    "documents": (1, 0),  # the library is one, in every language
    "news": (1 / 4, 1 / 40),
    "events": (1 / 10, 1 / 100),
    "organisations": (1 / 20, 1 / 200),
    "projects": (1 / 20, 0),  # imported in English, the registry's source language
}

# (name, path, kind): kind "detail" pages are compared with the plain Wagtail page; "listing" ones with themselves
# at 10 items. A deep page's number is filled in from the size.
PAGES = [
    ("home (en)", "/en/", "home"),
    ("home (ru)", "/ru/", "home"),
    ("home (tg)", "/tg/", "home"),
    ("collection", "/en/knowledge-hub/best-practices/", "listing"),
    ("collection, filtered", "/en/knowledge-hub/best-practices/?track=2", "listing"),
    ("collection, deep page", "/en/knowledge-hub/best-practices/?page={deep}", "listing"),
    ("best practice", "/en/knowledge-hub/best-practices/systems-approach-to-digital-learning/", "detail"),
    ("news", "/ru/news/", "listing"),
    ("news item", "/ru/news/unesco-iite-national-workshop-ict-oer-2018/", "detail"),
    ("events", "/ru/events/", "listing"),
    ("calendar", "/ru/events/calendar/", "listing"),
    ("event", "/ru/events/leg-quarterly-meeting/", "detail"),
    ("library", "/en/documents/", "listing"),
    ("directory", "/tg/stakeholders/", "listing"),
    ("organisation", "/tg/stakeholders/unicef/", "detail"),
    ("projects", "/en/projects/", "listing"),
    ("search", "/ru/search/?q=digital", "listing"),
    ("iCalendar feed", "/en/events/feed/", "feed"),
    ("sitemap index", "/sitemap.xml", "sitemap"),
    ("sitemap section", "/sitemap-pages.xml", "sitemap"),
]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*command, env, cwd=ROOT, capture=False):
    result = subprocess.run(command, env=env, cwd=cwd, check=True, text=True, capture_output=capture)
    return result.stdout


def fresh_database(name):
    return run(PYTHON, "scripts/fresh_database.py", os.environ["DATABASE_URL"], name, env=os.environ, capture=True)


def site_environment():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="legtj.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on the loopback: there is no TLS proxy in front here
        DATABASE_URL=fresh_database("legtj_bench_site").strip(),
        DATABASE_CONN_MAX_AGE="600",
        STATIC_ROOT=str(OUT / "static"),
        MEDIA_ROOT=str(OUT / "media"),
        PRIVATE_MEDIA_ROOT=str(OUT / "private-media"),
        SERVE_MEDIA_FILES="1",
        SEARCH_INDEX_PREFIX="legtj_benchsite_",
        WAGTAILADMIN_BASE_URL=BASE,
        LOG_LEVEL="WARNING",
    )
    return env


class Server:
    """gunicorn on 127.0.0.1:PORT for the length of a `with` block."""

    def __init__(self, application, env, cwd=ROOT):
        self.command = [GUNICORN, application, "--bind", f"127.0.0.1:{PORT}", "--workers", str(WORKERS)]
        self.env, self.cwd = env, cwd

    def __enter__(self):
        self.process = subprocess.Popen(self.command, env=self.env, cwd=self.cwd, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                urllib.request.urlopen(BASE + "/", timeout=5)  # noqa: S310 (BASE is http on the loopback)
                return self
            except urllib.error.HTTPError:
                return self  # it answers: a 404 or a redirect is an answer
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within a minute")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def fetch(path, encoding="br, gzip"):
    request = urllib.request.Request(BASE + path, headers={"Accept-Encoding": encoding})  # noqa: S310 (as above)
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def load(path):
    """wrk's requests/s, p50 and p99 (ms) and non-2xx count for `path`, after a warm-up.

    The warm-up is a short wrk run, not a few requests: every gunicorn worker has then served the page once
    (a worker's first request works out what it keeps), so the figures are the steady state."""
    fetch(path)

    def wrk(seconds):
        command = ["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: br, gzip", BASE + path]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    wrk(2)
    output = wrk(SECONDS)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    quantiles = {q: _milliseconds(v) for q, v in re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": round(rate),
        "p50_ms": quantiles["50"],
        "p99_ms": quantiles["99"],
        "errors": int(errors.group(1)) if errors else 0,
    }


def one_at_a_time(path, times=20):
    """p50 and slowest of `times` requests made one after another: what a single reader (or crawler) waits."""
    fetch(path)
    took = []
    for _ in range(times):
        started = time.perf_counter()
        fetch(path)
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return {"p50_ms": round(took[len(took) // 2], 1), "max_ms": round(took[-1], 1)}


def _milliseconds(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


def lighthouse(path, tries=2):
    """Mobile scores and the bytes transferred by resource type (KB); a second try when Chromium's trace fails."""
    for _ in range(tries):
        result = _lighthouse(path)
        if "error" not in result:
            break
    return result


def _lighthouse(path):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        done = subprocess.run(
            [
                "npx",
                "--yes",
                "lighthouse@12",
                BASE + path,
                "--quiet",
                "--output=json",
                f"--output-path={report.name}",
                "--chrome-flags=--headless=new --no-sandbox",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
        )
        if done.returncode:  # said in the table; the other pages are still measured
            return {"error": (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1][:200]}
        data = json.loads(Path(report.name).read_text())
    scores = {name: round(category["score"] * 100) for name, category in data["categories"].items()}
    sizes = {
        item["resourceType"]: round(item["transferSize"] / 1024, 1)
        for item in data["audits"]["resource-summary"]["details"]["items"]
    }
    failed = sorted(
        ref["id"]
        for category in data["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] and data["audits"][ref["id"]]["score"] not in (None, 1)
    )
    return {
        "scores": scores,
        "failed_audits": failed,
        "transfer_kb": sizes,
        "cls": data["audits"]["cumulative-layout-shift"]["numericValue"],
    }


def measure(env, size, with_lighthouse):
    deep = max(1, ITEMS // PER_PAGE // 2) if size > 10 else 1
    pages = [(name, path.format(deep=deep), kind) for name, path, kind in PAGES]
    log(f"SQL per page ({size} items)")
    sql = json.loads(run(PYTHON, "manage.py", "bench_pages", *(p for _, p, _ in pages), env=env, capture=True))
    results = {name: {"path": path, "kind": kind, **sql[path]} for name, path, kind in pages}
    for cached in (False, True):
        with Server("legtj.wsgi:application", {**env, "PAGE_CACHE": "1" if cached else "0"}):
            for name, path, kind in pages:
                log(f"wrk {'cached' if cached else 'uncached'} {path}")
                results[name]["cached" if cached else "uncached"] = load(path)
                if not cached:
                    if kind == "sitemap":  # its budget is per request: measured alone too, not only queued behind 19
                        results[name]["one_at_a_time"] = one_at_a_time(path)
                    status, headers, body = fetch(path)
                    results[name]["html_kb"] = round(len(body) / 1024, 1)
                    results[name]["encoding"] = headers.get("Content-Encoding", "none")
            if cached and with_lighthouse:
                for name, path, kind in pages:
                    if kind not in ("feed", "sitemap"):
                        log(f"Lighthouse {path}")
                        results[name]["lighthouse"] = lighthouse(path)
    return results


def plain_wagtail(env):
    """The default page of a site made by `wagtail start`, on PostgreSQL, through the same gunicorn."""
    folder = OUT / "plain-wagtail"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    run(str(ROOT / ".venv" / "bin" / "wagtail"), "start", "plainsite", str(folder), env=env)
    (folder / "plainsite" / "settings" / "local.py").write_text(
        "import dj_database_url\n"
        f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
        'ALLOWED_HOSTS = ["127.0.0.1"]\n'
        f"DATABASES = {{'default': dj_database_url.parse({fresh_database('legtj_bench_plain').strip()!r}, "
        "conn_max_age=600)}\n"
    )
    plain_env = {**env, "DJANGO_SETTINGS_MODULE": "plainsite.settings.production"}
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=plain_env, cwd=folder)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=plain_env, cwd=folder)
    with Server("plainsite.wsgi:application", plain_env, cwd=folder):
        log("wrk plain Wagtail /")
        return load("/")


def table(small, large, plain):
    header = (
        f"{'page':<22} {'q':>3} {'SQL ms':>7} | {'uncached rps':>12} {'p50':>6} {'p99':>6} | "
        f"{'cached rps':>10} {'p50':>6} {'p99':>6} | {'HTML KB':>7} | {'10 items':>8} {'x':>5} | "
        f"{'LH perf/a11y/bp/seo':>19} {'KB':>6}"
    )
    lines = [
        f"{ITEMS:,} items; plain `wagtail start` page: {plain['rps']} requests/s, p50 {plain['p50_ms']} ms",
        header,
    ]
    for name, row in large.items():
        before = small[name]["uncached"]["p50_ms"]
        ratio = row["uncached"]["p50_ms"] / before if before else 0
        lh = row.get("lighthouse")
        if lh and "error" in lh:
            lh = None  # its error is in the JSON
        scores = (
            "/".join(str(lh["scores"][c]) for c in ("performance", "accessibility", "best-practices", "seo"))
            if lh
            else "-"
        )
        total = lh["transfer_kb"].get("total", "-") if lh else "-"
        u, c = row["uncached"], row["cached"]
        lines.append(
            f"{name:<22} {row['queries']:>3} {row['sql_ms']:>7} | {u['rps']:>12} {u['p50_ms']:>6} {u['p99_ms']:>6} | "
            f"{c['rps']:>10} {c['p50_ms']:>6} {c['p99_ms']:>6} | {row['html_kb']:>7} | {before:>8} {ratio:>5.2f} | "
            f"{scores:>19} {total:>6}"
        )
    cached = [row["cached"] for row in large.values() if "/search/" not in row["path"]]
    details = [row["uncached"]["rps"] / plain["rps"] for row in large.values() if row["kind"] == "detail"]
    listings = [
        row["uncached"]["p50_ms"] / small[name]["uncached"]["p50_ms"]
        for name, row in large.items()
        if row["kind"] == "listing" and small[name]["uncached"]["p50_ms"]
    ]
    sitemaps = [row["one_at_a_time"] for row in large.values() if row["kind"] == "sitemap"]
    failed = {
        name: row["lighthouse"]["failed_audits"]
        for name, row in large.items()
        if row.get("lighthouse", {}).get("failed_audits")
    }
    lines += [
        f"cached pages (search is never kept): {min(c['rps'] for c in cached)}–{max(c['rps'] for c in cached)} "
        f"requests/s, p99 at most {max(c['p99_ms'] for c in cached)} ms (budget: >= 1,000 and <= 50 ms)",
        f"uncached detail pages / plain Wagtail page: {min(details):.2f}–{max(details):.2f} (budget: >= 0.5)",
        f"listings at {ITEMS:,} items / at 10 items (p50): at most {max(listings):.2f} (budget: <= 1.5)",
        f"sitemap index and section, uncached, one request at a time: p50 at most "
        f"{max(s['p50_ms'] for s in sitemaps)} ms, slowest {max(s['max_ms'] for s in sitemaps)} ms (budget: <= 200)",
        "Lighthouse audits failed: "
        + ("; ".join(f"{name}: {', '.join(ids)}" for name, ids in failed.items()) or "none"),
    ]
    return "\n".join(lines)


def save(report):
    (OUT / "bench.json").write_text(json.dumps(report, indent=2))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    env = site_environment()
    manage = lambda *args: run(PYTHON, "manage.py", *args, env=env)  # noqa: E731
    log("Setting up the site: migrate, static files, demo content, search index")
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_demo_content")
    manage("update_index", "-v0")
    report = {"items": ITEMS, "seconds": SECONDS, "workers": WORKERS}
    small = report["at_10_items"] = measure(env, 10, with_lighthouse=False)
    save(report)  # each phase's figures are kept even if a later one fails
    log(f"Synthetic content: {ITEMS:,} best practices and documents, and the rest")
    for language in ("en", "ru", "tg"):
        sizes = [f"--{kind}={int(ITEMS * shares[language != 'en'])}" for kind, shares in SYNTHETIC.items()]
        manage("generate_synthetic_content", "--no-index", "--language", language, *sizes)
    log("update_index")
    manage("update_index", "-v0")
    large = report[f"at_{ITEMS}_items"] = measure(
        env, ITEMS, with_lighthouse=os.environ.get("BENCH_LIGHTHOUSE", "1") == "1"
    )
    save(report)
    plain = report["plain_wagtail"] = plain_wagtail(env)
    save(report)
    print(table(small, large, plain))
    print(f"\nWritten to {OUT / 'bench.json'}")


if __name__ == "__main__":
    sys.exit(main())
