"""Coordination events: LEG meetings, working groups, workshops; registrations and the meeting's action items.

An event is a translatable snippet. What it *is* (when, where online, its
status, organisers, capacity, documents) is one fact in every language:
saving any language's version copies those facts to the others at once, so
no reader ever sees an old time, and calendars get one UID and one SEQUENCE.
"""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import cdn, pagecache
from home.models import IntroPage
from hub.directory.models import Stakeholder
from hub.taxonomy import offer_vocabulary
from search.index import STEMMED_FIELDS, Stemmed

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
# Sub-URLs of the events page that an event's slug must not take.
RESERVED_SLUGS = {"calendar", "feed", "action-items", "past"}


class EventIndexPage(RoutablePageMixin, IntroPage):
    """The events of one language: upcoming and past, a month calendar, each event, calendar feeds."""

    template = "hub/events/event_index_page.html"

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events page")

    @path("")
    def listing(self, request):
        from . import views

        return views.listing(request, self)

    @path("calendar/", name="calendar")
    @path("calendar/<int:year>/<int:month>/", name="calendar_month")
    def calendar(self, request, year=None, month=None):
        from . import views

        return views.month(request, self, year, month)

    @path("action-items/", name="action_items")
    def action_items(self, request):
        from . import views

        return views.open_action_items(request, self)

    # Wagtail routes only paths of slash-ended words: no ".ics" in these URLs; the files are named by their headers.
    @path("feed/", name="feed")
    @path("feed/type/<slug:event_type>/", name="type_feed")
    @path("feed/organiser/<slug:organiser>/", name="organiser_feed")
    def feed(self, request, event_type=None, organiser=None):
        from . import calendars

        return calendars.feed(request, self, event_type=event_type, organiser=organiser)

    @path("<slug:slug>/", name="event")
    def event(self, request, slug):
        from . import views

        return views.detail(request, self, slug)

    @path("<slug:slug>/register/", name="register")
    def register(self, request, slug):
        from . import views

        return views.registration(request, self, slug)

    @path("<slug:slug>/places/", name="event_places")
    def event_places(self, request, slug):
        from . import views

        return views.places(request, self, slug)

    @path("<slug:slug>/ical/", name="event_ics")
    def event_ics(self, request, slug):
        from . import calendars

        return calendars.single_event(request, self, slug)


class EventAdminForm(WagtailAdminModelForm):
    """Offers editors the organisations of the event's own language, for organisers and action item owners."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.locale_id:
            return
        offer_vocabulary(self, "organisers", Stakeholder)
        if "documents" in self.fields and self.for_user is not None:
            # Offer what the document chooser would offer this person; links to others stay as they are.
            visible = self.fields["documents"].queryset
            for hook in hooks.get_hooks("construct_document_chooser_queryset"):
                visible = hook(visible, request_as(self.for_user))
            self.fields["documents"].queryset = visible
            self._unseen_documents = (
                list(self.instance.documents.exclude(pk__in=visible.values("pk"))) if self.instance.pk else []
            )
        items = self.formsets.get("action_items")
        if items is not None:
            # An item's owner is a fact of the original's item: a translation's items show it, as organisers above.
            for form in [*items.forms, items.empty_form]:
                form.instance.locale_id = form.instance.locale_id or self.instance.locale_id
                offer_vocabulary(form, "owner", Stakeholder)

    def clean_documents(self):
        return [*self.cleaned_data["documents"], *getattr(self, "_unseen_documents", [])]


def request_as(user):
    """A stand-in request for `user`, for rules that are asked of a request (an admin form has only the user)."""
    request = HttpRequest()
    request.user, request.session = user, {}
    return request


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class SharedFacts:
    """Versions of one thing in several languages (one translation_key) that must state the same `FACTS`.

    The first version written, with the lowest key, is the original: editors
    edit it, and every other version takes its facts from it.
    """

    FACTS = ()

    def original(self):
        return self.versions().order_by("pk").first()

    def versions(self):
        return type(self).objects.filter(translation_key=self.translation_key)

    def follow_original(self):
        """The original; when this version is a translation, its facts are first set from the original's."""
        original = self.original()
        if original is not None and original.pk != self.pk:
            for name in self.FACTS:
                setattr(self, name, getattr(original, name))
        return original


