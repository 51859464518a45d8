from django import template

from hub.best_practices.forms import guidance_script

register = template.Library()


@register.simple_tag
def word_guidance_script():
    return guidance_script()


@register.simple_tag
def upcoming_events(count):
    """The next `count` events in the visitor's language, with their organisers' names."""
    from hub.events.views import localized_events, organiser_names, upcoming

    return organiser_names(list(upcoming(localized_events()).prefetch_related("organisers")[:count]))


@register.simple_tag
def latest_public_documents(count):
    """The newest documents everyone may see, for the home page."""
    from hub.documents.library import latest_public_documents

    return latest_public_documents(count)


@register.simple_tag
def featured_practices(chosen, count):
    """For the home page's section: the editors' choice, topped up with the newest practices."""
    from hub.best_practices.models import BestPracticePage

    return BestPracticePage.featured(chosen, count)


@register.simple_tag(takes_context=True)
def visible_document(context, document):
    """`document` if the reader may see it, else None: for documents chosen in page content."""
    from hub.documents.access import visible_document

    return visible_document(context["request"], document)
