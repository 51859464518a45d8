"""The sector document library: filters, the listing view and the document lists other pages show.

Every list starts from `visible_documents(request)`, so no page, facet count
or search result ever names a document its reader may not see. The queries
per request are constant: one per facet, one for the count, one for the page
of documents, one for their publishers and one for the publishers' names.
For anonymous readers the counts, the listing's order (so no count) and the
names are kept until the content changes: a page reads only its own documents.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from home.pagecache import kept_here, remembered
from hub.directory.models import Stakeholder
from hub.filters import LinkFilters

from .access import visible_documents
from .models import DOCUMENT_LANGUAGES, Access, DocumentType, language_filter

PAGE_SIZE = 20
LISTED_FIELDS = (
    *("id", "title", "file", "file_size", "description", "document_type", "languages", "publication_date"),
    *("access", "preview", "created_at", "collection_id"),
)


@dataclass(frozen=True)
class FieldFacet:
    param: str
    label: str

    def restrict(self, documents, value):
        if self.param == "type":
            return documents.filter(document_type=value)
        if self.param == "year":
            if not (value.isdigit() and datetime.MINYEAR <= int(value) <= datetime.MAXYEAR):
                return documents.none()  # no date has such a year
            return documents.filter(publication_date__year=int(value))
        if self.param == "organisation":
            return documents.filter(
                pk__in=get_document_model()
                .publishers.through.objects.filter(stakeholder__code=value)
                .values("hubdocument_id")
            )
        if self.param == "language":
            return documents.filter(language_filter(value))
        raise ValueError(self.param)

    def counts(self, documents):
        """{value: number of documents}, in one query."""
        if self.param == "type":
            return dict(documents.order_by().values_list("document_type").annotate(n=Count("pk")))
        if self.param == "year":
            rows = (
                documents.exclude(publication_date=None)
                .order_by()
                .annotate(year=ExtractYear("publication_date"))
                .values_list("year")
                .annotate(n=Count("pk"))
            )
            return {str(year): n for year, n in rows}
        if self.param == "organisation":
            through = get_document_model().publishers.through
            rows = (
                through.objects.filter(hubdocument__in=documents.values("pk"))
                .order_by()
                .values_list("stakeholder__code")
                .annotate(n=Count("hubdocument", distinct=True))
            )
            return dict(rows)
        if self.param == "language":
            # Few distinct combinations ("en", "en,ru", …): grouped in SQL, split here.
            counts = {}
            for combination, n in documents.order_by().values_list("languages").annotate(n=Count("pk")):
                for code in filter(None, combination.split(",")):
                    counts[code] = counts.get(code, 0) + n
            return counts
        raise ValueError(self.param)


FACETS = [
    FieldFacet("type", _("Type")),
    FieldFacet("year", _("Year")),
    FieldFacet("organisation", _("Publishing organisation")),
    FieldFacet("language", _("Language")),
]


class DocumentFilter(LinkFilters):
    facet_types = FACETS
    sorts = {
        "newest": (_("Newest first"), ("-publication_date", "-created_at", "-pk")),
        "title": (_("A–Z"), ("title", "pk")),
    }

    def facets(self):
        counts = {
            facet.param: self.remember(
                "counts", lambda facet=facet: facet.counts(self.filtered(skip=facet.param)), skip=facet.param
            )
            for facet in FACETS
        }
        organisation_codes = set(counts["organisation"]) | {self.selected.get("organisation", "")} - {""}
        labels = {
            "type": dict(DocumentType.choices),
            "year": {},
            "organisation": self.remember(
                f"organisations:{get_language()}",
                lambda: {code: str(row) for code, row in Stakeholder.labels(organisation_codes).items()},
            ),
            "language": dict(DOCUMENT_LANGUAGES),
        }
        language_order = [code for code, _label in DOCUMENT_LANGUAGES]
        facets = []
        for facet in FACETS:
            names = labels[facet.param]
            rows = [(code, str(names.get(code, code)), n) for code, n in counts[facet.param].items()]
            if facet.param == "year":
                rows.sort(reverse=True)
            elif facet.param == "language":
                rows.sort(key=lambda row: language_order.index(row[0]) if row[0] in language_order else 99)
            else:
                rows.sort(key=lambda row: row[1].casefold())
            selected = self.selected.get(facet.param, "")
            facets.append(self.facet(facet, rows, fallback_label=str(names.get(selected, selected))))
        return facets


def with_publisher_labels(documents):
    """Give each document `publisher_labels` in the reader's language: one query for all of them."""
    documents = list(documents)
    codes = {publisher.code for document in documents for publisher in document.publishers.all()}
    labels = Stakeholder.labels(codes) if codes else {}
    for document in documents:
        document.publisher_labels = [labels.get(p.code, p) for p in document.publishers.all()]
    return documents


def listed(documents):
    return documents.only(*LISTED_FIELDS).prefetch_related("publishers")


def library(request, page):
    from hub.pagination import paginate

    def remember(name, compute):
        return remembered(request, f"library:{page.pk}:{name}", compute)

    # What an anonymous reader without a session may see is the same for all of them: counted once per change.
    anonymous = seen_as_anyone(request)
    filters = DocumentFilter(visible_documents(request), request.GET, remember=remember if anonymous else None)
    if anonymous:
        results = paginate(
            request,
            filters.results(),
            PAGE_SIZE,
            remember=lambda name, compute: filters.remember(f"{name}-{filters.sort}", compute),
            rows=listed(visible_documents(request)),
        )
    else:
        results = paginate(request, listed(filters.results()), PAGE_SIZE)
    results.object_list = with_publisher_labels(results.object_list)
    facets = filters.facets()
    return TemplateResponse(
        request,
        "hub/documents/document_library_page.html",
        {
            **page.get_context(request),
            "results": results,
            "facets": facets,
            "active_filters": [facet for facet in facets if facet.selected_label],
            "sort_options": filters.sort_options(),
            "Access": Access,
        },
    )


def seen_as_anyone(request):
    """Whether this reader sees what every anonymous reader does: not signed in, and without a session, which
    could hold the password of a collection."""
    return not request.user.is_authenticated and settings.SESSION_COOKIE_NAME not in request.COOKIES


def related_documents(request, documents, limit=None, name=None):
    """The documents of `documents` this reader may see, newest first, ready for `hub/documents/document_list.html`.

    With `name`, the list an anonymous reader sees is kept under it until the content changes (publishers'
    labels are in the active language: `name` says which)."""

    def find():
        found = listed(visible_documents(request, documents)).order_by("-publication_date", "-created_at", "-pk")
        return with_publisher_labels(found[:limit] if limit else found)

    if name is None or not seen_as_anyone(request) or getattr(request, "is_preview", False):
        return find()
    return kept_here(request, name, find)


def latest_public_documents(count):
    """For the home page: what every visitor may see, the same for all (no restricted collection)."""
    from .access import blocked_collection_ids_for_anonymous

    documents = get_document_model().objects.filter(access=Access.PUBLIC)
    blocked = blocked_collection_ids_for_anonymous()
    if blocked:
        documents = documents.exclude(collection_id__in=blocked)
    return with_publisher_labels(listed(documents).order_by("-publication_date", "-created_at", "-pk")[:count])
