"""How django-allauth behaves here: accounts by invitation only, and every email through the outbox."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.httpkit import get_client_ip
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

from notifications import outbox

TOO_MANY = _(
    "Too many attempts. For your account's safety, please wait up to an hour before asking for a new code, "
    "or a few minutes before trying a code again."
)
CACHE_DOWN = _(
    "Signing in is unavailable for a few minutes because of a fault on our side. "
    "Nothing you entered was lost: please try again shortly."
)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Administrators invite partner staff (accounts.invitations); nobody signs themselves up.
        return False

    def get_client_ip(self, request):
        """The visitor's address as the trusted proxy reports it (settings: TRUSTED_PROXY_COUNT).

        A request that did not pass through the proxy (fewer X-Forwarded-For
        entries than proxies) or names no valid address is counted by the
        address that connected, instead of being refused with an error.
        """
        try:
            return get_client_ip(request) or request.META["REMOTE_ADDR"]
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]

    def validation_error(self, code, *args):
        # legtj.cache.ResilientRedisCache knows when Redis is away; other caches never are.
        if code == "too_many_login_attempts":
            if getattr(cache, "is_down", bool)():
                # The limits live in the cache; while it is away they refuse everyone, and should say why.
                return ValidationError(CACHE_DOWN, code="cache_unavailable")
            return ValidationError(TOO_MANY, code=code)  # allauth's own says only "later"
        return super().validation_error(code, *args)

    def send_mail(self, template_prefix, email, context):
        """Render in the visitor's language now; the worker sends it, so the request never waits on the provider."""
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, context)
        outbox.record_message(message)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # A provider signs in an invited person (matched by verified address); it never creates accounts.
        return False
