"""Faceted filtering of the best-practice collection.

Filter values are language-independent codes (Action Track number, country
code, organisation code) or the keyword's slug in the page's language, so a
filtered view's URL can be shared. Each facet's counts honour the other
active filters, and every facet costs one query whatever the collection's size.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from .models import ActionTrack, BestPracticeKeyword, BestPracticePage, Country, Stakeholder

KEYWORD_FACET_SIZE = 20


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    values: list = field(default_factory=list)
    selected_label: str = ""
    clear_url: str = ""


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


class LinkFilters:
    """Filters and a sort order named in a query string, applied to `items`, and links that change one of them.

    Subclasses name their `facet_types` (each with a `param` and a
    `restrict(items, value)`) and `sorts` ({key: (label, ordering)}, the first
    is the default).
    """

    facet_types = ()
    sorts = {}

    def __init__(self, items, query):
        self.items = items
        self.selected = {facet.param: query.get(facet.param, "").strip()[:100] for facet in self.facet_types}
        self.selected = {param: value for param, value in self.selected.items() if value}
        self.default_sort = next(iter(self.sorts))
        sort = query.get("sort", self.default_sort)
        self.sort = sort if sort in self.sorts else self.default_sort

    def url(self, **changes):
        """The query string for the current view with some filters changed (None removes one)."""
        params = {**self.selected, "sort": self.sort, **changes}
        params = {
            key: value for key, value in params.items() if value and not (key == "sort" and value == self.default_sort)
        }
        return "?" + urlencode(params) if params else "?"

    def sort_options(self):
        return [
            (key, label, self.url(sort=key, page=None), key == self.sort) for key, (label, _order) in self.sorts.items()
        ]

    def filtered(self, skip=None):
        """The items with every selected filter applied but `skip` (a facet counts under the others)."""
        items = self.items
        for facet in self.facet_types:
            value = self.selected.get(facet.param)
            if value and facet.param != skip:
                items = facet.restrict(items, value)
        return items

    def results(self):
        return self.filtered().order_by(*self.sorts[self.sort][1])

    def facet(self, facet, rows, fallback_label=None):
        """A Facet whose values are `rows` of (code, label, count), each a link that toggles it."""
        selected = self.selected.get(facet.param)
        built = Facet(param=facet.param, label=facet.label, clear_url=self.url(**{facet.param: None, "page": None}))
        for code, label, count in rows:
            is_selected = code == selected
            built.values.append(
                FacetValue(code, label, count, self.url(**{facet.param: None if is_selected else code}), is_selected)
            )
            if is_selected:
                built.selected_label = label
        if selected and not built.selected_label:
            built.selected_label = fallback_label or selected
        return built


class BestPracticeFilter(LinkFilters):
    """Reads the filters from a request's query string and applies them to the collection's pages."""

    facet_types = FACETS
    sorts = {"newest": (_("Newest first"), ("-first_published_at", "-pk")), "title": (_("A–Z"), ("title", "pk"))}

    def facets(self, listed_pages=()):
        """Every facet with its values, counts, labels in the active language and toggle links."""
        vocabulary_counts = {}
        for facet in FACETS:
            if isinstance(facet, VocabularyFacet):
                vocabulary_counts[facet.param] = facet.counts(self.filtered(skip=facet.param))
        # Labels for the facets and for the listed items, one query per vocabulary.
        self.labels = {}
        for facet in FACETS:
            if isinstance(facet, VocabularyFacet):
                codes = set(vocabulary_counts[facet.param])
                for page in listed_pages:
                    codes.update(row.code for row in getattr(page, facet.field_name).all())
                if self.selected.get(facet.param):
                    codes.add(self.selected[facet.param])
                self.labels[facet.param] = facet.model.labels(codes)

        facets = []
        for facet in FACETS:
            if isinstance(facet, VocabularyFacet):
                labels = self.labels[facet.param]
                rows = [
                    (code, str(labels[code]) if code in labels else code, n)
                    for code, n in vocabulary_counts[facet.param].items()
                ]
                rows.sort(key=lambda row: (getattr(labels.get(row[0]), "number", 0), row[1].casefold()))
            else:
                rows = [
                    (row["slug"], row["name"], row["count"])
                    for row in facet.counts(self.filtered(skip=facet.param), self.selected.get(facet.param))
                ]
            facets.append(self.facet(facet, rows))
        return facets