class Event(SharedFacts, TranslatableMixin, Stemmed, index.Indexed, ClusterableModel):
    """A coordination event, from a LEG meeting to a training, with its registrations and follow-up."""

    class Type(models.TextChoices):
        LEG_MEETING = "leg-meeting", _("LEG meeting")
        WORKING_GROUP = "working-group", _("Working group")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. 'LEG meeting: Q1 2027 review'."))
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("The event's address on the events page; the same in every language."),
    )
    event_type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.LEG_MEETING)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_("Postponing or cancelling updates every subscribed calendar."),
    )
    start = models.DateTimeField(_("starts"), help_text=_("In Dushanbe time unless you set another time zone below."))
    end = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Times are ignored: the event takes whole days from start to end.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        help_text=_("Where the event takes place; calendars show it in each reader's own time."),
    )
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_("Place and address, e.g. 'Ministry of Education, Dushanbe'."),
    )
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown to signed-in members only: never on public pages, feeds or in search."),
    )
    organisers = ParentalManyToManyField(Stakeholder, verbose_name=_("organisers"), blank=True, related_name="events")
    description = RichTextField(_("description"), features=TEXT_FEATURES, blank=True, help_text=_("What and why."))
    agenda = RichTextField(_("agenda"), features=TEXT_FEATURES, blank=True, help_text=_("Items in order, with times."))
    documents = ParentalManyToManyField(
        get_document_model_string(),
        verbose_name=_("related documents"),
        blank=True,
        related_name="events",
        help_text=_("Background papers, presentations."),
    )
    minutes = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("After the meeting: the minutes as a document."),
    )
    registration_open = models.BooleanField(
        _("registration open"), default=False, help_text=_("Signed-in members may register until the event starts.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Places available; leave empty for no limit. Later registrations join a waiting list."),
    )
    # RFC 5545 SEQUENCE: raised whenever a calendar must replace its copy (time, place, status).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = EventAdminForm
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldPanel("registration_open"), FieldPanel("capacity")], heading=_("Registration")),
        MultiFieldPanel(
            [
                FieldPanel("documents"),
                FieldPanel("minutes"),
                InlinePanel("action_items", heading=_("Action items"), label=_("Action item")),
            ],
            heading=_("Documents and follow-up"),
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("slug"),
        SynchronizedField("event_type"),
        SynchronizedField("status"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("time_zone"),
        TranslatableField("venue"),
        SynchronizedField("online_url"),
        SynchronizedField("organisers"),
        TranslatableField("description"),
        TranslatableField("agenda"),
        SynchronizedField("documents"),
        SynchronizedField("minutes"),
        SynchronizedField("registration_open"),
        SynchronizedField("capacity"),
        TranslatableField("action_items"),
    ]
    # The online link is for members: deliberately not indexed.
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("agenda"),
        index.SearchField("venue"),
        index.FilterField("locale"),
        index.FilterField("event_type"),
        index.FilterField("start"),
        *STEMMED_FIELDS,
    ]

    # Facts copied to every language at once.
    FACTS = (
        *("start", "end", "all_day", "time_zone", "status", "online_url"),
        *("slug", "event_type", "registration_open", "capacity", "minutes_id", "sequence"),
    )
    # Changes that make calendars replace their copy: a new SEQUENCE (RFC 5545 3.8.7.4).
    RESCHEDULING = ("start", "end", "all_day", "time_zone", "status", "online_url", "venue")

    class Meta(TranslatableMixin.Meta):
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_event_slug_per_locale")]

    def __str__(self):
        return self.title

    def get_cached_urls(self):
        """The event's page, places and calendar file in each of its languages, for a CDN to purge (home.cdn)."""
        languages = Event.objects.filter(translation_key=self.translation_key).values_list("locale_id", flat=True)
        return cdn.routed_urls("event", languages, self.slug, ("", "places/", "ical/"))

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the events page itself; choose another.")
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = _("Choose a time zone from the list.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        original = self.follow_original()
        if original is not None and original.pk != self.pk:
            # A translation states the original's facts, whatever snapshot wagtail-localize built it from.
            super().save(*args, **kwargs)
            original._copy_facts_to([self.pk])
            return
        if original is not None and any(getattr(original, name) != getattr(self, name) for name in self.RESCHEDULING):
            self.sequence = original.sequence + 1
        super().save(*args, **kwargs)
        self._copy_facts_to(list(self.versions().exclude(pk=self.pk).values_list("pk", flat=True)))
        if original is not None and self.capacity != original.capacity:
            from .registrations import fill_free_places

            fill_free_places(self)

    def _copy_facts_to(self, others):
        """Make the other languages' versions state the same facts as this one."""
        if not others:
            return
        Event.objects.filter(pk__in=others).update(
            **{name: getattr(self, name) for name in self.FACTS}, updated_at=timezone.now()
        )
        for relation in ("organisers", "documents"):
            field = getattr(Event, relation).field
            through, target = field.remote_field.through, field.m2m_reverse_field_name()
            chosen = list(through.objects.filter(event_id=self.pk).values_list(target, flat=True))
            through.objects.filter(event_id__in=others).delete()
            rows = [through(event_id=other, **{f"{target}_id": pk}) for other in others for pk in chosen]
            through.objects.bulk_create(rows)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def start_date(self):
        """The first day, in the event's own time zone (all-day events are days, not instants)."""
        return timezone.localtime(self.start, self.zone).date()

    @property
    def end_date(self):
        return timezone.localtime(self.end, self.zone).date()

    def days(self):
        """Every date the event covers, in Dushanbe time: the calendar view puts it on each."""
        if self.all_day:
            first, last = self.start_date, self.end_date
        else:
            first, last = timezone.localtime(self.start).date(), timezone.localtime(self.end).date()
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def is_past(self):
        if self.all_day:
            return self.end_date < timezone.localtime(pagecache.now(), self.zone).date()
        return self.end < pagecache.now()

    @property
    def shows_other_time_zone(self):
        return not self.all_day and self.time_zone != settings.TIME_ZONE

    @property
    def calendar_uid(self):
        """One UID for every language's version, so a calendar holds the event once and can update it."""
        return f"{self.translation_key}@leg.tj"

    def accepts_registrations(self):
        return self.registration_open and self.status == self.Status.SCHEDULED and pagecache.now() < self.start


class ActionItem(SharedFacts, TranslatableMixin, Orderable):
    """Something a meeting decided, owned by one organisation, due on a date, followed until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in-progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="action_items")
    description = models.TextField(_("action"), help_text=_("What is to be done, in one or two sentences."))
    owner = models.ForeignKey(
        Stakeholder,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="action_items",
        help_text=_("The organisation responsible."),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date"), FieldPanel("status")]),
    ]
    translatable_fields = [
        TranslatableField("description"),
        SynchronizedField("owner"),
        SynchronizedField("due_date"),
        SynchronizedField("status"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.description

    FACTS = ("owner_id", "due_date", "status")

    def save(self, *args, **kwargs):
        original = self.follow_original()
        super().save(*args, **kwargs)
        if original is None or original.pk == self.pk:
            self.versions().exclude(pk=self.pk).update(**{name: getattr(self, name) for name in self.FACTS})

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < pagecache.localdate()


class EventRegistration(models.Model):
    """A member's place at an event, or on its waiting list. One per member and event, in any language."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member")]

    def __str__(self):
        return f"{self.user} · {self.event} · {self.get_status_display()}"

    def get_cached_urls(self):
        return self.event.get_cached_urls()  # the places taken
