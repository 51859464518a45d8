"""The outbox: record every email first, then send each exactly once from a worker.

Delivery is a small state machine on `Notification.status`:

    pending --claim--> sending --provider accepted--> sent
                          |--provider failed--> pending (later, with back-off) … failed
                          |--worker died--> (stale) reconcile: sent if the provider's
                                            webhook confirmed it, else pending again

A claim is one conditional UPDATE, so two workers never send the same row.
The `sending` state is committed *before* the provider is called: a worker
killed mid-send (kill -9) leaves a row that says so, and `reconcile` finds it
once its lease has expired. The provider call carries the notification's key
(anymail metadata and a stable Message-ID), which the provider's event
webhook reports back, so a send that reached the provider is never repeated.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from .models import Notification
from .rendering import Cancelled, render

logger = logging.getLogger(__name__)

Kind, Status = Notification.Kind, Notification.Status


def record_message(message):
    """Put an already-rendered account message (allauth's sign-in codes) in the outbox."""
    alternatives = getattr(message, "alternatives", [])
    html = next((content for content, mimetype in alternatives if mimetype == "text/html"), "")
    return Notification.objects.create(
        key=f"{Kind.ACCOUNT}:{uuid.uuid4()}",
        kind=Kind.ACCOUNT,
        email=message.to[0],
        language=get_language() or settings.LANGUAGE_CODE,
        payload={"subject": message.subject, "text": message.body, "html": html},
    )


def row(key, kind, user, payload=None, subscription=None, status=None):
    """One outbox row for `user`; held for the digest when their subscription asks for a weekly one."""
    if status is None:
        weekly = subscription is not None and subscription.frequency == subscription.Frequency.WEEKLY
        status = Status.HELD if weekly else Status.PENDING
    return Notification(
        key=key,
        kind=kind,
        user_id=user.pk,
        email=user.email,
        language=user.preferred_language,
        subscription=subscription,
        payload=payload or {},
        status=status,
    )


def record(kind, user, key, payload=None, subscription=None, status=None):
    """Record one notification for `user`; recording the same key again changes nothing."""
    record_many([row(key, kind, user, payload, subscription, status)])
    return Notification.objects.get(key=key)


def record_many(rows):
    """Record notifications in a few INSERTs whatever their number; keys already recorded are skipped."""
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def backoff(attempts):
    """Minutes to wait after the n-th failed attempt: 1, 4, 16, 64 … capped at a day."""
    return timedelta(minutes=min(4 ** (attempts - 1), 24 * 60))


def claim(notification_id, now):
    """Take one due notification for sending; False when another worker has it or it is not due."""
    return bool(
        Notification.objects.filter(pk=notification_id, status=Status.PENDING, next_attempt_at__lte=now).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def reconcile(now=None):
    """Settle sends whose worker vanished: sent if the provider confirmed them, otherwise due again."""
    now = now or timezone.now()
    stale = Notification.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=settings.NOTIFICATIONS_SEND_LEASE_SECONDS)
    )
    confirmed = stale.filter(provider_confirmed_at__isnull=False).update(status=Status.SENT, sent_at=F("claimed_at"))
    retried = stale.filter(provider_confirmed_at__isnull=True).update(
        status=Status.PENDING, next_attempt_at=now, last_error="The worker stopped during the send; trying again."
    )
    if confirmed or retried:
        logger.warning("Reconciled stale sends: %s confirmed by the provider, %s to retry", confirmed, retried)
    return confirmed, retried


def confirm_by_provider(key, message_id=""):
    """The provider's webhook says it has the message with this key (anymail tracking event)."""
    return Notification.objects.filter(key=key).update(
        provider_confirmed_at=timezone.now(), **({"provider_message_id": message_id} if message_id else {})
    )


def send(notification, now=None):
    """Send one claimed notification; on failure schedule the next attempt or give up."""
    now = now or timezone.now()
    try:
        message = render(notification)
        message.send()
    except (OperationalError, InterfaceError):
        raise  # the database, not the message: the worker reconnects and the lease settles the row
    except Cancelled as reason:
        # Nothing to send any more: the item was unpublished, made private, or the member left.
        Notification.objects.filter(pk=notification.pk).update(status=Status.CANCELLED, last_error=str(reason))
        return Status.CANCELLED
    except Exception as error:
        # A message that cannot be rendered is retried and given up like one the provider refused:
        # one bad row must never stop the worker, or every email behind it.
        attempts = notification.attempts
        gave_up = attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
            status=Status.FAILED if gave_up else Status.PENDING,
            next_attempt_at=now + backoff(attempts),
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        logger.warning(
            "Sending notification %s failed (attempt %s): %s", notification.pk, attempts, error, exc_info=True
        )
        return Status.FAILED if gave_up else Status.PENDING
    status = getattr(message, "anymail_status", None)
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        # A sign-in code has no business in the database once it is on its way.
        **({"payload": {}} if notification.kind == Kind.ACCOUNT else {}),
        status=Status.SENT,
        sent_at=timezone.now(),
        provider_message_id=(getattr(status, "message_id", None) or "")[:200] if status else "",
        last_error="",
    )
    return Status.SENT


def deliver_due(now=None, limit=100):
    """Send what is due, oldest first; returns how many were sent."""
    now = now or timezone.now()
    reconcile(now)
    due = list(
        Notification.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        if not claim(pk, now):
            continue
        notification = Notification.objects.select_related("user", "subscription").get(pk=pk)
        if send(notification, now) == Status.SENT:
            sent += 1
    return sent
