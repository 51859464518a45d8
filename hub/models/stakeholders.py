from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .taxonomy import LocalizedVocabulary


class Stakeholder(LocalizedVocabulary):
    """An organisation in the education sector: a development partner, ministry, agency or NGO.

    Best practices and news name the organisations behind them; the
    stakeholder directory builds on this model.
    """

    name = models.CharField(_("name"), max_length=200, help_text=_("Full name, e.g. 'European Union Delegation'."))
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("e.g. EU, GPE, MoES."))
    website = models.URLField(_("website"), blank=True, help_text=_("Home page of the organisation."))

    panels = [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("code"), FieldPanel("website")]
    translatable_fields = LocalizedVocabulary.translatable_fields + [
        TranslatableField("name"),
        TranslatableField("acronym"),
        SynchronizedField("website"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=3),
        index.FilterField("locale"),
    ]

    class Meta(LocalizedVocabulary.Meta):
        ordering = ["name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        return self.acronym or self.name
