from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

from hub.models.best_practices import WORD_GUIDANCE, word_guidance_text

register = template.Library()


@register.simple_tag
def word_guidance_script():
    """The word guidance per answer and the counter's wording, in the active language, for word-count.js."""
    return json_script(
        {
            "fields": {name: word_guidance_text(*low_high) for name, low_high in WORD_GUIDANCE.items()},
            "template": _("Words so far: {count}. Guidance: {guidance}"),
        },
        "word-guidance",
    )


@register.simple_tag
def vocabulary_label(labels, facet, row):
    """A synchronised vocabulary row shown in the visitor's language."""
    localized = labels.get(facet, {}).get(row.code)
    return str(localized or row)


@register.simple_tag
def upcoming_events(count):
    """The next `count` events in the visitor's language, with their organisers' names."""
    from hub.events import localized_events, organiser_names, upcoming

    return organiser_names(list(upcoming(localized_events()).prefetch_related("organisers")[:count]))


@register.simple_tag
def latest_public_documents(count):
    """The newest documents everyone may see, for the home page."""
    from hub.library import latest_public_documents

    return latest_public_documents(count)


@register.simple_tag(takes_context=True)
def visible_document(context, document):
    """`document` if the reader may see it, else None: for documents chosen in page content."""
    from hub.access import visible_document

    return visible_document(context["request"], document)
