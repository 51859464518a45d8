"""A translator opens a Russian or Tajik translation in the plain admin editor and saves it as it is (issue 18).

Each translatable snippet, and each page type whose form is plain fields (a StreamField's form exists only
in the browser's script), is taken out of synced translation ("Stop synced translation"), opened as a
member of *Translators* and posted back as a browser without JavaScript would send it. The save must go
through, and the facts a translation takes from its original (SynchronizedField: organisers, dates, codes,
links) must be those of the original afterwards.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import Translation

from accounts.models import User
from accounts.roles import TRANSLATORS, ensure_roles
from tests.conftest import posted_back

OURS = {"hub", "projects"}


def synchronised(obj):
    values = {}
    for field in get_translatable_fields(type(obj)):
        if field.is_synchronized(obj) and not field.is_translated(obj):
            value = getattr(obj, field.field_name)
            if hasattr(value, "all"):
                value = sorted(value.all().values_list("pk", flat=True))
            values[field.field_name] = value
    return values


def snippet_models():
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin) and m._meta.app_label in OURS]


def plain_page_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model._meta.app_label in OURS
        and not any(isinstance(field, StreamField) for field in model._meta.get_fields())
    ]


@pytest.fixture
def translator_client(client, demo):
    ensure_roles()  # as load_demo_content does: the translated trees exist now
    user = User.objects.create_user(email="translator@leg.tj")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(user)
    return client


def edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


@pytest.mark.parametrize("language", ["ru", "tg"])
def test_each_translation_saves_unchanged_through_the_admin_form(translator_client, language):
    models = snippet_models() + plain_page_models()
    assert {"Event", "Stakeholder", "Project", "BestPracticePage"} <= {m.__name__ for m in models}
    refused, tried = {}, []
    for model in models:
        manager = model.objects.live() if issubclass(model, Page) else model._default_manager
        translation = manager.filter(locale__language_code=language).exclude(translation_key=None).first()
        if translation is None or translation.get_translation_or_none(translation.get_default_locale()) is None:
            continue
        tried.append(model.__name__)
        # As "Stop synced translation" does: the plain editor instead of wagtail-localize's translation editor.
        Translation.objects.filter(
            source__object_id=translation.translation_key, target_locale=translation.locale
        ).update(enabled=False)
        before = synchronised(translation)
        url = edit_url(translation)
        form = translator_client.get(url)
        assert form.status_code == 200, (model.__name__, form.status_code)
        response = translator_client.post(url, posted_back(form.content.decode()))
        if response.status_code != 302:
            errors = BeautifulSoup(response.content, "html.parser").select(".error-message, .help-critical")
            refused[model.__name__] = [error.get_text(" ", strip=True) for error in errors] or response.status_code
            continue
        translation.refresh_from_db()
        assert synchronised(translation) == before, model.__name__
    assert len(tried) >= 5, tried
    assert refused == {}
