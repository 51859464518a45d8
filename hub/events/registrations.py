"""Registering members for events: places up to the capacity, then a waiting list in order of arrival.

Every change takes a lock on the event's original version first (a row lock
on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), so two
members asking for the last place at the same moment cannot both get it.
"""

from django.db import transaction

from home import pagecache

from .models import Event, EventRegistration

CONFIRMED, WAITLISTED = EventRegistration.Status.CONFIRMED, EventRegistration.Status.WAITLISTED


class RegistrationClosed(Exception):
    """The event no longer takes registrations: past, cancelled, postponed or closed by editors."""


def _locked_original(event):
    return Event.objects.select_for_update().filter(translation_key=event.translation_key).order_by("pk").first()


def registration_for(event, user):
    """The member's registration for `event` in any language, or None."""
    if not user.is_authenticated:
        return None
    return EventRegistration.objects.filter(event__translation_key=event.translation_key, user=user).first()


def waiting_position(registration):
    """1 for the first on the waiting list."""
    return (
        EventRegistration.objects.filter(
            event_id=registration.event_id, status=WAITLISTED, pk__lt=registration.pk
        ).count()
        + 1
    )


def places_taken(event):
    return EventRegistration.objects.filter(event__translation_key=event.translation_key, status=CONFIRMED).count()


def register(event, user):
    """A place for `user`, or a place on the waiting list when the event is full; the same one if asked twice."""
    with transaction.atomic():
        original = _locked_original(event)
        existing = EventRegistration.objects.filter(event=original, user=user).first()
        if existing:
            return existing
        if not original.accepts_registrations():
            raise RegistrationClosed
        taken = original.registrations.filter(status=CONFIRMED).count()
        full = original.capacity is not None and taken >= original.capacity
        return EventRegistration.objects.create(event=original, user=user, status=WAITLISTED if full else CONFIRMED)


def cancel(event, user):
    """Give up a place or leave the waiting list; a freed place goes to the first on the waiting list."""
    with transaction.atomic():
        original = _locked_original(event)
        registration = EventRegistration.objects.filter(event=original, user=user).first()
        if registration is None:
            return []
        registration.delete()
        return fill_free_places(original)


def fill_free_places(original):
    """Move members from the waiting list into free places, first come first served; returns who moved."""
    waiting = original.registrations.filter(status=WAITLISTED).order_by("pk")
    if original.capacity is not None:
        free = original.capacity - original.registrations.filter(status=CONFIRMED).count()
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    EventRegistration.objects.filter(pk__in=[r.pk for r in promoted]).update(status=CONFIRMED)
    pagecache.changed(original)  # an update() sends no signal; the places left on the event pages have changed
    return promoted
