from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin


class KeywordBase(TranslatableMixin, Orderable):
    """A keyword on a page, translated with the page by wagtail-localize.

    Keywords are child rows rather than taggit tags because a tag is one row
    shared by every language: a Russian page would show English keywords.
    Each language's keyword gets its own slug for keyword filter URLs.
    """

    name = models.CharField(_("keyword"), max_length=80, help_text=_("A word or short phrase."))
    slug = models.SlugField(max_length=100, allow_unicode=True, editable=False, db_index=True)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def save(self, *args, **kwargs):
        self.slug = slugify(self.name, allow_unicode=True)[:100]
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name
