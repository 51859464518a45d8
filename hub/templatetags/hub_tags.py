from typing import NamedTuple

from django import template
from django.utils.translation import get_language

from home.pagecache import kept_here
from hub.best_practices.forms import guidance_script

register = template.Library()


class Featured(NamedTuple):
    practices: list
    collection: object  # the practices' index page


@register.simple_tag
def word_guidance_script():
    return guidance_script()


@register.simple_tag(takes_context=True)
def upcoming_events(context, count):
    """The next `count` events in the visitor's language, with their organisers' names."""
    from hub.events.views import next_events

    return next_events(context["request"], count)


@register.simple_tag(takes_context=True)
def latest_public_documents(context, count):
    """The newest documents everyone may see, for the home page: the same for all, kept until a change."""
    from hub.documents.library import latest_public_documents

    name = f"latest-documents:{get_language()}:{count}"
    return kept_here(context["request"], name, lambda: latest_public_documents(count))


@register.simple_tag(takes_context=True)
def featured_practices(context, chosen, count):
    """For the home page's section: the editors' choice, topped up with the newest practices, and their
    collection; kept until the content changes (finding the newest in a language scans the newest pages)."""
    from hub.best_practices.models import BestPracticePage

    def find():
        practices = BestPracticePage.featured(chosen, count)
        return Featured(practices, practices[0].get_parent() if practices else None)

    keys = ",".join(str(page.translation_key) for page in chosen if page)
    return kept_here(context["request"], f"featured:{get_language()}:{count}:{keys}", find)


@register.simple_tag(takes_context=True)
def visible_document(context, document):
    """`document` if the reader may see it, else None: for documents chosen in page content."""
    from hub.documents.access import visible_document

    return visible_document(context["request"], document)
