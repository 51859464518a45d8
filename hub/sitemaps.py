"""The sitemap's sections: every live, public page in every language, each with its translations as alternates.

A thousand URLs a sitemap page (the index, /sitemap.xml, lists them): each
answer stays small and quick to build, whatever the size of the site.
"""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from wagtail.models import Page

PER_SITEMAP_PAGE = 1_000


class PagesSitemap(Sitemap):
    limit = PER_SITEMAP_PAGE

    def __init__(self, request):
        self.request = request

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .only("url_path", "path", "depth", "translation_key", "last_published_at", "locale__language_code")
            .order_by("path")
        )

    def location(self, page):
        return page.get_url(self.request)

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django's default reads every page.
        return self.items().order_by().aggregate(latest=Max("last_published_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # One query for the alternates of the pages on this sitemap page.
        by_key = defaultdict(list)
        keys = {url["item"].translation_key for url in urls}
        for translation in self.items().filter(translation_key__in=keys):
            by_key[translation.translation_key].append(translation)
        for url in urls:
            translations = by_key[url["item"].translation_key]
            if len(translations) > 1:
                url["alternates"] = [
                    {
                        "lang_code": other.locale.language_code,
                        "location": self.request.build_absolute_uri(other.get_url(self.request)),
                    }
                    for other in translations
                ]
        return urls

    def get_domain(self, site=None):
        return self.request.get_host()

    def get_protocol(self, protocol=None):
        return self.request.scheme


class RoutedItemsSitemap(Sitemap):
    """Items shown under a routable page at `<page>/<code>/`, in every language's page, each language an alternate.

    Items exist in every language: a missing translation is shown in the default language.
    """

    limit = PER_SITEMAP_PAGE

    def __init__(self, request):
        self.request = request
        self.pages = [
            (page.locale.language_code, page.get_url(request))
            for page in self.page_model().objects.live().public().select_related("locale")
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
