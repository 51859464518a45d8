"""A snippet (a stakeholder) from missing to published in ru and tg, through the translators' review (issue 18).

Snippets have no drafts: the translated strings wait in wagtail-localize, and a moderator's approval is what
writes them into the directory. A translator can neither publish a translation nor change the English original.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from hub.models import Stakeholder, StakeholderDirectoryPage
from tests.translations.work import translate_in_editor, translate_offline
from translations import status
from translations.models import SnippetReview


@pytest.fixture
def stakeholder(demo):
    """An English stakeholder with no translation: missing in both languages."""
    english = Stakeholder.objects.filter(locale__language_code="en").exclude(description="").first()
    Stakeholder.objects.filter(translation_key=english.translation_key).exclude(pk=english.pk).delete()
    Translation.objects.filter(source__object_id=english.translation_key).delete()
    return english


def cell(obj, language):
    _languages, rows = status.report()
    return next(row for row in rows if row.key == str(obj.translation_key)).cells[language]


def edit_url(obj):
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def directory_text(language):
    directory = StakeholderDirectoryPage.objects.get(locale__language_code=language)
    return BeautifulSoup(Client().get(directory.url).content, "html.parser").get_text(" ")


def test_a_snippet_goes_from_missing_through_review_to_the_directory_in_each_language(people, stakeholder):
    translator, moderator = people
    assert cell(stakeholder, "ru").state == cell(stakeholder, "tg").state == status.MISSING

    locales = Locale.objects.filter(language_code__in=["ru", "tg"])
    meta = Stakeholder._meta
    requested = translator.post(
        reverse("wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, stakeholder.pk]),
        {"locales": [locale.pk for locale in locales]},
    )
    assert requested.status_code == 302
    translations = {
        code: Translation.objects.get(source__object_id=stakeholder.translation_key, target_locale__language_code=code)
        for code in ("ru", "tg")
    }
    assert cell(stakeholder, "tg").state == status.IN_PROGRESS and cell(stakeholder, "tg").share == 0

    translate_offline(translator, translations["ru"], "РУ")
    translate_in_editor(translator, translations["tg"], "ТҶ")
    assert cell(stakeholder, "tg").share == 100
    assert cell(stakeholder, "tg").state == status.IN_PROGRESS, "translated, not yet applied"

    # The translation editor's "Publish" is the moderators': the strings are kept, the directory unchanged.
    tajik = stakeholder.get_translation(Locale.objects.get(language_code="tg"))
    refused = translator.post(edit_url(tajik), {"action": "publish"}, follow=True)
    assert "Submit the translation for review" in refused.content.decode()
    tajik.refresh_from_db()
    assert tajik.name == stakeholder.name

    for code, translation in translations.items():
        submitted = translator.post(
            reverse("translations_submit_snippet_for_review", args=[translation.pk]), {"next": "/admin/"}
        )
        assert submitted.status_code == 302
        assert cell(stakeholder, code).state == status.IN_REVIEW

    # The moderator reads the strings beside the English, sends the Tajik back once, with a comment.
    review_url = reverse("translations_review_snippet", args=[translations["tg"].pk])
    assert translator.get(review_url).status_code in (302, 403), "translators do not review"
    page = BeautifulSoup(moderator.get(review_url).content, "html.parser")
    assert f"ТҶ {stakeholder.name}" in page.select_one("table.listing").get_text()
    unexplained = moderator.post(review_url, {"decision": "send_back", "comment": " "})
    assert unexplained.status_code == 200 and "Say what the translator should change" in unexplained.content.decode()
    moderator.post(review_url, {"decision": "send_back", "comment": "Use the official Tajik name"})
    sent_back = cell(stakeholder, "tg")
    assert sent_back.state == status.IN_PROGRESS and sent_back.comment == "Use the official Tajik name"
    report = translator.get(reverse("translations_report"), {"language": "tg", "state": status.IN_PROGRESS})
    assert "Use the official Tajik name" in report.content.decode()

    translator.post(reverse("translations_submit_snippet_for_review", args=[translations["tg"].pk]))
    for translation in translations.values():
        approved = moderator.post(
            reverse("translations_review_snippet", args=[translation.pk]), {"decision": "approve", "comment": ""}
        )
        assert approved.status_code == 302
        assert SnippetReview.objects.get(translation=translation).status == SnippetReview.APPROVED

    for code, prefix in (("ru", "РУ"), ("tg", "ТҶ")):
        translated = stakeholder.get_translation(Locale.objects.get(language_code=code))
        assert translated.name == f"{prefix} {stakeholder.name}"
        assert translated.name in directory_text(code)
        assert cell(stakeholder, code).state == status.COMPLETE

    # The English changes: both are out of date, on the report and on the translator's dashboard.
    stakeholder.name = "A renamed English organisation"
    stakeholder.save()
    for code in ("ru", "tg"):
        stale = cell(stakeholder, code)
        assert stale.state == status.OUT_OF_DATE and stale.changed >= 1
    dashboard = BeautifulSoup(translator.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert "A renamed English organisation" in dashboard.select_one("#translation-status-section").get_text()


def test_a_translator_cannot_change_an_english_original(people, stakeholder):
    translator, _moderator = people
    form = translator.get(edit_url(stakeholder))
    assert form.status_code == 200, "they may read it, to translate it"
    refused = translator.post(edit_url(stakeholder), {"name": "Changed by a translator"}, follow=True)
    assert "The English original is changed by editors" in refused.content.decode()
    stakeholder.refresh_from_db()
    assert stakeholder.name != "Changed by a translator"
