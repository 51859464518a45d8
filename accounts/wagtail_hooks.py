from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from notifications.models import Notification

from . import admin_views
from .models import SignIn


@hooks.register("register_admin_urls")
def invitation_urls():
    return [path("invite/", admin_views.invite, name="accounts_invite")]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.add_user")


@hooks.register("register_settings_menu_item")
def invitation_menu_item():
    return InviteMenuItem(_("Invite a partner"), reverse("accounts_invite"), icon_name="mail", order=601)


class ReadOnlyViewSet(ModelViewSet):
    """Records the system writes; administrators read them, nobody edits them."""

    add_to_settings_menu = True
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    # Only the view permission exists (below), so nobody reaches an edit form.
    exclude_form_fields = []

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__startswith="view_")


class SignInViewSet(ReadOnlyViewSet):
    model = SignIn
    icon = "key"
    menu_label = _("Sign-ins")
    list_display = ["user", "at", "method", "provider", "ip_address"]
    list_filter = ["method"]
    search_fields = ["user__email"]


class OutboxViewSet(ReadOnlyViewSet):
    model = Notification
    icon = "mail"
    menu_label = _("Outbox")
    list_display = ["email", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "key"]
    inspect_view_fields = ["key", "kind", "email", "language", "status", "attempts", "last_error", "sent_at"]


@hooks.register("register_admin_viewset")
def audit_viewsets():
    return [SignInViewSet("sign_ins"), OutboxViewSet("outbox")]
