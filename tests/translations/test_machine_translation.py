"""Machine translation is a first draft when a provider is configured, offered only where it can translate,
and its failures are a message to the translator with nothing written (issue 18)."""

import json

import pytest
import requests
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from hub.models import NewsPage
from legtj.settings.base import machine_translator
from translations.machine import FirstDraft

DUMMY = "wagtail_localize.machine_translators.dummy.DummyTranslator"


class Unreachable:
    display_name = "DeepL"

    def __init__(self, options):
        pass

    def can_translate(self, source_locale, target_locale):
        return True

    def translate(self, source_locale, target_locale, strings):
        raise requests.ConnectionError("api.deepl.com is unreachable")


def provider(path, languages=("ru", "tg")):
    return {"CLASS": "translations.machine.FirstDraft", "OPTIONS": {"PROVIDER": path, "LANGUAGES": list(languages)}}


@pytest.fixture
def russian(people):
    page = NewsPage.objects.get(locale__language_code="ru")
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
    StringTranslation.objects.filter(locale=page.locale, translation_of__segments__source=translation.source).delete()
    return page, translation


def editor_props(client, page):
    html = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content, "html.parser")
    editor = next(element for element in html.select("[data-props]") if "machineTranslator" in element["data-props"])
    return json.loads(editor["data-props"])


def machine_translate(client, translation, page):
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    return client.post(f"{url}?next={reverse('wagtailadmin_pages:edit', args=[page.pk])}", follow=True)


def test_with_no_provider_nothing_is_offered_and_the_address_answers_404(people, russian, settings):
    translator, _moderator = people
    page, translation = russian
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

    assert editor_props(translator, page)["machineTranslator"] is None
    assert machine_translate(translator, translation, page).status_code == 404


def test_a_configured_provider_writes_a_first_draft_marked_as_machine_made(people, russian, settings):
    translator, _moderator = people
    page, translation = russian
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider(DUMMY)

    assert editor_props(translator, page)["machineTranslator"]["name"] == "Dummy translator"
    done = machine_translate(translator, translation, page)

    assert done.status_code == 200
    drafts = StringTranslation.objects.filter(locale=page.locale, translation_of__segments__source=translation.source)
    assert drafts.exists() and set(drafts.values_list("translation_type", flat=True)) == {"machine"}


def test_a_provider_that_fails_leaves_a_message_and_writes_nothing(people, russian, settings):
    translator, _moderator = people
    page, translation = russian
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider(f"{__name__}.Unreachable")

    answer = machine_translate(translator, translation, page)

    assert answer.status_code == 200
    assert "DeepL could not translate this now; nothing was changed." in answer.content.decode()
    assert not StringTranslation.objects.filter(locale=page.locale, translation_of__segments__source=translation.source)


def test_a_language_the_provider_lacks_is_not_offered(people, demo):
    from wagtail.models import Locale

    draft = FirstDraft({"PROVIDER": DUMMY, "LANGUAGES": ["ru"]})
    english, russian, tajik = (Locale.objects.get(language_code=code) for code in ("en", "ru", "tg"))
    assert draft.can_translate(english, russian) and not draft.can_translate(english, tajik)


def test_the_provider_comes_from_the_environment(monkeypatch):
    for name in ("DEEPL_AUTH_KEY", "GOOGLE_CLOUD_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    assert machine_translator() is None
    monkeypatch.setenv("DEEPL_AUTH_KEY", "secret:fx")
    deepl = machine_translator()["OPTIONS"]
    assert deepl["PROVIDER"].endswith("DeepLTranslator") and deepl["LANGUAGES"] == ["ru"], "DeepL has no Tajik"
    assert deepl["OPTIONS"]["AUTH_KEY"] == "secret:fx"
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT_ID", "leg-tj")
    assert machine_translator()["OPTIONS"]["LANGUAGES"] == ["ru", "tg"]


def test_a_provider_whose_package_is_missing_is_reported_at_start(settings):
    from translations.checks import machine_translation_provider_is_installed

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider("google_cloud_missing.Translator")
    assert [warning.id for warning in machine_translation_provider_is_installed(None)] == ["translations.W001"]
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = provider(DUMMY)
    assert machine_translation_provider_is_installed(None) == []
