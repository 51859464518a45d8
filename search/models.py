from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH


class UnansweredQuery(models.Model):
    """What readers searched for and did not find, by language and day: what the site is missing.

    Wagtail's own query log (`search_promotions.Query`) counts every search
    but neither its language nor whether it found anything.
    """

    query_string = models.CharField(_("search terms"), max_length=MAX_QUERY_STRING_LENGTH)
    language = models.CharField(_("language"), max_length=8)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["query_string", "language", "date"], name="unique_unanswered_query_day")
        ]

    def __str__(self):
        return self.query_string
