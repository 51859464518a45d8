"""A section translated with its subtree through the admin, then reviewed and published: every page reachable.

wagtail-localize publishes a requested translation after the commit, from a copy loaded before its children
were added, which reset the section's child count (`/ru/knowledge-hub/` answered 404). Requests are made as
the admin makes them, with the commit's callbacks run, and the tree is checked for such problems.
"""

from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from hub.models import KnowledgeHubPage


def tree_problems():
    return [problem for problem in Page.find_problems() if problem]


def test_a_section_translated_with_its_subtree_is_reachable_once_reviewed(people, django_capture_on_commit_callbacks):
    translator, moderator = people
    tajik = Locale.objects.get(language_code="tg")
    section = KnowledgeHubPage.objects.get(locale__language_code="en")
    english_pages = list(Page.objects.descendant_of(section, inclusive=True).live().order_by("path"))
    KnowledgeHubPage.objects.get(locale=tajik).delete()
    keys = [page.translation_key for page in english_pages]
    Translation.objects.filter(source__object_id__in=keys, target_locale=tajik).delete()
    assert tree_problems() == []

    with django_capture_on_commit_callbacks(execute=True):
        requested = translator.post(
            reverse("wagtail_localize:submit_page_translation", args=[section.pk]),
            {"locales": [tajik.pk], "include_subtree": "on"},
        )
    assert requested.status_code == 302
    drafts = list(Page.objects.filter(translation_key__in=keys, locale=tajik).order_by("path"))
    assert len(drafts) == len(english_pages) and not any(page.live for page in drafts)
    assert tree_problems() == []
    # Not yet reviewed: a reader gets the English, said to be untranslated, not an English copy marked Tajik.
    assert "untranslated-notice" in Client().get("/tg/knowledge-hub/").content.decode()

    for draft in drafts:  # top down, as a moderator works through the report
        with django_capture_on_commit_callbacks(execute=True):
            translator.post(reverse("translations_submit_for_review", args=[draft.pk]))
        state = Page.objects.get(pk=draft.pk).current_workflow_task_state
        with django_capture_on_commit_callbacks(execute=True):
            approved = moderator.post(
                reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk]), {"comment": ""}
            )
        assert approved.status_code in (200, 302)

    assert tree_problems() == []
    reader = Client()
    for page in Page.objects.filter(translation_key__in=keys, locale=tajik):
        assert page.live, page.url_path
        shown = reader.get(page.url)
        assert shown.status_code == 200, page.url
        assert "untranslated-notice" not in shown.content.decode(), page.url
