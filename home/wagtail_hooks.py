from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from .admin_views import ConflictCheckedPageViewSet


@hooks.register("register_help_menu_item")
def styleguide_menu_item():
    return MenuItem(_("Style guide"), reverse("styleguide"), icon_name="image", order=900)


@hooks.register("register_admin_viewset")
def page_editor_with_conflict_check():
    # Registered for Page after Wagtail's own (order -1): every page type without a viewset of its own uses it.
    return ConflictCheckedPageViewSet(model=Page)
