"""Test settings: the real database and backends, made fast where speed is not the point."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# CACHES comes from base: local memory, or the shared Redis of the production-like run (CACHE_URL).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ... when the suite runs in parallel (make test)
if _worker and CACHES["default"]["BACKEND"] == "legtj.cache.ResilientRedisCache":  # noqa: F405
    # Each worker its own Redis database: a test clears the cache, and must not clear another worker's.
    _url = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    CACHES["default"]["LOCATION"] = _url._replace(path=f"/{int(_worker.removeprefix('gw')) + 1}").geturl()  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "tmp" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "tmp" / "test-private-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA_FILES = True
# Pages are rendered for every request, so query counts measure the views; tests of the page cache turn it on.
PAGE_CACHE = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: concurrent tests need SQLite's real locking between connections.
    (BASE_DIR / "tmp").mkdir(exist_ok=True)  # noqa: F405
    # One file per run, so two runs side by side do not share it; Django deletes it at the end.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "tmp" / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405

if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:  # noqa: F405
    # Each run indexes into its own indexes (tests/conftest.py deletes them at the end), so two
    # runs against one search server never see each other's documents.
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"legtj_test_{os.getpid()}_"  # noqa: F405
    # A test that saves and then searches must find what it saved (search/backends.py).
    WAGTAILSEARCH_BACKENDS["default"]["REFRESH_ON_WRITE"] = True  # noqa: F405
    # The production-like run tests the database backend on PostgreSQL as well (tests/search/test_relevance.py):
    # every write updates both, as Wagtail updates every configured backend.
    WAGTAILSEARCH_BACKENDS["database"] = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}  # noqa: F405
