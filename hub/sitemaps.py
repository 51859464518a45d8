"""The sitemap's sections: every live, public page in every language, each with its translations as alternates.

A thousand URLs a sitemap page (the index, /sitemap.xml, lists them): each
answer stays small and quick to build, whatever the size of the site.
"""

from collections import defaultdict
from urllib.parse import quote

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, F, Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Page

from home.pagecache import remembered
from home.routing import site_root_paths

PER_SITEMAP_PAGE = 1_000


class PagePaths:
    """Each page's path as `Page.get_url` gives it, from its `url_path` alone.

    A section lists a thousand pages and their translations: built as model instances, with a
    `reverse()` each, they cost about 130 ms; from rows, with one `reverse()` per site root and
    language, a few. Mirrors `Page.get_url_parts` for the first site a page belongs to.
    """

    def __init__(self, request):
        self.roots = []
        for root in site_root_paths(request):
            try:
                with translation.override(root.language_code):
                    prefix = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:
                continue
            self.roots.append((root.root_path, prefix))

    def __call__(self, url_path):
        for root_path, prefix in self.roots:
            if url_path.startswith(root_path):
                # The characters `reverse()` leaves as they are (Django's RFC 3986 sub-delimiters and "/~:@").
                return prefix + quote(url_path[len(root_path) :], safe="/~:@!$&'()*+,;=")
        return None


class PagesSitemap(Sitemap):
    limit = PER_SITEMAP_PAGE

    def __init__(self, request):
        self.request = request
        self.paths = PagePaths(request)

    def pages(self):
        return Page.objects.live().public().filter(depth__gt=1)

    def rows(self, pages):
        return (
            pages.order_by("path")
            .annotate(language_code=F("locale__language_code"))
            .values_list("url_path", "translation_key", "last_published_at", "language_code", named=True)
        )

    def items(self):
        return self.rows(self.pages())

    def location(self, page):
        return self.paths(page.url_path)

    def lastmod(self, page):
        return page.last_published_at

    def summary(self):
        """How many pages and when the latest was published: one aggregate per content version, for the index
        and for every section page's paging, shared by every process (it reads every live page)."""
        return remembered(
            self.request,
            "sitemap-pages",
            lambda: self.pages().aggregate(count=Count("pk"), latest=Max("last_published_at")),
        )

    @property
    def paginator(self):
        pages = Paginator(self.items(), self.limit)
        pages.count = self.summary()["count"]
        return pages

    def get_latest_lastmod(self):
        return self.summary()["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # One query for the alternates of the pages on this sitemap page.
        by_key = defaultdict(list)
        keys = {url["item"].translation_key for url in urls}
        for row in self.rows(self.pages().filter(translation_key__in=keys)):
            by_key[row.translation_key].append(row)
        for url in urls:
            translations = by_key[url["item"].translation_key]
            if len(translations) > 1:
                url["alternates"] = [
                    {
                        "lang_code": other.language_code,
                        "location": self.request.build_absolute_uri(self.location(other)),
                    }
                    for other in translations
                ]
        return urls

    def get_domain(self, site=None):
        return self.request.get_host()

    def get_protocol(self, protocol=None):
        return self.request.scheme


def urlset_xml(urls):
    """A sitemap page as Django's `sitemap.xml` template writes it, a thousand URLs in a few milliseconds, not 60."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if lastmod := url.get("lastmod"):
            # As the template's `date` filter: a moment is dated in the site's time zone.
            lastmod = timezone.localtime(lastmod) if timezone.is_aware(lastmod) else lastmod
            parts.append(f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>")
        for name in ("changefreq", "priority"):
            if value := url.get(name):
                parts.append(f"<{name}>{escape(value)}</{name}>")
        for alternate in url.get("alternates", ()):
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}"'
                f' href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


class RoutedItemsSitemap(Sitemap):
    """Items shown under a routable page at `<page>/<code>/`, in every language's page, each language an alternate.

    Items exist in every language: a missing translation is shown in the default language.
    """

    limit = PER_SITEMAP_PAGE

    def __init__(self, request):
        self.request = request
        paths = PagePaths(request)
        # From wagtailcore_page by content type, not from the page type's own table: that table holds a row or
        # three, PostgreSQL never analyses it, and its guess of a thousand rows made it scan every page (15 ms).
        self.pages = [
            (language, paths(url_path))
            for url_path, language in Page.objects.type(self.page_model())
            .live()
            .public()
            .order_by("path")
            .values_list("url_path", "locale__language_code")
        ]

    def page_model(self):
        raise NotImplementedError

    def codes(self):
        raise NotImplementedError

    def items(self):
        return [(language, url, code) for code in self.codes() for language, url in self.pages]

    def location(self, item):
        return f"{item[1]}{item[2]}/"

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            code = url["item"][2]
            url["alternates"] = [
                {"lang_code": language, "location": self.request.build_absolute_uri(f"{base}{code}/")}
                for language, base in self.pages
            ]
        return urls

    def get_domain(self, site=None):
        return self.request.get_host()

    def get_protocol(self, protocol=None):
        return self.request.scheme


class StakeholdersSitemap(RoutedItemsSitemap):
    """Each organisation's page in every language's directory."""

    def page_model(self):
        from .directory.pages import StakeholderDirectoryPage

        return StakeholderDirectoryPage

    def codes(self):
        from .directory.models import Stakeholder

        return Stakeholder.objects.order_by("code").values_list("code", flat=True).distinct()


class EventsSitemap(RoutedItemsSitemap):
    """Each event's page on every language's events page."""

    def page_model(self):
        from .events.models import EventIndexPage

        return EventIndexPage

    def codes(self):
        from .events.models import Event

        return Event.objects.order_by("slug").values_list("slug", flat=True).distinct()
