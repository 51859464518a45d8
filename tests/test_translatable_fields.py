"""Every field of every page type and snippet is translatable or synchronised on purpose (issue 18, first item).

wagtail-localize leaves a field it is not told about alone: a translation then keeps whatever it had when it
was made, and a change to the source never reaches it. So each field must be named in `translatable_fields`.
"""

from django.apps import apps
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields

OURS = {"home", "hub", "projects", "accounts", "notifications", "search"}
# Wagtail's own page fields are declared once, in home.models.BasePage; tree and workflow fields are Wagtail's.
WAGTAIL_PAGE_FIELDS = {field.name for field in Page._meta.get_fields()} | {"id", "translation_key", "locale"}


def undeclared_fields(model):
    declared = {field.field_name for field in get_translatable_fields(model)}
    own = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and (field.editable or field.many_to_many)
    ]
    # Child rows edited inline with their page or snippet (keywords, tags, focal points).
    own += [
        relation.get_accessor_name()
        for relation in model._meta.related_objects
        if type(relation.field).__name__ == "ParentalKey"
    ]
    return [name for name in own if name not in WAGTAIL_PAGE_FIELDS and name not in declared]


def translatable_models():
    pages = [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]
    snippets = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]
    return [model for model in pages + snippets if model._meta.app_label in OURS]


def test_every_field_of_every_page_type_and_snippet_is_declared():
    models = translatable_models()
    assert {"HomePage", "BestPracticePage", "NewsPage", "Event", "Stakeholder"} <= {m.__name__ for m in models}
    undeclared = {model.__name__: fields for model in models if (fields := undeclared_fields(model))}
    assert undeclared == {}


def test_a_field_left_out_is_reported(monkeypatch):
    from hub.models import NewsPage

    forgetful = [field for field in NewsPage.translatable_fields if field.field_name != "summary"]
    monkeypatch.setattr(NewsPage, "translatable_fields", forgetful)
    assert undeclared_fields(NewsPage) == ["summary"]
