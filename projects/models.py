"""The projects registry: the donor-financed education projects the LEG coordinates.

A project is a translatable snippet. Its title, description and progress notes
are translated; its figures and codes are synchronised, and every public view
reads them from the source-language row, so they can never differ between
languages. What an IATI import brings is marked `imported`: a later import
replaces only that, never what editors added (areas of work, links, notes).
"""

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import cdn
from home.models import IntroPage
from hub.directory.models import Stakeholder
from hub.taxonomy import AreaOfWork, Region

CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("Use the three-letter ISO 4217 code, e.g. USD, EUR, TJS."))
MONEY = {"max_digits": 16, "decimal_places": 2}


class ExchangeRate(models.Model):
    """What one unit of a currency was worth in US dollars on a day: how registry amounts become comparable."""

    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY])
    date = models.DateField(_("date"))
    usd = models.DecimalField(
        _("US dollars per unit"), max_digits=16, decimal_places=8, validators=[MinValueValidator(Decimal(0))]
    )

    panels = [FieldRowPanel([FieldPanel("currency"), FieldPanel("date"), FieldPanel("usd")])]

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["currency", "date"], name="one_rate_per_currency_and_day")]

    def __str__(self):
        return f"{self.currency} {self.date:%Y-%m-%d}: {self.usd} USD"


