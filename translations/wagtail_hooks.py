from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import status, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("reports/translations/", views.report, name="translations_report"),
        path("translations/<int:page_id>/review/", views.submit_for_review, name="translations_submit_for_review"),
    ]


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
        languages, rows = status.report(first_language=get_language())
        first = languages[0]
        stale = [(row, row.cells[first]) for row in rows if row.cells[first].state == status.OUT_OF_DATE][:5]
        names = views.language_names()
        return {
            "totals": views.totals(status.counts(rows, languages), names),
            "first": names[first],
            "stale": stale,
            "states": [label for state, label in status.STATES.items() if state != status.COMPLETE],
        }


@hooks.register("construct_homepage_panels")
def add_translation_status(request, panels):
    if request.user.has_perm("wagtail_localize.submit_translation") or request.user.is_superuser:
        panels.append(TranslationStatusPanel())
