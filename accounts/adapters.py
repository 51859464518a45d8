"""How django-allauth behaves here: accounts by invitation only, and every email through the outbox."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from notifications import outbox


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Administrators invite partner staff (accounts.invitations); nobody signs themselves up.
        return False

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
