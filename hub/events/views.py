"""Views behind the events page: upcoming and past events, the month calendar, each event and its follow-up."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import pagecache
from hub.directory.models import Stakeholder
from hub.documents.access import visible_document
from hub.documents.library import related_documents
from hub.pagination import paginate

from . import registrations
from .models import ActionItem, Event

PAGE_SIZE = 20
ORGANISER_CODE = re.compile(r"[-a-zA-Z0-9_]+")  # what the feeds' <slug:code> route accepts
FIRST_YEAR, LAST_YEAR = 2000, 2100
ORGANISER_CHOICES = 20  # the organisers listed as filters


def localized_events():
    """Every event once: in the active language where translated, else in the default language."""
    active, default = get_language(), settings.LANGUAGE_CODE
    if active == default:
        return Event.objects.filter(locale__language_code=active)
    translated = Event.objects.filter(locale__language_code=active).values("translation_key")
    return Event.objects.filter(
        Q(locale__language_code=active) | Q(locale__language_code=default) & ~Q(translation_key__in=translated)
    )


def not_over():
    """Events not yet over; an all-day event lasts until the end of its last day."""
    return Q(end__gte=pagecache.now()) | Q(all_day=True, end__gte=start_of(pagecache.localdate()))


def upcoming(events):
    """Events not yet over, soonest first."""
    return events.filter(not_over()).order_by("start", "pk")


def past(events):
    """Events that are over, latest first."""
    return events.exclude(not_over()).order_by("-start", "-pk")


def start_of(day):
    """Midnight at the start of `day`, Dushanbe time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def by_organiser(events, code):
    through = Event.organisers.through
    return events.filter(pk__in=through.objects.filter(stakeholder__code=code).values("event_id"))


def over_at(event):
    """The first instant `not_over()` no longer holds for `event`."""
    if event.all_day:
        return start_of(timezone.localdate(event.end) + datetime.timedelta(days=1))
    return event.end + datetime.timedelta(microseconds=1)


def first_over(events):
    """When the first of `events` is over, or None for none: until then a list of them that reads the clock
    stays right (for `pagecache.kept_until`)."""
    return min(map(over_at, events), default=None)


def soonest_over(events):
    """When the first of `events` not yet over will be, or None for none: until then which of them are
    upcoming and which past stays as it is. Two rows read, whatever the number of events."""
    firsts = [
        events.filter(not_over(), all_day=flag).order_by("end").only("end", "all_day").first() for flag in (False, True)
    ]
    return first_over(event for event in firsts if event)


def next_events(request, count):
    """The next `count` events with their organisers' names, for the home page.

    Kept until the content changes or the first of them is over: the list changes then and only then, as
    later events start no sooner.
    """

    def find():
        events = summaries(list(upcoming(localized_events()).prefetch_related("organisers")[:count]))
        return first_over(events), events

    return pagecache.kept_until(request, f"upcoming:{get_language()}:{count}", find)


def summaries(events):
    """Attach what hub/events/summary.html shows beyond an event's fields, in the visitor's language: its
    organisers' names (one query for all labels) and its dates as words. Worked out once for a kept list."""
    codes = {organiser.code for event in events for organiser in event.organisers.all()}
    labels = Stakeholder.labels(codes)
    for event in events:
        event.organiser_names = [labels[o.code].short_name for o in event.organisers.all() if o.code in labels]
        event.when = render_to_string("hub/events/when.html", {"event": event})
    return events


@dataclass
class Choice:
    value: str
    label: str
    url: str
    selected: bool


class EventFilters:
    """Type and organiser filters from the query string, shared by the list, the calendar and the feeds' links."""

    def __init__(self, request):
        self.request = request
        self.type = request.GET.get("type", "")
        self.organiser = request.GET.get("organiser", "")
        self.when = "past" if request.GET.get("when") == "past" else ""
        # Like an unknown type, a value that cannot be an organisation's code (codes are slugs: the feed
        # links are built from them) filters nothing.
        if self.type not in Event.Type.values:
            self.type = ""
        if len(self.organiser) > Stakeholder.code.field.max_length or not ORGANISER_CODE.fullmatch(self.organiser):
            self.organiser = ""

    def apply(self, events):
        if self.type:
            events = events.filter(event_type=self.type)
        if self.organiser:
            events = by_organiser(events, self.organiser)
        return events

    @property
    def active(self):
        return bool(self.type or self.organiser)

    def query(self, **changes):
        """The filters as a query string ("?type=…"), with `changes` applied; "" when none is left."""
        values = {"type": self.type, "organiser": self.organiser, "when": self.when, **changes}
        query = QueryDict(mutable=True)
        query.update({key: value for key, value in values.items() if value})
        return f"?{query.urlencode()}" if query else ""

    def url(self, **changes):
        return self.query(**changes) or self.request.path

    def type_choices(self):
        return [
            Choice(value, label, self.url(type=None if value == self.type else value), value == self.type)
            for value, label in Event.Type.choices
        ]

    def organiser_choices(self):
        """The organisers of the most events (and the one selected), A–Z: a choice, not a directory of every
        partner; each organisation's page in the directory lists its own events."""

        def organisers():
            codes = list(
                Event.organisers.through.objects.order_by()
                .values_list("stakeholder__code", flat=True)
                .annotate(events=Count("event", distinct=True))
                .order_by("-events", "stakeholder__code")[:ORGANISER_CHOICES]
            )
            if self.organiser and self.organiser not in codes:
                codes.append(self.organiser)
            labels = sorted(Stakeholder.labels(codes).values(), key=lambda s: s.short_name.casefold())
            return [(s.code, s.short_name) for s in labels]

        return [
            Choice(code, name, self.url(organiser=None if code == self.organiser else code), code == self.organiser)
            for code, name in pagecache.remembered(
                self.request, f"event-organisers:{get_language()}:{self.organiser}", organisers
            )
        ]


