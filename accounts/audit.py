import datetime

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import get_authentication_records
from django.utils import timezone

from .models import SignIn


def record_sign_in(sender, request, user, **kwargs):
    """allauth's user_logged_in: one row per sign-in, with how it was proven."""
    records = get_authentication_records(request, user)
    last = records[-1] if records else {}
    method = last.get("method", "")
    if method not in SignIn.Method.values:
        method = SignIn.Method.OTHER
    SignIn.objects.create(
        user=user,
        method=method,
        provider=last.get("provider", "")[:40],
        ip_address=get_adapter(request).get_client_ip(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
    )


KEEP_SIGN_INS = datetime.timedelta(days=365)


def forget_old_sign_ins(now=None):
    """The privacy notice promises a year; the worker calls this with its other scheduled jobs."""
    return SignIn.objects.filter(at__lt=(now or timezone.now()) - KEEP_SIGN_INS).delete()[0]
