"""The directory's records: organisations and their focal points (people, shown to members only)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import cdn
from hub.taxonomy import AreaOfWork, LocalizedVocabulary, Region
from search.index import STEMMED_FIELDS, Stemmed


class Stakeholder(Stemmed, LocalizedVocabulary, ClusterableModel):
    """An organisation in the education sector: a development partner, ministry, agency or NGO.

    Best practices, news and events name the organisations behind them; the
    directory shows each with what is linked to it.
    """

    class Category(models.TextChoices):
        MULTILATERAL_BANK = "multilateral-bank", _("Multilateral bank")
        UN_AGENCY = "un-agency", _("UN agency")
        BILATERAL_DONOR = "bilateral-donor", _("Bilateral donor")
        GOVERNMENT = "government", _("Government body")
        NGO = "ngo", _("NGO or civil society organisation")
        IMPLEMENTING_PARTNER = "implementing-partner", _("Implementing partner")
        ACADEMIC = "academic", _("Academic institution")
        GLOBAL_FUND = "global-fund", _("Global fund or partnership")
        PRIVATE = "private", _("Private sector")

    name = models.CharField(_("name"), max_length=200, help_text=_("Full name, e.g. 'European Union Delegation'."))
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("e.g. EU, GPE, MoES."))
    category = models.CharField(
        _("category"), max_length=30, choices=Category.choices, blank=True, help_text=_("What kind of organisation.")
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the organisation's page; SVG or PNG on a transparent background."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Home page of the organisation."))
    email = models.EmailField(
        _("public contact email"), blank=True, help_text=_("A general address anyone may see, e.g. info@…")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Two or three sentences on its role."))
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        blank=True,
        help_text=_("As in the IATI Registry, e.g. 44000 for the World Bank: project imports match on it."),
    )
    areas_of_work = ParentalManyToManyField(
        AreaOfWork, verbose_name=_("areas of work"), blank=True, related_name="stakeholders"
    )
    regions = ParentalManyToManyField(
        Region,
        verbose_name=_("regions"),
        blank=True,
        related_name="stakeholders",
        help_text=_("Regions of Tajikistan where it works."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("code"),
        FieldPanel("category"),
        FieldPanel("iati_identifier"),
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("email")], heading=_("Public contact")),
        FieldPanel("areas_of_work", widget=forms.CheckboxSelectMultiple),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "focal_points",
            heading=_("Focal points"),
            label=_("Focal point"),
            help_text=_("People to contact. Personal data: shown to signed-in members only."),
        ),
    ]
    translatable_fields = LocalizedVocabulary.translatable_fields + [
        TranslatableField("name"),
        TranslatableField("acronym"),
        SynchronizedField("category"),
        SynchronizedField("iati_identifier"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        TranslatableField("description"),
        SynchronizedField("areas_of_work"),
        SynchronizedField("regions"),
        TranslatableField("focal_points"),
    ]
    # Focal points are personal data: deliberately not indexed.
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("acronym"),
        index.SearchField("description"),
        index.FilterField("locale"),
        index.FilterField("category"),
        *STEMMED_FIELDS,
    ]

    class Meta(LocalizedVocabulary.Meta):
        ordering = ["name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self):
        return self.name

    def get_cached_urls(self):
        """The organisation's page, for a CDN to purge (home.cdn)."""
        return cdn.routed_urls("stakeholder", [self.locale_id], self.code)

    @property
    def short_name(self):
        return self.acronym or self.name


class FocalPoint(TranslatableMixin, Orderable):
    """A contact person at a stakeholder. Personal data: only signed-in members ever see it."""

    stakeholder = ParentalKey(Stakeholder, on_delete=models.CASCADE, related_name="focal_points")
    name = models.CharField(_("name"), max_length=160, help_text=_("The person's full name."))
    role = models.CharField(_("role"), max_length=160, blank=True, help_text=_("e.g. 'Education Officer'."))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("With the country code, e.g. +992 …"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return self.name
