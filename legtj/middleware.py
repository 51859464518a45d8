import hashlib

import brotli
from django.conf import settings
from django.http import Http404, QueryDict
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from home.pagecache import accepted_encodings, shared, shared_cache_control


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivateForReadersMiddleware:
    """Answers that may differ by reader are never stored by a shared cache.

    A signed-in reader, or one who has given a page's or collection's shared
    password, may see what others may not (focal points, open action items,
    members' documents). Such answers get `Cache-Control: private` unless the
    view has said they are `public` (the same bytes for everyone, such as a
    public file) or already forbids storing them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._reader_specific(request):
            directives = response.get("Cache-Control", "")
            if "public" not in directives and "private" not in directives:
                patch_cache_control(response, private=True)
        return response

    PASSWORD_KEYS = (
        PageViewRestriction.passed_view_restrictions_session_key,
        CollectionViewRestriction.passed_view_restrictions_session_key,
    )

    def _reader_specific(self, request):
        # Without a session cookie nobody is signed in and no password was given; asking
        # would touch the session and add "Vary: Cookie" to every anonymous page.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        if request.user.is_authenticated:
            return True
        return any(request.session.get(key) for key in self.PASSWORD_KEYS)


class AdminContentSecurityPolicyMiddleware:
    """The Wagtail admin's own policy (the public one excludes /admin/: the admin needs inline code).

    Scripts and styles only from this origin plus the inline ones Wagtail's
    widgets write; no plugins, no <base> hijack, no framing except where
    Wagtail asks for same-origin framing (the live preview).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_CSP_PREFIX) and "Content-Security-Policy" not in response:
            framing = "'self'" if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" else "'none'"
            response["Content-Security-Policy"] = f"{settings.ADMIN_CONTENT_SECURITY_POLICY}; frame-ancestors {framing}"
        return response


def _without_nul(query):
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class NulBytesMiddleware:
    """No address or form field of this site holds a NUL byte, and PostgreSQL cannot store or compare one.

    A path with one names nothing (404); NUL bytes in query strings and
    ordinary form posts are dropped, so the visitor gets the page they asked
    for instead of a database error. Runs after LocaleMiddleware: the 404 is
    in the visitor's language. File uploads (multipart) are left to their views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            request.GET = _without_nul(request.GET)
        form = request.method == "POST" and request.content_type == "application/x-www-form-urlencoded"
        if form and (b"%00" in request.body or b"\x00" in request.body):
            request.POST = _without_nul(request.POST)
        return self.get_response(request)


# Text worth compressing; files (PDF, DOCX, images) are already compressed or are downloads a reader may resume.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextCompressionMiddleware(GZipMiddleware):
    """Brotli or gzip for pages, feeds and JSON only: not for document downloads.

    Brotli (a fifth smaller than gzip on our pages) goes to answers that carry
    no secret: no cookie set (a page with a CSRF token always sets one) and
    not private. Any other answer gets Django's gzip, which pads each with
    random bytes against BREACH. Either way the ETag becomes weak, so
    ConditionalGetMiddleware still answers 304 when the page has not changed.
    """

    BROTLI_QUALITY = 8  # within a few milliseconds on a large page; 11 costs ten times that for 5 % less

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        if "br" in accepted_encodings(request) and self.secretless(response):
            return self.brotli(response)
        return super().process_response(request, response)

    @staticmethod
    def secretless(response):
        directives = response.get("Cache-Control", "")
        return not (response.streaming or response.cookies or "private" in directives or "no-store" in directives)

    def brotli(self, response):
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=self.BROTLI_QUALITY, mode=brotli.MODE_TEXT)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response["Content-Encoding"] = "br"
        return response


ETAG_PLACEHOLDER = b'data-fresh-etag="__PAGE_ETAG__"'


class PageETagMiddleware:
    """Writes a page's ETag into the page, for js/site.js to ask with whether the page has changed.

    The ETag is the MD5 of the page as rendered, placeholder included, so
    the same page gets the same ETag whether rendered or kept
    (home.pagecache); ConditionalGetMiddleware, above, then answers 304 by it.
    Only pages the same for every reader (`Cache-Control: public`) are marked
    for asking: any other page differs on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or response.status_code != 200 or ETAG_PLACEHOLDER not in response.content:
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response.headers.setdefault("ETag", etag)
        if request.method == "GET" and shared(request, response):
            response.headers.setdefault("Cache-Control", shared_cache_control())
        public = "public" in response.get("Cache-Control", "") and response["ETag"] == etag
        marked = f'data-fresh-etag="{escape(etag)}"{" data-fresh-public" if public else ""}'
        response.content = response.content.replace(ETAG_PLACEHOLDER, marked.encode(), 1)
        if "Content-Length" in response:  # set below (CommonMiddleware) for the page before the ETag was written in
            response["Content-Length"] = str(len(response.content))
        return response
