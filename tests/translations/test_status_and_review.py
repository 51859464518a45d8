"""A page from missing to published in ru and tg through the admin, as translators and moderators do it (issue 18).

Requested by a translator; translated once by PO file upload (ru) and once string by string as the translation
editor saves them (tg); submitted for review; sent back once, approved, published; then the English changes and
the status report and the translator's dashboard say both translations are out of date.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from hub.models import NewsPage
from tests.translations.work import translate_in_editor, translate_offline
from translations import status


@pytest.fixture
def source(demo):
    """An English news item whose translations are gone: missing in both languages."""
    page = NewsPage.objects.live().filter(locale__language_code="en").first()
    for translation in Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk):
        translation.delete()
    return page


def cell(page, language):
    _languages, rows = status.report()
    return next(row for row in rows if row.key == str(page.translation_key)).cells[language]


def approve(moderator, page, comment=""):
    state = page.current_workflow_task_state
    return moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]), {"comment": comment}
    )


def test_a_page_goes_from_missing_to_published_in_each_language_and_out_of_date_after_an_english_change(people, source):
    translator, moderator = people
    assert cell(source, "ru").state == cell(source, "tg").state == status.MISSING

    # Requested: wagtail-localize makes a draft copy in each language.
    locales = Locale.objects.filter(language_code__in=["ru", "tg"])
    response = translator.post(
        reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
        {"locales": [locale.pk for locale in locales]},
    )
    assert response.status_code == 302
    drafts = {locale.language_code: source.get_translation(locale) for locale in locales}
    translations = {
        code: Translation.objects.get(source__object_id=source.translation_key, target_locale__language_code=code)
        for code in drafts
    }
    assert cell(source, "ru").state == status.IN_PROGRESS and cell(source, "ru").share == 0

    # Russian offline (a PO file filled in and uploaded), Tajik in the editor.
    translate_offline(translator, translations["ru"], "РУ")
    translate_in_editor(translator, translations["tg"], "ТҶ")
    assert cell(source, "ru").share == cell(source, "tg").share == 100
    assert cell(source, "tg").state == status.IN_PROGRESS, "translated but not yet published"

    # A translator cannot publish, not even a translation.
    refused = translator.post(reverse("wagtailadmin_pages:edit", args=[drafts["tg"].pk]), {"action": "publish"})
    assert refused.status_code in (302, 403)  # Wagtail's "permission denied": back to the dashboard, with a message
    drafts["tg"].refresh_from_db()
    assert not drafts["tg"].live

    for code, draft in drafts.items():
        response = translator.post(reverse("translations_submit_for_review", args=[draft.pk]), {"next": "/admin/"})
        assert response.status_code == 302
        assert cell(source, code).state == status.IN_REVIEW

    # Sent back once, with a comment; submitted again; approved.
    tg = Page.objects.get(pk=drafts["tg"].pk)
    state = tg.current_workflow_task_state
    moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[tg.pk, "reject", state.pk]), {"comment": "Check the title"}
    )
    assert Page.objects.get(pk=tg.pk).current_workflow_state.status == "needs_changes"
    translator.post(reverse("translations_submit_for_review", args=[tg.pk]))
    for draft in drafts.values():
        approve(moderator, Page.objects.get(pk=draft.pk))

    for code, prefix in (("ru", "РУ"), ("tg", "ТҶ")):
        page = Page.objects.get(pk=drafts[code].pk).specific
        assert page.live and page.title.startswith(prefix)
        shown = Client().get(page.url)
        assert shown.status_code == 200 and prefix in BeautifulSoup(shown.content, "html.parser").h1.get_text()
        assert cell(source, code).state == status.COMPLETE

    # The English changes: both translations are out of date, and the translator's dashboard says so.
    revision = source.save_revision()
    source.title = "A new English title"
    revision = source.save_revision()
    revision.publish()
    for code in ("ru", "tg"):
        stale = cell(source, code)
        assert stale.state == status.OUT_OF_DATE and stale.changed >= 1
    dashboard = BeautifulSoup(translator.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = dashboard.select_one("#translation-status-section")
    assert "A new English title" in panel.get_text()


def test_the_report_filters_by_language_and_state_and_exports_csv(people, source):
    translator, _moderator = people
    page = translator.get(reverse("translations_report"), {"language": "tg", "state": status.MISSING})
    assert page.status_code == 200
    table = BeautifulSoup(page.content, "html.parser").select_one("table.listing")
    assert source.title in table.get_text()
    assert [th.get_text() for th in table.select("thead th")][-1] == "Tajik", "only the chosen language's column"

    exported = translator.get(reverse("translations_report"), {"state": status.MISSING, "export": "csv"})
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Type,Section,Title")
    assert any(source.title in line and ",ru," in line for line in lines)
    assert any(source.title in line and ",tg," in line for line in lines)


def test_submitting_for_review_never_sends_the_translator_off_site(people, demo):
    translator, _moderator = people
    russian = NewsPage.objects.filter(locale__language_code="ru").first()

    response = translator.post(
        reverse("translations_submit_for_review", args=[russian.pk]), {"next": "https://elsewhere.example/"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("translations_report")
    assert Page.objects.get(pk=russian.pk).current_workflow_state is not None


def test_the_dashboard_panel_reads_the_report_once_until_the_content_changes(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    translator, _moderator = people
    english = NewsPage.objects.get(locale__language_code="en")
    with CaptureQueriesContext(connection) as first:
        translator.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as again:
        panel = BeautifulSoup(translator.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert len(again) < len(first) - 5, "the report's queries are not run again"
    assert "Renamed in English" not in panel.select_one("#translation-status-section").get_text()

    english.title = "Renamed in English"
    english.save_revision().publish()
    panel = BeautifulSoup(translator.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert "Renamed in English" in panel.select_one("#translation-status-section").get_text(), "out of date at once"
