"""The hub in Wagtail's admin: each domain registers its own views and hooks (its `admin` module, imported
here so that Wagtail finds them); the directory and the vocabularies share one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .admin import ActionTrackViewSet, AreaOfWorkViewSet, CountryViewSet, RegionViewSet
from .best_practices import admin as best_practices_admin  # noqa: F401
from .directory.admin import StakeholderViewSet
from .events import admin as events_admin  # noqa: F401


class KnowledgeHubViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory and vocabularies")
    menu_icon = "tag"
    menu_order = 300
    items = (StakeholderViewSet, AreaOfWorkViewSet, RegionViewSet, ActionTrackViewSet, CountryViewSet)


register_snippet(KnowledgeHubViewSetGroup)
