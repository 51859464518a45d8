"""The directory in the admin: organisations as snippets, with CSV export and import."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView

from hub.admin import VocabularyViewSet

from .admin_views import export_stakeholders, import_stakeholders
from .models import Stakeholder


class StakeholderIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Export CSV"), url=reverse("hub_stakeholders_export"), icon_name="download", priority=50),
            Button(_("Import CSV"), url=reverse("hub_stakeholders_import"), icon_name="upload", priority=60),
        ]


class StakeholderViewSet(VocabularyViewSet):
    model = Stakeholder
    icon = "group"
    index_view_class = StakeholderIndexView
    list_display = ["name", "acronym", "category", "code", "locale"]
    list_filter = ["locale", "category", "areas_of_work"]


@hooks.register("register_admin_urls")
def stakeholder_csv_urls():
    # Public fields only: focal points (personal data) never leave the admin in bulk.
    return [
        path("stakeholders/export.csv", export_stakeholders, name="hub_stakeholders_export"),
        path("stakeholders/import/", import_stakeholders, name="hub_stakeholders_import"),
    ]
