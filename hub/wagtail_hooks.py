from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ActionTrack, AreaOfWork, Country, Region, Stakeholder
from .templatetags.hub_tags import word_guidance_script


class VocabularyViewSet(SnippetViewSet):
    list_filter = ["locale"]
    copy_view_enabled = False


class StakeholderViewSet(VocabularyViewSet):
    model = Stakeholder
    icon = "group"
    list_display = ["name", "acronym", "category", "code", "locale"]
    list_filter = ["locale", "category", "areas_of_work"]
    # Public fields only: focal points (personal data) never leave the admin in bulk.
    list_export = ["code", "name", "acronym", "category", "website", "email", "description", "locale"]
    export_filename = "stakeholders"


class ActionTrackViewSet(VocabularyViewSet):
    model = ActionTrack
    icon = "tag"
    list_display = ["number", "title", "locale"]


class CountryViewSet(VocabularyViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "code", "locale"]


class AreaOfWorkViewSet(VocabularyViewSet):
    model = AreaOfWork
    icon = "list-ul"
    list_display = ["name", "code", "locale"]


class RegionViewSet(VocabularyViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "code", "locale"]


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
