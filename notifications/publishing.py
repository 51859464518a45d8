"""Who hears about what: publications to subscribers who may see them, event changes to those registered.

Everything here only records rows in the outbox, in a number of queries that
does not grow with the number of recipients (one per distinct filtered view
subscribed to, plus one INSERT for all the rows). Sending is the
worker's job (`manage.py send_notifications`), never a web request's.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Page

from .models import Notification, Subscription
from .outbox import record, record_many, row

Kind, Status = Notification.Kind, Notification.Status
EVENT_REMINDER_BEFORE = datetime.timedelta(hours=24)
ACTION_REMINDER_DAYS = 3


def filter_class(kind):
    from hub.best_practices.filters import BestPracticeFilter
    from hub.documents.library import DocumentFilter
    from projects.registry import ProjectFilter

    return {
        Subscription.Kind.BEST_PRACTICES: BestPracticeFilter,
        Subscription.Kind.DOCUMENTS: DocumentFilter,
        Subscription.Kind.PROJECTS: ProjectFilter,
    }.get(kind)


def normalise_filters(kind, query):
    """The filters of a listing's query string that its subscription can follow, in a stable order."""
    filters = filter_class(kind)
    if filters is None:
        return ""
    selected = filters(None, query).selected
    encoded = QueryDict(mutable=True)
    for param in sorted(selected):
        encoded[param] = selected[param]
    return encoded.urlencode()


def matches(kind, item, filters):
    """Would `item` appear in the filtered view `filters`? Answered by the listing's own filter code."""
    if not filters:
        return True
    return filter_class(kind)(type(item).objects.filter(pk=item.pk), QueryDict(filters)).filtered().exists()


def notify_subscribers(item, kind, ident, audience, email_kind=Kind.PUBLICATION, payload=None):
    """Record an email for each confirmed subscriber of `kind` whose view shows `item` and who may see it."""
    users = get_user_model().objects.filter(audience, is_active=True)
    subscriptions = (
        Subscription.objects.filter(kind=kind, confirmed_at__isnull=False, user__in=users.values("pk"))
        .select_related("user")
        .order_by("frequency", "pk")  # "immediate" before "weekly": the quicker wish wins
    )
    payload = payload or {
        "model": "wagtailcore.page" if isinstance(item, Page) else item._meta.label_lower,
        "pk": item.pk,
    }
    verdicts, rows, seen = {}, [], set()
    for subscription in subscriptions:
        if subscription.user_id in seen:
            continue
        if subscription.filters not in verdicts:
            verdicts[subscription.filters] = matches(kind, item, subscription.filters)
        if not verdicts[subscription.filters]:
            continue
        seen.add(subscription.user_id)
        key = f"{email_kind}:{ident}:{subscription.user_id}"
        rows.append(row(key, email_kind, subscription.user, payload, subscription))
    record_many(rows)
    return len(rows)


# The pages whose publication is announced, and to whom.
PAGE_KINDS = {"hub.newspage": Subscription.Kind.NEWS, "hub.bestpracticepage": Subscription.Kind.BEST_PRACTICES}


def page_published(sender, instance, **kwargs):
    from hub.documents.access import page_audience

    kind = PAGE_KINDS[sender._meta.label_lower]
    # One email per item whatever the languages it is published in: the key names the translation group.
    ident = f"page:{instance.translation_key}"
    transaction.on_commit(lambda: notify_subscribers(instance, kind, ident, page_audience(instance)))


def document_saved(sender, instance, created, **kwargs):
    if not created:
        return
    from hub.documents.access import document_audience

    transaction.on_commit(
        lambda: notify_subscribers(
            instance, Subscription.Kind.DOCUMENTS, f"document:{instance.pk}", document_audience(instance)
        )
    )


def project_saved(sender, instance, created, **kwargs):
    # A new project in the registry (its source-language row: translations are the same project).
    if not created or instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    from hub.documents.access import EVERYONE

    transaction.on_commit(
        lambda: notify_subscribers(
            instance, Subscription.Kind.PROJECTS, f"project:{instance.translation_key}", EVERYONE
        )
    )


