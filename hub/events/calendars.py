"""iCalendar (RFC 5545) for events: a file per event and subscribable feeds.

Every language's version of an event has the same UID and SEQUENCE, so a
calendar that subscribes to a feed, or imports a file twice, holds the event
once and replaces it when the time, place or status changes. Cancelled and
postponed events stay in the feeds with their STATUS so calendars update them.
"""

import datetime
from html import unescape

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, vDuration
from icalendar import Event as VEvent

from home import pagecache
from hub.directory.models import Stakeholder

from .models import Event
from .views import by_organiser, get_event, localized_events

# How far back a feed reaches: enough for calendars to receive late changes and minutes.
FEED_HISTORY = datetime.timedelta(days=180)
FEED_REFRESH = datetime.timedelta(hours=6)
FEED_CACHE_SECONDS = 3600
# VTIMEZONE rules from this date on: the events' years, not the whole history of the zone.
ZONE_RULES_FROM = datetime.date(2000, 1, 1)
STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


def plain(html):
    return unescape(strip_tags(html.replace("</p>", "</p>\n\n").replace("</li>", "</li>\n"))).strip()


def vevent(event, url, online_url=""):
    item = VEvent()
    item.add("uid", event.calendar_uid)
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("created", event.created_at.astimezone(datetime.UTC))
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("sequence", event.sequence)
    item.add("status", STATUS[event.status])
    summary = event.title
    if event.status == Event.Status.POSTPONED:
        summary = _("Postponed: %(title)s") % {"title": event.title}
    item.add("summary", summary)
    if event.all_day:
        # DTEND of a date is exclusive: the day after the last day.
        item.add("dtstart", event.start_date)
        item.add("dtend", event.end_date + datetime.timedelta(days=1))
    else:
        item.add("dtstart", timezone.localtime(event.start, event.zone))
        item.add("dtend", timezone.localtime(event.end, event.zone))
    if event.venue:
        item.add("location", event.venue)
    item.add("url", url)
    item.add("categories", [str(event.get_event_type_display())])
    description = [plain(event.description), plain(event.agenda)]
    if online_url:
        description.append(_("Online: %(url)s") % {"url": online_url})
    description.append(url)
    item.add("description", "\n\n".join(part for part in description if part))
    return item


def calendar(name, items):
    cal = Calendar()
    cal.add("prodid", "-//LEG.TJ//Coordination events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(FEED_REFRESH))
    for item in items:
        cal.add_component(item)
    cal.add_missing_timezones(first_date=ZONE_RULES_FROM)
    return cal


def ics_response(body, filename, private=False):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else f"public, max-age={FEED_CACHE_SECONDS}"
    return response


def event_url(request, page, slug):
    return request.build_absolute_uri(page.url + page.reverse_subpage("event", args=[slug]))


def feed(request, page, event_type=None, organiser=None):
    """All events, or one type's, or one organiser's: public facts only, whoever asks."""
    events = localized_events()
    name = _("LEG.TJ events")
    filename = "leg-tj-events.ics"
    if event_type is not None:
        if event_type not in Event.Type.values:
            raise Http404
        events = events.filter(event_type=event_type)
        name = f"LEG.TJ: {Event.Type(event_type).label}"
        filename = f"leg-tj-{event_type}.ics"
    if organiser is not None:
        label = Stakeholder.labels([organiser]).get(organiser)
        if label is None:
            raise Http404
        events = by_organiser(events, organiser)
        name = f"LEG.TJ: {label.short_name}"
        filename = f"leg-tj-{organiser}.ics"

    def build():
        listed = list(events.filter(end__gte=pagecache.now() - FEED_HISTORY).order_by("start", "pk"))
        items = [vevent(event, event_url(request, page, event.slug)) for event in listed]
        # Time only takes events out of the feed, each FEED_HISTORY after its end: the first to go is the
        # earliest ending one. Anything else that changes the feed changes the content's version.
        first_out = min((event.end for event in listed), default=None)
        return first_out and first_out + FEED_HISTORY, calendar(name, items).to_ical()

    # Thousands of events take a second to write out: kept, not written again each minute a kept page lasts.
    kept = f"feed:{page.pk}:{request.scheme}://{request.get_host()}:{get_language()}:{event_type}:{organiser}"
    return ics_response(pagecache.kept_until(request, kept, build), filename)


def single_event(request, page, slug):
    """One event to add to a calendar; a signed-in member's copy carries the online meeting link."""
    event = get_event(slug)
    member = request.user.is_authenticated
    item = vevent(event, event_url(request, page, slug), online_url=event.online_url if member else "")
    return ics_response(calendar(event.title, [item]).to_ical(), f"{slug}.ics", private=member)
