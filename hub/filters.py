"""Filters named in a query string, applied as links: the base of the collection's and the library's filters.

Filter values are language-independent codes (or a slug in the page's
language), so a filtered view's URL can be shared. Each facet's counts honour
the other active filters, and every facet costs one query whatever the
listing's size.
"""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode


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


class LinkFilters:
    """Filters and a sort order named in a query string, applied to `items`, and links that change one of them.

    Subclasses name their `facet_types` (each with a `param` and a
    `restrict(items, value)`) and `sorts` ({key: (label, ordering)}, the first
    is the default).
    """

    facet_types = ()
    sorts = {}

    def __init__(self, items, query, remember=None):
        self.items = items
        # remember(name, compute): keeps a count while the content is unchanged (home.pagecache.remembered).
        self._remember = remember or (lambda name, compute: compute())
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

    def remember(self, name, compute, skip=None):
        """`compute()` (a count: plain data) under the selected filters but `skip`, kept while nothing changes.

        Counts over thousands of items cost the same on every page of a listing and every sort order of it,
        so they are worked out once per filter state and content version.
        """
        state = urlencode(sorted((param, value) for param, value in self.selected.items() if param != skip))
        digest = hashlib.sha256(state.encode()).hexdigest()[:32]
        return self._remember(f"{name}:{skip or ''}:{digest}", compute)

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