def event_saved(sender, instance, created, **kwargs):
    original = instance.original()
    if original is None or original.pk != instance.pk:
        return  # translations state the original's facts; the original speaks for them
    transaction.on_commit(lambda: notify_event(instance, created))


def notify_event(event, created):
    from hub.models import Event, EventRegistration

    if created:
        from hub.documents.access import EVERYONE

        payload = {"event": event.pk, "change": "created"}
        notify_subscribers(
            event, Subscription.Kind.EVENTS, f"new:{event.translation_key}", EVERYONE, Kind.EVENT, payload
        )
        return
    if event.sequence == 0:
        return  # nothing a calendar or a participant needs to know has changed
    change = {Event.Status.CANCELLED: "cancelled", Event.Status.POSTPONED: "postponed"}.get(event.status, "changed")
    registrations = EventRegistration.objects.filter(
        event=event, user__is_active=True, user__event_emails=True
    ).select_related("user")
    payload = {"event": event.pk, "change": change}
    key = f"event:{event.translation_key}:{event.sequence}"
    record_many([row(f"{key}:{r.user_id}", Kind.EVENT, r.user, payload) for r in registrations])


def record_reminders(now=None):
    """Reminders due now: events starting within a day, open action items due within three days."""
    from hub.models import ActionItem, Event, EventRegistration

    now = now or timezone.now()
    registrations = EventRegistration.objects.filter(
        status=EventRegistration.Status.CONFIRMED,
        event__status=Event.Status.SCHEDULED,
        event__start__gt=now,
        event__start__lte=now + EVENT_REMINDER_BEFORE,
        user__is_active=True,
        user__event_emails=True,
    ).select_related("user", "event")
    rows = [
        row(
            f"event-reminder:{r.event.translation_key}:{r.event.start.isoformat()}:{r.user_id}",
            Kind.EVENT_REMINDER,
            r.user,
            {"event": r.event_id},
        )
        for r in registrations
    ]
    today = timezone.localdate(now)
    items = ActionItem.objects.filter(
        status__in=ActionItem.OPEN_STATUSES,
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=ACTION_REMINDER_DAYS),
    ).select_related("owner")
    originals = {}
    for item in items.order_by("pk"):
        originals.setdefault(item.translation_key, item)
    owners = {item.owner.translation_key for item in originals.values()}
    members = defaultdict(list)
    for member in (
        get_user_model()
        .objects.filter(is_active=True, reminder_emails=True, organisation__translation_key__in=owners)
        .select_related("organisation")
    ):
        members[member.organisation.translation_key].append(member)
    for item in originals.values():
        for member in members[item.owner.translation_key]:
            key = f"action-reminder:{item.translation_key}:{item.due_date.isoformat()}:{member.pk}"
            rows.append(row(key, Kind.ACTION_REMINDER, member, {"item": item.pk}))
    record_many(rows)


def record_digests(now=None):
    """Gather each member's held items from before this week into one weekly digest (Mondays, Dushanbe time)."""
    now = timezone.localtime(now or timezone.now())
    week_start = datetime.datetime.combine(now.date() - datetime.timedelta(days=now.weekday()), datetime.time.min)
    week_start = timezone.make_aware(week_start)
    held = Notification.objects.filter(status=Status.HELD, created_at__lt=week_start).exclude(kind=Kind.DIGEST)
    user_ids = set(held.values_list("user_id", flat=True).distinct())
    users = get_user_model().objects.in_bulk(user_ids)
    for user_id, user in users.items():
        with transaction.atomic():
            # Not due until its items are attached: the worker must not send an empty digest.
            key = f"digest:{user_id}:{week_start.date().isoformat()}"
            digest = record(Kind.DIGEST, user, key, status=Status.HELD)
            held.filter(user_id=user_id).update(status=Status.DIGESTED, digest=digest)
            Notification.objects.filter(pk=digest.pk, status=Status.HELD).update(status=Status.PENDING)
