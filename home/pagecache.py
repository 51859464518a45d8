"""Whole pages kept for anonymous readers, and never served once the content they show has changed.

Every change a public page may show (a page published, moved, translated or
unpublished; a snippet, document, image, event registration or registry row
saved or deleted) bumps one number, `ContentVersion`, in the same database
transaction as the change. A kept page is filed under that number, so the
first request after the commit misses and renders anew: there is no list of
pages to invalidate, and nothing a snippet appears on can be forgotten.
A page that read the clock to decide what it shows (an event becomes past
when it ends, registration closes: `pagecache.now()`) is kept to the end of
its minute only: events begin and end on the minute, so the minute's page is
right for all of it. Every other page is kept until the content changes, so
no page is rendered again for the clock's sake alone.

Kept: GET answers 200 to readers who send no cookie but the CSRF and language
ones, that set no cookie (a form's CSRF token sets one: such a page is the
reader's own), that left the session untouched, and that no view marked
`private`, `no-store` or `no-cache`. The number is read from the database,
not the cache, so a Redis outage or restart can lose kept pages but never
make a stale one current again.
"""

import datetime
import hashlib
import re
from contextvars import ContextVar

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from wagtail.signals import post_page_move

from . import cdn

# Apps whose rows pages show; of Wagtail's own, the editors' bookkeeping that no public page shows.
WATCHED_APPS = {"home", "hub", "projects", "wagtailcore", "wagtaildocs", "wagtailimages", "taggit"}
UNSEEN_WAGTAIL_MODELS = (
    "revision",
    "pagelogentry",
    "modellogentry",
    "referenceindex",
    "task",
    "workflow",
    "groupapprovaltask",
    "comment",
    "pagesubscription",
)
KEEP_SECONDS = 60 * 60  # kept pages and parts are filed under the content version: this only frees memory
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
PARTS_HERE = 2_000  # parts this process keeps for the current version, beside the shared cache
EACH_HERE = 10_000  # listing rows (cards) it keeps one by one: about 1 KB of HTML each
_here = {"version": None, "parts": {}, "each": {}}
ENCODINGS = {name: re.compile(rf"\b{name}\b") for name in ("br", "gzip")}


# Set for each request the page cache may keep: whether the page read the clock (a list, so that a view run
# in a copied context, as under ASGI, still tells the middleware).
_clock_reads = ContextVar("pagecache_clock_reads", default=None)


def now():
    """`timezone.now()`, for deciding what a page shows: a kept page that asked lasts to the end of the minute."""
    reads = _clock_reads.get()
    if reads is not None:
        reads.append(True)
    return timezone.now()


def localdate():
    return timezone.localdate(now())


def accepted_encodings(request):
    """The compressions the client accepts, as the compression below the cache decides by them."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return tuple(name for name, pattern in ENCODINGS.items() if pattern.search(header))


def _current():
    # Asked on every request a kept page may answer: plain SQL, without the ORM's compiling (home.ContentVersion).
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM home_contentversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def shared_cache_control():
    """What every kept answer says: browsers ask again each time, and get a 304 while the page is unchanged (ETag);
    a CDN, when one is configured, keeps it for CDN_MAX_AGE seconds, purged sooner on change (home.cdn)."""
    cdn_age = f", s-maxage={settings.CDN_MAX_AGE}" if cdn.configured() and settings.CDN_MAX_AGE else ""
    return f"public, max-age=0{cdn_age}, must-revalidate"


def content_version(request):
    """The content's version, read once per request."""
    if not hasattr(request, "_content_version"):
        request._content_version = _current()
    return request._content_version


def remembered(request, name, compute):
    """`compute()`'s value, kept until the content changes: for parts many pages show alike (the menu, a trail).

    The value must be plain data (it goes through the shared cache), the same
    for every reader, and depend on nothing but the content and `name`.
    """

    def shared():
        key = f"part:{content_version(request)}:{name}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, KEEP_SECONDS)
        return value

    return kept_here(request, name, shared)


def kept_here(request, name, compute):
    """`compute()`'s value, kept in this process until the content changes, and handed to every request as it
    is: callers read it, never change it. For values that need not or cannot go through the shared cache."""
    try:
        version = content_version(request)
    except DatabaseError:
        return compute()
    _follow(version)
    parts = _here["parts"]
    if name not in parts:
        if len(parts) >= PARTS_HERE:
            parts.clear()  # many filter combinations: start again rather than grow
        parts[name] = compute()
    return parts[name]


