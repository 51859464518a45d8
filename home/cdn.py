"""A CDN in front of the site: what to purge from it when the content changes (wagtail.contrib.frontend_cache).

Configured by environment (settings: FRONTEND_CACHE and WAGTAILFRONTENDCACHE);
without it nothing here runs. With it, public pages carry `s-maxage` (CDN_MAX_AGE),
so the CDN answers them without asking, and every change the page cache watches
(home.pagecache) also purges, once its transaction commits:

- a page and its translations, with their ancestors (the listings that show it);
- an object shown at its own address (an event, an organisation, a project:
  its `get_cached_urls()`), and the pages that name it, by a field of theirs or
  in their text (Wagtail's reference index);
- every listing: live pages with children, and routable pages (events,
  directory, projects), which list snippets rather than child pages.

What this misses (a page that shows an object without referring to it) is
stale at the CDN for CDN_MAX_AGE at most. One purge a transaction, however
many rows it changes; the purge itself is a django-tasks task
(`purge_urls_from_cache`), so a slow CDN never holds up an editor's save.
"""

import threading

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, ReferenceIndex, get_page_models

_pending = threading.local()
# An organisation named on thousands of pages: the first thousand are purged, the rest expire (CDN_MAX_AGE).
PAGES_PER_RELATION = 1000


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def routed_urls(route, locale_ids, value, suffixes=("",)):
    """The full URLs of `value`'s subpage `route` (and its `suffixes`) on each live page in `locale_ids` that has it.

    `route` is the name of a RoutablePageMixin route (`@path(..., name="event")`), so a row's model need not
    import the page that shows it.
    """
    models = [model for model in _routable_models() if route in _route_names(model)]
    indexes = Page.objects.live().type(*models).filter(locale_id__in=locale_ids).specific() if models else []
    return [
        f"{index.get_full_url()}{index.reverse_subpage(route, args=[value])}{suffix}"
        for index in indexes
        for suffix in suffixes
    ]


def _routable_models():
    return [model for model in get_page_models() if issubclass(model, RoutablePageMixin)]


def _route_names(model):
    return {pattern.name for pattern in model.get_subpage_urls() if pattern.name}


def queue(instance=None):
    """Purge what `instance`'s change may show on, once the current transaction commits (once for all its changes)."""
    batch = getattr(_pending, "batch", None)
    if batch is not None and batch.waiting():
        batch.keep(instance)
        return
    batch = _pending.batch = _Batch()
    batch.keep(instance)
    # At once outside a transaction; robust: a purge that fails is logged, never turned into the editor's error.
    transaction.on_commit(batch.flush, robust=True)


class _Batch:
    def __init__(self):
        self.objects = {}  # one entry a row, however many times the transaction saved it
        self.purge = PurgeBatch()

    def waiting(self):
        """Still to run with this transaction's commit (not yet run, nor dropped by a rollback)."""
        return any(entry[1] == self.flush for entry in connection.run_on_commit)

    def keep(self, instance):
        if isinstance(instance, Page):
            self.purge.add_page(instance)  # now: a deleted page has no row left to find its address by
        self.objects.setdefault((type(instance), getattr(instance, "pk", None)), instance)

    def flush(self):
        if getattr(_pending, "batch", None) is self:
            _pending.batch = None
        for instance in self.objects.values():
            self.add(instance)
        self.purge.add_pages(Page.objects.live().filter(Q(numchild__gt=0) | Q(content_type__in=_routable_types())))
        purge_urls_from_cache(sorted(self.purge.urls))

    def add(self, instance):
        if isinstance(instance, Page):
            translations = list(
                Page.objects.filter(translation_key=instance.translation_key).live().select_related("locale")
            )
            for page in translations:
                self.purge.add_pages([page, *page.get_ancestors().filter(depth__gt=1).live()])
            self.purge.add_urls(_untranslated_addresses(translations))
            return
        if hasattr(instance, "get_cached_urls"):
            self.purge.add_urls(instance.get_cached_urls())
        if instance is None or instance.pk is None:
            return
        # Pages that point at it: by a field of theirs (organisations of a best practice), or in their text.
        for relation in instance._meta.related_objects:
            if issubclass(relation.related_model, Page):
                pages = relation.related_model.objects.live().filter(**{relation.field.name: instance.pk})
                self.purge.add_pages(pages[:PAGES_PER_RELATION])
        for source, _references in ReferenceIndex.get_references_to(instance).group_by_source_object():
            if isinstance(source, Page) and source.live:
                self.purge.add_page(source)


def _untranslated_addresses(translations):
    """The English page's address under each language it lacks: where home.routing serves it with a notice."""
    english = next((page for page in translations if page.locale.language_code == settings.LANGUAGE_CODE), None)
    url = english.get_full_url() if english else None
    if not url:
        return []
    present = {page.locale.language_code for page in translations}
    site, prefix, path = url.partition(f"/{settings.LANGUAGE_CODE}/")
    return [f"{site}/{code}/{path}" for code, _name in settings.LANGUAGES if code not in present] if prefix else []


def _routable_types():
    return list(ContentType.objects.get_for_models(*_routable_models()).values())
