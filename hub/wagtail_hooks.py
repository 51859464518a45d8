from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .admin_views import export_stakeholders, import_stakeholders
from .models import ActionTrack, AreaOfWork, Country, Region, Stakeholder
from .templatetags.hub_tags import word_guidance_script


class VocabularyViewSet(SnippetViewSet):
    list_filter = ["locale"]
    copy_view_enabled = False


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


class ActionTrackViewSet(VocabularyViewSet):
    model = ActionTrack
    icon = "tag"
    list_display = ["number", "title", "locale"]


class NamedVocabularyViewSet(VocabularyViewSet):
    list_display = ["name", "code", "locale"]


class CountryViewSet(NamedVocabularyViewSet):
    model = Country
    icon = "site"


class AreaOfWorkViewSet(NamedVocabularyViewSet):
    model = AreaOfWork
    icon = "list-ul"


class RegionViewSet(NamedVocabularyViewSet):
    model = Region
    icon = "site"


class KnowledgeHubViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory and vocabularies")
    menu_icon = "tag"
    menu_order = 300
    items = (StakeholderViewSet, AreaOfWorkViewSet, RegionViewSet, ActionTrackViewSet, CountryViewSet)


register_snippet(KnowledgeHubViewSetGroup)


@hooks.register("insert_editor_js")
def word_count_for_editors():
    """Live word counts against the submission form's guidance, on best-practice answers in the page editor."""
    return format_html('{}<script src="{}" defer></script>', word_guidance_script(), static("hub/js/word-count.js"))


@hooks.register("register_admin_urls")
def stakeholder_csv_urls():
    # Public fields only: focal points (personal data) never leave the admin in bulk.
    return [
        path("stakeholders/export.csv", export_stakeholders, name="hub_stakeholders_export"),
        path("stakeholders/import/", import_stakeholders, name="hub_stakeholders_import"),
    ]
