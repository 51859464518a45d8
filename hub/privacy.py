"""A page's privacy is the privacy of every translation of it.

Wagtail keeps view restrictions per page, and a translation is another page:
restricting the English news item left its Russian and Tajik translations
public, in their lists, feeds, sitemap and search. Here a restriction added,
changed or removed on any page is copied at once to every translation of
it, and a translation made later starts with its source's restriction. Every
listing then needs only Wagtail's own rule (`.public()`, `get_view_restrictions()`).
"""

import contextvars

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction

_syncing = contextvars.ContextVar("hub_privacy_syncing", default=False)
# Pages being deleted: their restrictions go with them, which must not make their translations public.
_deleting = set()


def _signature(restriction):
    return restriction.restriction_type, restriction.password, frozenset(g.pk for g in restriction.groups.all())


def _restrictions_of(pages):
    by_page = {page.pk: [] for page in pages}
    for restriction in PageViewRestriction.objects.filter(page__in=pages).prefetch_related("groups"):
        by_page[restriction.page_id].append(restriction)
    return by_page


def copy_restrictions(source, targets):
    """Give each of `targets` exactly `source`'s own view restrictions (type, password and groups).

    Pages that already match are left alone, and a restriction repeated on
    `source` (Wagtail's copy adds one to a translation that has it) is kept once.
    """
    by_page = _restrictions_of([source, *targets])
    wanted = {}
    for restriction in by_page[source.pk]:
        wanted.setdefault(_signature(restriction), restriction)
    token = _syncing.set(True)
    try:
        with transaction.atomic():
            repeated = {r.pk for r in by_page[source.pk]} - {r.pk for r in wanted.values()}
            PageViewRestriction.objects.filter(pk__in=repeated).delete()
            for target in targets:
                current = by_page[target.pk]
                if sorted(map(_signature, current), key=repr) == sorted(wanted, key=repr):
                    continue
                PageViewRestriction.objects.filter(pk__in=[r.pk for r in current]).delete()
                for restriction_type, password, groups in wanted:
                    copy = PageViewRestriction.objects.create(
                        page=target, restriction_type=restriction_type, password=password
                    )
                    copy.groups.set(groups)
    finally:
        _syncing.reset(token)


def share_with_translations(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        copy_restrictions(page, list(page.get_translations()))


def restriction_changed(sender, instance, **kwargs):
    if not _syncing.get() and instance.page_id not in _deleting:
        share_with_translations(instance.page_id)


def groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not _syncing.get():
        share_with_translations(instance.page_id)


def page_created(sender, instance, created, raw=False, **kwargs):
    """A new translation takes its translations' restriction (the source language's, where it has one)."""
    if not created or raw or not isinstance(instance, Page) or _syncing.get():
        return
    restricted = (
        Page.objects.filter(translation_key=instance.translation_key, view_restrictions__isnull=False)
        .exclude(pk=instance.pk)
        .distinct()
    )
    source = restricted.filter(locale__language_code=settings.LANGUAGE_CODE).first() or restricted.first()
    if source is not None:
        copy_restrictions(source, [instance])


def page_deleting(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _deleting.add(instance.pk)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _deleting.discard(instance.pk)


def register():
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="hub_privacy_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="hub_privacy_deleted")
    m2m_changed.connect(groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="hub_privacy_groups")
    post_save.connect(page_created, dispatch_uid="hub_privacy_new_page")
    pre_delete.connect(page_deleting, dispatch_uid="hub_privacy_page_deleting")
    post_delete.connect(page_deleted, dispatch_uid="hub_privacy_page_deleted")