def _base_context(request, page, filters, view):
    calendar_url = page.url + page.reverse_subpage("calendar")
    return {
        **page.get_context(request),
        "filters": filters,
        "type_choices": filters.type_choices(),
        "organiser_choices": filters.organiser_choices(),
        "view": view,
        "views": [
            ("upcoming", _("Upcoming"), page.url + filters.query(when=None)),
            ("past", _("Past"), page.url + filters.query(when="past")),
            ("calendar", _("Month calendar"), calendar_url + filters.query(when=None)),
        ],
    }


def listing(request, page):
    filters = EventFilters(request)
    view = filters.when or "upcoming"

    def find():
        events = filters.apply(localized_events())
        ordered = (past if view == "past" else upcoming)(events).prefetch_related("organisers")
        listed = paginate(request, ordered, PAGE_SIZE)
        context = {"events_page": page, "request": request}
        listed.object_list = [
            render_to_string("hub/events/summary.html", {**context, "event": event})
            for event in summaries(list(listed.object_list))
        ]
        return soonest_over(events), listed

    # Kept, as the cards, until the content changes or the next event is over, when it moves from the upcoming to
    # the past ones.
    number = request.GET.get("page", "")[:9]
    name = f"events:{page.pk}:{get_language()}:{filters.query()}:{number}"
    return TemplateResponse(
        request,
        "hub/events/event_index_page.html",
        {
            **_base_context(request, page, filters, view),
            "events": pagecache.kept_until(request, name, find),
        },
    )


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list


