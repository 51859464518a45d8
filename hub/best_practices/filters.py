"""Faceted filtering of the best-practice collection: by Action Track number, country code, organisation
code and keyword slug (hub.filters builds the links)."""

from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from hub.directory.models import Stakeholder
from hub.filters import LinkFilters
from hub.taxonomy import ActionTrack, Country

from .models import BestPracticeKeyword, BestPracticePage

KEYWORD_FACET_SIZE = 20


@dataclass(frozen=True)
class VocabularyFacet:
    """A facet over one of the page's many-to-many links to a vocabulary snippet."""

    param: str
    label: str
    field_name: str
    model: type
    limit: int | None = None

    def restrict(self, pages, value):
        return pages.filter(pk__in=BestPracticePage.objects.filter(**{f"{self.field_name}__code": value}).values("pk"))

    def counts(self, pages):
        relation = BestPracticePage._meta.get_field(self.field_name)
        page_field = relation.m2m_field_name()
        target_field = relation.m2m_reverse_field_name()
        rows = (
            relation.remote_field.through.objects.filter(**{f"{page_field}__in": pages.values("pk")})
            .order_by()
            .values(f"{target_field}__code")
            .annotate(count=Count(page_field, distinct=True))
            .values_list(f"{target_field}__code", "count")
        )
        return dict(rows)


@dataclass(frozen=True)
class KeywordFacet:
    param: str
    label: str
    limit: int = KEYWORD_FACET_SIZE

    def restrict(self, pages, value):
        return pages.filter(pk__in=BestPracticeKeyword.objects.filter(slug=value).values("page_id"))

    def counts(self, pages, selected=None):
        rows = (
            BestPracticeKeyword.objects.filter(page__in=pages.values("pk"))
            .values("slug")
            .annotate(count=Count("page", distinct=True), name=Min("name"))
            .order_by("-count", "slug")
        )
        top = list(rows[: self.limit])
        if selected and selected not in {row["slug"] for row in top}:
            top += list(rows.filter(slug=selected))
        return top


FACETS = [
    VocabularyFacet("track", _("Action Track"), "action_tracks", ActionTrack),
    VocabularyFacet("country", _("Country"), "countries", Country),
    VocabularyFacet("organisation", _("Organisation"), "organisations", Stakeholder),
    KeywordFacet("keyword", _("Keyword")),
]
VOCABULARIES = [facet for facet in FACETS if isinstance(facet, VocabularyFacet)]


def tag_cards(pages):
    """Set each page's tags as text in the active language, for its card: one query per vocabulary for all."""
    for page in pages:
        page.tags = {}
    for facet in VOCABULARIES:
        found = {page.pk: list(getattr(page, facet.field_name).all()) for page in pages}
        labels = facet.model.labels({row.code for rows in found.values() for row in rows})
        for page in pages:
            page.tags[facet.param] = [str(labels.get(row.code) or row) for row in found[page.pk]]


class BestPracticeFilter(LinkFilters):
    """Reads the filters from a request's query string and applies them to the collection's pages."""

    facet_types = FACETS
    sorts = {"newest": (_("Newest first"), ("-first_published_at", "-pk")), "title": (_("A–Z"), ("title", "pk"))}

    def facets(self, labels=lambda model: model.labels()):
        """Every facet with its values, counts, labels in the active language and toggle links. `labels(model)`
        gives a vocabulary's {code: row} in the active language (the view keeps them per content version)."""
        vocabulary_counts = {}
        for facet in VOCABULARIES:
            pages = self.filtered(skip=facet.param)
            vocabulary_counts[facet.param] = self.remember(
                "counts", lambda facet=facet, pages=pages: facet.counts(pages), skip=facet.param
            )
        vocabulary_labels = {facet.param: labels(facet.model) for facet in VOCABULARIES}
        facets = []
        for facet in FACETS:
            if isinstance(facet, VocabularyFacet):
                named = vocabulary_labels[facet.param]
                rows = [
                    (code, str(named[code]) if code in named else code, n)
                    for code, n in vocabulary_counts[facet.param].items()
                ]
                rows.sort(key=lambda row: (getattr(named.get(row[0]), "number", 0), row[1].casefold()))
            else:
                pages, selected = self.filtered(skip=facet.param), self.selected.get(facet.param)
                # Kept under every filter, its own included: the selected keyword is added to the top ones.
                counted = self.remember(
                    f"counts-{facet.param}",
                    lambda facet=facet, pages=pages, selected=selected: facet.counts(pages, selected),
                )
                rows = [(row["slug"], row["name"], row["count"]) for row in counted]
            facets.append(self.facet(facet, rows))
        return facets
