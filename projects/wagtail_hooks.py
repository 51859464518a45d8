"""The registry in Wagtail's admin: projects as translatable snippets, exchange rates, and the IATI import."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .admin_views import import_run, proposals, start_import
from .models import ExchangeRate, Project


class ProjectIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Import IATI file"), url=reverse("projects_import"), icon_name="upload", priority=50),
        ]


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "folder-open-inverse"
    index_view_class = ProjectIndexView
    list_display = ["title", "iati_identifier", "status", "budget_usd", "locale"]
    list_filter = ["locale", "status", "areas_of_work", "regions"]
    search_fields = ["title", "iati_identifier", "description"]
    copy_view_enabled = False


class ExchangeRateViewSet(SnippetViewSet):
    model = ExchangeRate
    icon = "resubmit"
    list_display = ["currency", "date", "usd"]
    list_filter = ["currency"]


class ProjectsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Projects registry")
    menu_icon = "folder-open-inverse"
    menu_order = 305
    items = (ProjectViewSet, ExchangeRateViewSet)


register_snippet(ProjectsViewSetGroup)


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("projects/import/", start_import, name="projects_import"),
        path("projects/import/<int:pk>/", import_run, name="projects_import_run"),
        path("projects/proposals/", proposals, name="projects_proposals"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        _("IATI import"), reverse("projects_import"), icon_name="upload", order=900, permission="projects.add_project"
    )


@hooks.register("register_admin_menu_item")
def proposals_menu_item():
    return PermissionMenuItem(
        _("Proposed project updates"),
        reverse("projects_proposals"),
        icon_name="comment",
        order=306,
        permission="projects.change_proposedupdate",
    )
