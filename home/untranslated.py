"""Listings that show what is not translated yet, rather than hide it.

Most content is written in English first, and much of it is never
translated. A Russian or Tajik listing therefore also lists the English
items that have no live translation in its language, marked as English;
their links stay in the reader's interface (home.routing serves the English
with a notice there).
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Locale, Page


def children_with_untranslated(pages, parent):
    """`pages` that are children of `parent`, and the English children of its original that it lacks."""
    own = Q(path__startswith=parent.path, depth=parent.depth + 1)
    default = Locale.get_default()
    source = parent.get_translation_or_none(default) if parent.locale_id != default.pk else None
    if source is None:
        return pages.filter(own)
    translated = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=parent.locale_id, live=True)
    english = Q(path__startswith=source.path, depth=source.depth + 1) & ~Q(Exists(translated))
    return pages.filter(own | english)