def month(request, page, year=None, month=None):
    today = pagecache.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    filters = EventFilters(request)
    filters.when = ""
    first_weekday = int(formats.get_format("FIRST_DAY_OF_WEEK"))
    # Django counts Sunday as 0, the calendar module Monday.
    weeks = calendar.Calendar((first_weekday - 1) % 7).monthdatescalendar(year, month)
    first_shown, last_shown = weeks[0][0], weeks[-1][-1]
    window_start = start_of(first_shown)
    window_end = start_of(last_shown + datetime.timedelta(days=1))

    def find():
        # An all-day event's days are those of its own time zone: a day's margin each side keeps it in the window.
        margin = datetime.timedelta(days=1)
        events = (
            filters.apply(localized_events())
            .filter(start__lt=window_end + margin, end__gte=window_start - margin)
            .only("slug", "title", "start", "end", "all_day", "time_zone", "status")
            .order_by("start", "pk")
        )
        on_day = {}
        for event in events:
            # Worked out once per content version, not once per cell: the grid and the agenda list each event.
            url = page.url + page.reverse_subpage("event", args=[event.slug])
            event.item = render_to_string("hub/events/calendar_item.html", {"event": event, "url": url})
            for day in event.days():
                on_day.setdefault(day, []).append(event)
        in_month = {e.pk for day, listed in on_day.items() if (day.year, day.month) == (year, month) for e in listed}
        return on_day, len(in_month)

    # The month's events show nothing that reads the clock (only "today" does, below): kept until the content
    # changes, per address (a site's pages have their own), language, month and filters.
    on_day, count = pagecache.kept_here(
        request, f"month:{page.url}:{get_language()}:{year}-{month}:{filters.query()}", find
    )
    previous = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    following = datetime.date(year, month, 28) + datetime.timedelta(days=7)
    weekdays = [(first_weekday - 1 + n) % 7 for n in range(7)]

    def month_url(when):
        if not FIRST_YEAR <= when.year <= LAST_YEAR:
            return None
        return page.url + page.reverse_subpage("calendar_month", args=[when.year, when.month]) + filters.query()

    return TemplateResponse(
        request,
        "hub/events/event_calendar.html",
        {
            **_base_context(request, page, filters, "calendar"),
            "today": today,
            "month_name": MONTHS[month],
            "year": year,
            "weekdays": [(WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in weekdays],
            "weeks": [[Day(day, day.month == month, on_day.get(day, [])) for day in week] for week in weeks],
            "count": count,
            "previous_url": month_url(previous),
            "next_url": month_url(following),
            "previous_name": f"{MONTHS[previous.month]} {previous.year}",
            "next_name": f"{MONTHS[following.month]} {following.year}",
        },
    )


def get_event(slug):
    event = localized_events().filter(slug=slug).select_related("minutes").first()
    if event is None:
        raise Http404
    return event


def places_taken(event):
    """Places taken, counted only for an event that has a limit."""
    return registrations.places_taken(event) if event.capacity else 0


def detail(request, page, slug):
    def find():
        event = get_event(slug)  # Http404 goes through: made-up slugs are not kept
        organisers = list(event.organisers.all())
        labels = Stakeholder.labels({o.code for o in organisers})
        # Registrations change the content's version too: the count is kept with the event.
        return event, [labels.get(o.code, o) for o in organisers], places_taken(event)

    # What every reader sees alike, kept until the content changes.
    event, organisers, taken = pagecache.kept_here(request, f"event:{get_language()}:{slug}", find)
    member = request.user.is_authenticated
    registration = registrations.registration_for(event, request.user)
    context = {
        **page.get_context(request),
        "event": event,
        "organisers": organisers,
        # The same rule as the library: a document this reader may not see is not named here.
        "documents": related_documents(
            request, event.documents.all(), name=f"event-documents:{get_language()}:{event.pk}"
        ),
        "minutes": visible_document(request, event.minutes),
        # Members only: never queried, let alone shown, for anonymous visitors.
        "online_url": event.online_url if member else "",
        "action_items": owned_by_labels(event.action_items.select_related("owner")) if member else None,
        "registration": registration,
        "waiting_position": registrations.waiting_position(registration)
        if registration and registration.status == registration.Status.WAITLISTED
        else None,
        "places_taken": taken,
        "full": event.capacity is not None and taken >= event.capacity,
        "accepts_registrations": event.accepts_registrations(),
    }
    response = TemplateResponse(request, "hub/events/event_page.html", context)
    if member:
        response["Cache-Control"] = "private, no-store"
    return response


def places(request, page, slug):
    """The places taken, as the event page says it: what the open page updates itself with (js/site.js)."""
    event = get_event(slug)
    taken = places_taken(event)
    text = render_to_string("hub/events/places.html", {"event": event, "places_taken": taken}, request).strip()
    response = JsonResponse({"taken": taken, "capacity": event.capacity, "text": text})
    response["Cache-Control"] = pagecache.shared_cache_control()  # the same for every reader, signed in or not
    return response


def owned_by_labels(items):
    """Action items with `owner_name` in the visitor's language."""
    items = list(items)
    labels = Stakeholder.labels({item.owner.code for item in items})
    for item in items:
        owner = labels.get(item.owner.code, item.owner)
        item.owner_name, item.owner_code = owner.short_name, owner.code
    return items


def registration(request, page, slug):
    event_url = page.url + page.reverse_subpage("event", args=[slug])
    if request.method != "POST":
        return redirect(event_url)  # a followed or bookmarked form address: the event (or its 404)
    event = get_event(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event_url)
    if request.POST.get("action") == "cancel":
        registrations.cancel(event, request.user)
        messages.success(request, _("Your registration is cancelled."))
        return redirect(event_url)
    try:
        registered = registrations.register(event, request.user)
    except registrations.RegistrationClosed:
        messages.error(request, _("Registration for this event is closed."))
        return redirect(event_url)
    if registered.status == registered.Status.CONFIRMED:
        messages.success(request, _("You are registered for “%(title)s”.") % {"title": event.title})
    else:
        messages.info(
            request,
            _(
                "The event is full: you are number %(position)s on the waiting list. "
                "You will get a place if one frees up."
            )
            % {"position": registrations.waiting_position(registered)},
        )
    return redirect(event_url)


def open_action_items(request, page):
    """Every open action item, soonest due first; members only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    owner = request.GET.get("owner", "")
    items = ActionItem.objects.filter(event__in=localized_events(), status__in=ActionItem.OPEN_STATUSES)
    owners = Stakeholder.labels(set(items.values_list("owner__code", flat=True)))
    if owner:
        items = items.filter(owner__code=owner)
    items = owned_by_labels(items.select_related("event", "owner").order_by("due_date", "pk"))
    return TemplateResponse(
        request,
        "hub/events/action_items.html",
        {
            **page.get_context(request),
            "items": items,
            "owner": owner,
            "owners": sorted(owners.values(), key=lambda s: s.short_name.casefold()),
            "today": pagecache.localdate(),
        },
    )
