from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # This module holds two app configs; this one is the accounts app's own.
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.account.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from .audit import record_sign_in
        from .roles import after_migrate

        user_logged_in.connect(record_sign_in, dispatch_uid="accounts-audit-sign-in")
        post_migrate.connect(after_migrate, dispatch_uid="accounts-ensure-roles")


class UsersAppConfig(WagtailUsersAppConfig):
    """Replaces `wagtail.users` so the user admin edits organisation and preferred language."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
