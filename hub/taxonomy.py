"""Shared vocabularies: the Action Tracks, countries, areas of work and regions content is tagged with.

Each is a translatable snippet. Pages link to them with synchronised
many-to-many fields, so a Russian page may point at the English rows; what
identifies a value in every language is its `code` (used in filter URLs) and
templates show the label of the row in the visitor's language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import pagecache


class LocalizedVocabulary(TranslatableMixin, index.Indexed, models.Model):
    """A snippet whose rows share a language-independent `code` across translations."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        allow_unicode=False,
        help_text=_("Short, stable identifier used in links and filters; the same in every language."),
    )

    translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["code"]

    @classmethod
    def labels(cls, codes=None, queryset=None):
        """{code: row} in the active language, falling back to the default language; one query.

        `queryset` lets callers add their own select_related/prefetch_related.
        """
        active, default = get_language(), settings.LANGUAGE_CODE
        rows = (
            (queryset if queryset is not None else cls.objects.all())
            .filter(locale__language_code__in={active, default})
            .select_related("locale")
        )
        if codes is not None:
            rows = rows.filter(code__in=codes)
        found = {}
        for row in rows:
            if row.code not in found or row.locale.language_code == active:
                found[row.code] = row
        return found

    @classmethod
    def kept_labels(cls, request):
        """`labels()` for the whole vocabulary, kept per content version and language: facets and lists read
        labels on every request, and a vocabulary such as the organisations grows with the content."""
        return pagecache.kept_here(request, f"labels:{get_language()}:{cls._meta.label}", cls.labels)


class ActionTrack(LocalizedVocabulary):
    """One of the five Action Tracks of the UN Transforming Education Summit (2022)."""

    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1 to 5, as the Summit numbers them."))
    title = models.CharField(_("title"), max_length=160, help_text=_("The track's name without its number."))

    panels = [FieldPanel("number"), FieldPanel("code"), FieldPanel("title")]
    translatable_fields = LocalizedVocabulary.translatable_fields + [
        SynchronizedField("number"),
        TranslatableField("title"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("locale")]

    class Meta(LocalizedVocabulary.Meta):
        ordering = ["number"]
        verbose_name = _("Action Track")
        verbose_name_plural = _("Action Tracks")

    def __str__(self):
        return _("Action Track %(number)s. %(title)s") % {"number": self.number, "title": self.title}


class NamedVocabulary(LocalizedVocabulary):
    """A vocabulary whose rows are a code and a translatable name."""

    name = models.CharField(_("name"), max_length=120, help_text=_("The name visitors see."))

    panels = [FieldPanel("code"), FieldPanel("name")]
    translatable_fields = LocalizedVocabulary.translatable_fields + [TranslatableField("name")]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(LocalizedVocabulary.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Country(NamedVocabulary):
    """A country where a practice is implemented; `code` is its ISO 3166-1 alpha-2 code in lower case."""

    class Meta(NamedVocabulary.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class AreaOfWork(NamedVocabulary):
    """A component of the CBE transformation an organisation works on: curriculum, assessment, …"""

    class Meta(NamedVocabulary.Meta):
        verbose_name = _("area of work")
        verbose_name_plural = _("areas of work")


class Region(NamedVocabulary):
    """A region of Tajikistan: Dushanbe, Sughd, Khatlon, GBAO or the Districts of Republican Subordination."""

    class Meta(NamedVocabulary.Meta):
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


def offer_vocabulary(form, name, model):
    """Fill an admin form's vocabulary field (`name`, rows of `model`) for the language of the form's object.

    An original offers the rows of its own language. A translation links its
    original's rows (the field is synchronised, and the templates show each
    reader the row of their language by its code), so its form shows those,
    checked and not editable: offered its own language's rows instead, the
    form could not be saved unchanged by a translator.
    """
    field = form.fields.get(name)
    instance = form.instance
    if field is None or not instance.locale_id:
        return
    source = original_locale_id(instance)
    if source in (None, instance.locale_id):
        field.queryset = model.objects.filter(locale_id=instance.locale_id)
    else:
        field.queryset = model.objects.filter(locale_id=source)
        field.disabled = True
        field.help_text = _("As on the original, where it is changed.")


def original_locale_id(instance):
    """The language of the first version written of `instance` (the original), or None if it is not saved yet."""
    versions = type(instance)._default_manager.filter(translation_key=instance.translation_key)
    return versions.order_by("pk").values_list("locale_id", flat=True).first()
