from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import outbox, tokens
from .models import Notification, Subscription
from .publishing import normalise_filters

Kind = Notification.Kind


def _next(request, default="profile"):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
@require_POST
def subscribe(request):
    kind = request.POST.get("kind", "")
    if kind not in Subscription.Kind.values:
        return HttpResponseBadRequest(_("Choose what you want to hear about."))
    frequency = request.POST.get("frequency", Subscription.Frequency.IMMEDIATE)
    if frequency not in Subscription.Frequency.values:
        frequency = Subscription.Frequency.IMMEDIATE
    filters = normalise_filters(kind, QueryDict(request.POST.get("filters", "").lstrip("?")))
    subscription, _created = Subscription.objects.get_or_create(
        user=request.user, kind=kind, filters=filters, defaults={"frequency": frequency}
    )
    if subscription.is_confirmed:
        messages.info(request, _("You are already subscribed to these updates."))
    else:
        send_confirmation(subscription)
        messages.success(
            request,
            _("Almost done: we have sent you an email. Follow its link to confirm, and the updates will start."),
        )
    return redirect(_next(request))


def send_confirmation(subscription):
    outbox.record(
        Kind.CONFIRM,
        subscription.user,
        key=f"confirm:{subscription.pk}:{timezone.now().timestamp()}",
        subscription=subscription,
    )


def confirm(request, token):
    data = tokens.read_confirm_token(token)
    subscription = data and Subscription.objects.filter(pk=data["s"], user_id=data["u"]).first()
    if subscription is None:
        return render(request, "notifications/link_invalid.html", status=400)
    if not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return render(request, "notifications/confirmed.html", {"subscription": subscription})


def stop(data):
    """Carry out an unsubscribe token: the subscription it names, or the kind of service email."""
    user = get_user_model().objects.filter(pk=data["u"]).first()
    if user is None:
        return None
    if data.get("all"):
        user.subscriptions.all().delete()
        user.event_emails = user.reminder_emails = False
        user.save(update_fields=["event_emails", "reminder_emails"])
    elif data.get("s"):
        user.subscriptions.filter(pk=data["s"]).delete()
    elif data["k"] in (Kind.EVENT, Kind.EVENT_REMINDER):
        user.event_emails = False
        user.save(update_fields=["event_emails"])
    elif data["k"] == Kind.ACTION_REMINDER:
        user.reminder_emails = False
        user.save(update_fields=["reminder_emails"])
    elif data["k"] == Kind.DIGEST:
        user.subscriptions.filter(frequency=Subscription.Frequency.WEEKLY).delete()
    return user


@csrf_exempt  # RFC 8058: the mail client POSTs without a session; the signed token is the authority
def unsubscribe(request, token):
    """One click: a mail client's List-Unsubscribe-Post, or the button on this page (links are only shown).

    A GET changes nothing, because mail scanners follow every link in an email.
    """
    data = tokens.read_unsubscribe_token(token)
    if data is None:
        return render(request, "notifications/link_invalid.html", status=400)
    if request.method == "POST":
        if request.POST.get("scope") == "all":
            data = {**data, "all": True}
        stop(data)
        return render(request, "notifications/unsubscribed.html", {"all": data.get("all", False)})
    subscription = Subscription.objects.filter(pk=data.get("s")).first() if data.get("s") else None
    return render(request, "notifications/unsubscribe.html", {"subscription": subscription, "kind": data["k"]})