def kept_each(request, name, keys, compute):
    """{key: value} for those of `keys` that have one: `kept_here` for a listing's rows one by one, so that any
    page of the listing (any filter, sort or depth) reuses the rows an earlier page worked out. `compute(keys)`
    returns {key: value} for the keys not kept yet, in one go; a key it leaves out has no value under this
    content version (an item unpublished since the listing's keys were kept changes the version too)."""
    try:
        version = content_version(request)
    except DatabaseError:
        return compute(keys)
    _follow(version)
    each = _here["each"]
    missing = [key for key in keys if (name, key) not in each]
    if missing:
        if len(each) + len(missing) > EACH_HERE:
            each.clear()
        found = compute(missing)
        each.update(((name, key), found.get(key)) for key in missing)
    return {key: each[name, key] for key in keys if each[name, key] is not None}


def _follow(version):
    if _here["version"] != version:
        _here.update(version=version, parts={}, each={})


def kept_until(request, name, compute):
    """`kept_here` for a value the clock changes too: `compute()` returns (until, value), the value being right
    until that moment (None: until the content changes). From then on it is worked out again, once, and filed
    under a name of its own; each look at the clock marks the page as one that read it (`now`)."""
    worked_out = []

    def fresh():
        worked_out.append(True)
        return compute()

    until, value = kept_here(request, name, fresh)
    # A value just worked out is as right as it gets, even one whose moment has passed already.
    while until is not None and not worked_out and now() >= until:
        name = f"{name}@{until.isoformat()}"
        until, value = kept_here(request, name, fresh)
    return value


def forget_here():
    """Drop this process's copies of kept parts (for tests, which roll the content and its version back)."""
    _here.update(version=None, parts={}, each={})


def changed(instance=None, **kwargs):
    """Mark the content changed: every kept page is out of date from this transaction's commit on.

    `instance`, the row that changed, tells a CDN in front what to purge (home.cdn).
    """
    from .models import ContentVersion

    # One statement in the caller's transaction: the change and the new number commit together.
    if not ContentVersion.objects.filter(pk=1).update(version=models.F("version") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    if cdn.configured():
        cdn.queue(instance)


def watched(model):
    if model._meta.apps is not global_apps:
        return False  # a migration's historical model: the site is not serving during a migration
    app, name = model._meta.app_label, model._meta.model_name
    if app not in WATCHED_APPS or name.endswith("rendition") or name == "contentversion":
        return False
    return app != "wagtailcore" or not name.startswith(UNSEEN_WAGTAIL_MODELS)


def _on_row_change(sender, raw=False, instance=None, **kwargs):
    if not raw and watched(sender):
        changed(instance)


def connect():
    post_save.connect(_on_row_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_row_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_row_change, dispatch_uid="pagecache-m2m")
    # A move rewrites the paths and URLs of a whole subtree in bulk statements, which send no row signals.
    post_page_move.connect(changed, dispatch_uid="pagecache-move")


def shared(request, response):
    """Whether the answer is the same for every reader: one a shared cache may store, and this one keeps."""
    return PageCacheMiddleware.cacheable_request(request) and PageCacheMiddleware.cacheable_response(request, response)


class PageCacheMiddleware:
    """Serve anonymous readers a kept copy of the page while the content is unchanged (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not self.cacheable_request(request):
            return self.get_response(request)
        try:
            version = content_version(request)
        except DatabaseError:
            return self.get_response(request)  # the view says what the outage means for this page
        key = self.key(request, version)
        kept = cache.get(key)
        if kept is not None:
            status, headers, content, until = kept
            if until is None or timezone.now() < until:
                response = HttpResponse(content, status=status, headers=headers)
                # The session middleware says this of a page it renders; a shared cache must hear it of a kept one too.
                patch_vary_headers(response, ["Cookie"])
                return response
        clock_reads = []
        token = _clock_reads.set(clock_reads)
        try:
            response = self.get_response(request)
        finally:
            _clock_reads.reset(token)
        if request.method == "GET" and self.cacheable_response(request, response):
            response.headers.setdefault("Cache-Control", shared_cache_control())
            until = None
            if clock_reads:
                until = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
            cache.set(key, (response.status_code, dict(response.items()), response.content, until), KEEP_SECONDS)
        return response

    @staticmethod
    def cacheable_request(request):
        if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
            return False
        if request.path.startswith(settings.ADMIN_CSP_PREFIX):
            return False
        harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
        return set(request.COOKIES) <= harmless

    @staticmethod
    def cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        directives = response.get("Cache-Control", "")
        return not any(directive in directives for directive in UNCACHEABLE_DIRECTIVES)

    @staticmethod
    def key(request, version):
        # Above the language middleware: the language is found as it will find it (path, cookie, header).
        language = translation.get_language_from_request(request, check_path=True)
        encodings = "+".join(accepted_encodings(request))
        page = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(page.encode()).hexdigest()
        return f"page:{version}:{language}:{encodings}:{digest}"
