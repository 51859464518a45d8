from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # This module holds two app configs; this one is the accounts app's own.
    default = True
    name = "accounts"
    verbose_name = _("Accounts")


class UsersAppConfig(WagtailUsersAppConfig):
    """Replaces `wagtail.users` so the user admin edits organisation and preferred language."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
