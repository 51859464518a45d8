"""The hub in Wagtail's admin: each domain registers its own views and hooks (its `admin` module, imported
here so that Wagtail finds them); the directory and the vocabularies share one menu."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import GroupPagePermission, Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .admin import ActionTrackViewSet, AreaOfWorkViewSet, CountryViewSet, RegionViewSet
from .best_practices import admin as best_practices_admin  # noqa: F401
from .directory.admin import StakeholderViewSet
from .documents import admin as documents_admin  # noqa: F401
from .events import admin as events_admin  # noqa: F401


class KnowledgeHubViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory and vocabularies")
    menu_icon = "tag"
    menu_order = 300
    items = (StakeholderViewSet, AreaOfWorkViewSet, RegionViewSet, ActionTrackViewSet, CountryViewSet)


register_snippet(KnowledgeHubViewSetGroup)


@hooks.register("construct_page_chooser_queryset")
def pages_this_person_may_see(pages, request):
    """Live public pages, and the pages the person may edit: never a draft's or a private page's title otherwise."""
    user = request.user
    if user.is_superuser:
        return pages
    roots = Page.objects.filter(
        pk__in=GroupPagePermission.objects.filter(group__user=user).values("page_id")
    ).values_list("path", flat=True)
    editable = Q(pk__in=[])
    for path in roots:
        editable |= Q(path__startswith=path)
    return pages.filter((Q(live=True) & ~Page.objects.private_q()) | editable)
