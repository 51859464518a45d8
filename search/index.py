"""The stemmed copy of an object's text that every search backend indexes (see `search.analysis`).

A model mixes in `Stemmed` and adds `STEMMED_FIELDS` to its `search_fields`.
The copy is made from the model's own search fields, so what is searchable
and what is stemmed cannot drift apart: a field indexed with a boost (a
title, a name, an introduction) goes to the boosted copy, the rest to the
plain one. The object's language says which stemmer reads its Cyrillic.
"""

from django.db.models import Manager
from django.utils.html import strip_tags
from modelsearch.backends.base import get_model_root
from wagtail.models import Locale
from wagtail.search import index

from .analysis import stemmed

BOOSTED = "search_stems_boosted"
PLAIN = "search_stems"


class StemmedField(index.SearchField):
    """A field filled by `Stemmed`'s methods, owned by the model's whole tree.

    A search server names a field after the class that defines it; left to look, it would find the
    mixin, which is no model. Owned by the root (Page for every page type), the copy has one name.
    """

    def get_definition_model(self, cls):
        return get_model_root(cls)


STEMMED_FIELDS = [StemmedField(BOOSTED, boost=2), StemmedField(PLAIN)]


def field_texts(obj, fields, related=True):
    """(text, boosted) of each search field of `obj`, following related fields if `related`; our copies skipped."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            rows = field.get_value(obj) if related else None
            if rows is None:
                continue
            for item in rows.all() if isinstance(rows, Manager) else [rows]:
                yield from field_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name not in (BOOSTED, PLAIN):
            value = field.get_value(obj)
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            if value:
                yield strip_tags(str(value)), bool(field.boost and field.boost > 1)


_languages = {}


def language_of(locale_id):
    """A locale's language code without a query per object: indexing thousands must not cost thousands more."""
    if locale_id not in _languages:
        _languages.update(Locale.objects.values_list("pk", "language_code"))
    return _languages.get(locale_id)


class Stemmed:
    """Index mixin: `search_stems_boosted` and `search_stems`, the stems of what the object's search fields hold."""

    def search_languages(self):
        """The languages the object's text is written in (a page, an event: its locale's)."""
        return (language_of(self.locale_id),)

    def _stems(self, boosted):
        texts = [text for text, is_boosted in field_texts(self, self.get_search_fields()) if is_boosted == boosted]
        return stemmed(" ".join(texts), self.search_languages())

    def search_stems_boosted(self):
        return self._stems(boosted=True)

    def search_stems(self):
        return self._stems(boosted=False)