class Project(TranslatableMixin, index.Indexed, ClusterableModel):
    """One donor-financed project in the education sector of Tajikistan."""

    class Status(models.TextChoices):
        # IATI's ActivityStatus codelist.
        PIPELINE = "1", _("Pipeline")
        ACTIVE = "2", _("Active")
        FINALISATION = "3", _("Finalisation")
        COMPLETED = "4", _("Completed")
        CANCELLED = "5", _("Cancelled")
        SUSPENDED = "6", _("Suspended")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("The project's address on the site; the same in every language.")
    )
    description = models.TextField(_("description"), blank=True)
    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        blank=True,
        help_text=_("The activity's identifier in the IATI Registry, e.g. 44000-P123456. Imports match on it."),
    )
    status = models.CharField(_("status"), max_length=1, choices=Status.choices, default=Status.ACTIVE)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    budget = models.DecimalField(_("total budget"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="USD", validators=[CURRENCY])
    budget_usd = models.DecimalField(_("total budget in US dollars"), null=True, blank=True, **MONEY)
    usd_rate = models.DecimalField(
        _("rate used"), max_digits=16, decimal_places=8, null=True, blank=True, help_text=_("US dollars per unit.")
    )
    usd_rate_date = models.DateField(_("rate of"), null=True, blank=True)
    areas_of_work = ParentalManyToManyField(
        AreaOfWork, verbose_name=_("CBE components"), blank=True, related_name="projects"
    )
    regions = ParentalManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="projects")
    district = models.CharField(_("district"), max_length=120, blank=True)
    sectors = models.CharField(
        _("DAC sectors"), max_length=250, blank=True, help_text=_("DAC purpose codes, separated by spaces.")
    )
    documents = ParentalManyToManyField(
        "hub.HubDocument", verbose_name=_("documents"), blank=True, related_name="projects"
    )
    events = ParentalManyToManyField("hub.Event", verbose_name=_("events"), blank=True, related_name="projects")
    best_practices = ParentalManyToManyField(
        "hub.BestPracticePage", verbose_name=_("best practices"), blank=True, related_name="projects"
    )
    # What the last import read, to tell an unchanged activity from an updated one.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("iati_identifier"), FieldPanel("status"), FieldPanel("sectors")], heading=_("Identity")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("budget"), FieldPanel("currency")]),
                FieldRowPanel([FieldPanel("budget_usd"), FieldPanel("usd_rate"), FieldPanel("usd_rate_date")]),
            ],
            heading=_("Budget"),
            help_text=_("Leave the US dollar amount empty to have it computed from the exchange rates."),
        ),
        InlinePanel("participants", heading=_("Organisations"), label=_("Organisation")),
        InlinePanel("finances", heading=_("Money by year"), label=_("Amount")),
        FieldPanel("areas_of_work", widget=forms.CheckboxSelectMultiple),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("district"),
        InlinePanel("progress_notes", heading=_("Results and progress"), label=_("Note")),
        MultiFieldPanel(
            [FieldPanel("documents"), FieldPanel("events"), FieldPanel("best_practices")], heading=_("Linked content")
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("slug"),
        TranslatableField("description"),
        SynchronizedField("iati_identifier"),
        SynchronizedField("status"),
        SynchronizedField("planned_start"),
        SynchronizedField("planned_end"),
        SynchronizedField("actual_start"),
        SynchronizedField("actual_end"),
        SynchronizedField("budget"),
        SynchronizedField("currency"),
        SynchronizedField("budget_usd"),
        SynchronizedField("usd_rate"),
        SynchronizedField("usd_rate_date"),
        SynchronizedField("areas_of_work"),
        SynchronizedField("regions"),
        SynchronizedField("district"),
        SynchronizedField("sectors"),
        SynchronizedField("documents"),
        SynchronizedField("events"),
        SynchronizedField("best_practices"),
        SynchronizedField("participants"),
        SynchronizedField("finances"),
        TranslatableField("progress_notes"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("iati_identifier"),
        index.FilterField("locale"),
        index.FilterField("status"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="one_project_slug_per_language"),
            models.UniqueConstraint(
                fields=["iati_identifier", "locale"],
                condition=~models.Q(iati_identifier=""),
                name="one_iati_activity_per_language",
            ),
        ]

    def __str__(self):
        return self.title

    def get_cached_urls(self):
        """The project's pages, for a CDN to purge (home.cdn): every language shows the source's figures."""
        return cdn.routed_urls("project", Locale.objects.values_list("pk", flat=True), self.slug)

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end

    def years(self):
        """The calendar years the project runs in, or None when its dates are unknown."""
        if not self.start:
            return None
        end = self.end or datetime.date(max(self.start.year, timezone.localdate().year), 12, 31)
        return range(self.start.year, max(end.year, self.start.year) + 1)


class Participant(Orderable):
    """An organisation in a project: a directory stakeholder when it is one, else the name IATI gives."""

    class Role(models.TextChoices):
        # IATI's OrganisationRole codelist.
        FUNDING = "1", _("Donor")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing partner")

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="participants")
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(
        _("name"), max_length=250, blank=True, help_text=_("As the source names it, when it is not in the directory.")
    )
    iati_ref = models.CharField(_("IATI organisation identifier"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=1, choices=Role.choices, default=Role.FUNDING)
    imported = models.BooleanField(default=False, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("stakeholder"), FieldPanel("role")]),
        FieldPanel("name"),
        FieldPanel("iati_ref"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation")

    def __str__(self):
        return str(self.stakeholder or self.name)


class Finance(Orderable):
    """An amount in a year: the budget, a commitment, a disbursement or an expenditure."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Budget")
        COMMITMENT = "commitment", _("Commitment")
        DISBURSEMENT = "disbursement", _("Disbursement")
        EXPENDITURE = "expenditure", _("Expenditure")

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="finances")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="USD", validators=[CURRENCY])
    amount_usd = models.DecimalField(_("in US dollars"), null=True, blank=True, **MONEY)
    imported = models.BooleanField(default=False, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency"), FieldPanel("amount_usd")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("amount")


class ProgressNote(TranslatableMixin, Orderable):
    """A dated result or step of progress, in the editors' words."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="progress_notes")
    date = models.DateField(_("date"))
    text = models.TextField(_("note"))

    panels = [FieldPanel("date"), FieldPanel("text")]
    translatable_fields = [SynchronizedField("date"), TranslatableField("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-date"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")


class ImportRun(models.Model):
    """One IATI file's import: its progress while it runs and its report afterwards."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Refused")

    file_name = models.CharField(_("file"), max_length=255)
    source = models.BinaryField(editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("IATI import")
        verbose_name_plural = _("IATI imports")

    def __str__(self):
        return self.file_name


class ProjectsPage(RoutablePageMixin, IntroPage):
    """The projects registry: the list with filters and totals, who does what where, each project, open data."""

    template = "projects/projects_page.html"

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("projects registry")

    @path("")
    def listing(self, request):
        from .views import listing

        return listing(request, self)

    @path("who-does-what-where/", name="matrix")
    def matrix(self, request):
        from .views import matrix

        return matrix(request, self)

    @path("data/csv/", name="csv")
    def csv(self, request):
        from .open_data import csv_view

        return csv_view(request, self)

    @path("data/json/", name="json")
    def json(self, request):
        from .open_data import json_view

        return json_view(request, self)

    @path("<slug:slug>/", name="project")
    def project(self, request, slug):
        from .views import project

        return project(request, self, slug)


class ProposedUpdate(models.Model):
    """A progress note a member of one of a project's organisations proposes; a moderator accepts or declines it.

    Accepted, it becomes a progress note of the source-language project, which
    translators then translate like any other: a member's Russian text is kept
    as written, in the note, until they do.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposed_updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Stakeholder, null=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    date = models.DateField(_("date"), help_text=_("When it happened."))
    text = models.TextField(_("what happened"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("moderator's comment"), blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed update")
        verbose_name_plural = _("proposed updates")

    def __str__(self):
        return f"{self.project}: {self.text[:60]}"
