"""The data protection rights a member exercises themselves: a copy of their data, and erasure."""

from django.db import transaction
from django.utils import timezone

from hub.models import BestPracticePage


def export(user):
    """Everything held about `user`, as plain data (the member's copy: GDPR articles 15 and 20)."""
    return {
        "exported_at": timezone.now(),
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": str(user.organisation) if user.organisation_id else None,
            "preferred_language": user.preferred_language,
            "event_emails": user.event_emails,
            "reminder_emails": user.reminder_emails,
            "joined": user.date_joined,
            "roles": list(user.groups.values_list("name", flat=True)),
        },
        "subscriptions": [
            {
                "kind": s.kind,
                "filters": s.filters,
                "frequency": s.frequency,
                "created": s.created_at,
                "confirmed": s.confirmed_at,
            }
            for s in user.subscriptions.all()
        ],
        "event_registrations": [
            {"event": r.event.title, "starts": r.event.start, "status": r.status, "registered": r.created_at}
            for r in user.event_registrations.select_related("event")
        ],
        "submissions": [
            {
                "title": page.title,
                "published": page.live,
                "first_published": page.first_published_at,
                "last_changed": page.latest_revision_created_at,
                "url": page.full_url if page.live else None,
            }
            for page in BestPracticePage.objects.filter(owner=user).order_by("pk")
        ],
        "sign_ins": [
            {"at": s.at, "method": s.method, "provider": s.provider, "ip_address": s.ip_address}
            for s in user.sign_ins.all()
        ],
        "emails": [
            {"kind": n.kind, "status": n.status, "recorded": n.created_at, "sent": n.sent_at}
            for n in user.notifications.all()
        ],
    }


@transaction.atomic
def delete(user):
    """Erase the account and personal data; what the member wrote stays, credited to their organisation.

    Subscriptions, registrations, sign-ins and queued emails go with the
    account (they cascade). Pages they submitted keep their organisations and
    lose their owner (Wagtail sets it to nobody); their organisation is added
    to each page's lead and partner organisations if it was not already named.
    """
    if user.organisation_id:
        through = BestPracticePage.organisations.through
        for page in BestPracticePage.objects.filter(owner=user):
            organisation = user.organisation.get_translation_or_none(page.locale) or user.organisation
            through.objects.get_or_create(bestpracticepage=page, stakeholder=organisation)
    user.delete()
