from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, TranslatableMixin

from home.pagecache import content_version

from . import review, status, views

PANEL_SECONDS = 60


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("reports/translations/", views.report, name="translations_report"),
        path("translations/<int:page_id>/review/", views.submit_for_review, name="translations_submit_for_review"),
        path(
            "translations/snippets/<int:translation_id>/submit/",
            views.submit_snippet_for_review,
            name="translations_submit_snippet_for_review",
        ),
        path(
            "translations/snippets/<int:translation_id>/review/",
            views.review_snippet,
            name="translations_review_snippet",
        ),
    ]


@hooks.register("register_admin_urls", order=-1)  # ahead of wagtail-localize's own view at the same address
def take_over_machine_translation():
    return [path("localize/translate/<int:translation_id>/machine_translate/", views.machine_translate)]


@hooks.register("before_edit_snippet", order=-1)  # before wagtail-localize's editor takes the request
def keep_sources_and_publishing_to_their_roles(request, instance):
    """Translators translate: they neither change an English original nor publish a synced translation themselves.

    A translation taken out of sync is edited in the plain form, which (snippets having no drafts) saves it live,
    as the editors' own saves do; the synced translation editor's "Publish" waits for a moderator's review instead.
    """
    if request.method != "POST" or not isinstance(instance, TranslatableMixin) or request.user.is_superuser:
        return None
    if instance.locale_id == Locale.get_default().pk:
        if review.may_change_source(request.user, type(instance)):
            return None
        messages.error(request, _("The English original is changed by editors; you can translate it."))
    elif request.POST.get("action") != "publish" or review.may_publish_translations(request.user):
        return None
    else:
        messages.warning(
            request, _("Your translated strings are kept. Submit the translation for review: a moderator publishes it.")
        )
    return redirect(request.get_full_path())


@hooks.register("register_reports_menu_item")
def register_report():
    return MenuItem(
        _("Translation status"),
        reverse("translations_report"),
        name="translation-status",
        icon_name="globe",
        order=1320,
    )


class TranslationStatusPanel(Component):
    """On the dashboard: per language, what is missing, out of date or waiting; the reader's language first."""

    name = "translation_status"
    template_name = "translations/panel.html"
    order = 210

    def get_context_data(self, parent_context):
        language = get_language()
        # The whole report is read for these few lines: kept a minute, and at once anew when the content
        # changes (an English edit makes translations out of date); translated strings show within the minute.
        key = f"translation-panel:{content_version(parent_context['request'])}:{language}"
        return cache.get_or_set(key, lambda: self.summary(language), PANEL_SECONDS)

    @staticmethod
    def summary(language):
        languages, rows = status.report(first_language=language)
        first = languages[0]
        stale = [
            {"title": row.title, "url": cell.url, "changed": cell.changed}
            for row in rows
            if (cell := row.cells[first]).state == status.OUT_OF_DATE
        ][:5]
        names = views.language_names()
        return {
            "totals": [
                (code, str(name), [(state, str(label), number) for state, label, number in by_state])
                for code, name, by_state in views.totals(status.counts(rows, languages), names)
            ],
            "first": str(names[first]),
            "stale": stale,
            "states": [str(label) for state, label in status.STATES.items() if state != status.COMPLETE],
        }


@hooks.register("construct_homepage_panels")
def add_translation_status(request, panels):
    if request.user.has_perm("wagtail_localize.submit_translation") or request.user.is_superuser:
        panels.append(TranslationStatusPanel())
