import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from hub.documents.access import visible_documents
from hub.documents.library import with_publisher_labels

RESULTS_PER_PAGE = 10
DOCUMENT_RESULTS = 10
# Every word must match, on every backend: the database backends' default, not OpenSearch's "or".
OPERATOR = "and"


# Control characters (NUL breaks PostgreSQL) and double quotes (an unbalanced one breaks SQLite's FTS5
# syntax) carry no words; the site offers no phrase search, so they become spaces.
UNSEARCHABLE = re.compile(r'[\x00-\x1f\x7f"]')


def searchable(raw):
    return " ".join(UNSEARCHABLE.sub(" ", raw).split())[:200]


def search(request):
    """Search live public pages in the visitor's language, and the documents (words inside them too) they may see."""
    query = searchable(request.GET.get("q", ""))
    results = Page.objects.none()
    documents = []
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(query, operator=OPERATOR)
        # Documents are one file in their own language: found whatever the page language.
        found = visible_documents(request).prefetch_related("publishers").search(query, operator=OPERATOR)
        documents = with_publisher_labels(found[:DOCUMENT_RESULTS])
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    response = TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": page, "documents": documents}
    )
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response
