import logging
import re

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from hub.best_practices.models import BestPracticeIndexPage
from hub.directory.pages import StakeholderDirectoryPage
from hub.documents.pages import DocumentLibraryPage
from hub.events.models import EventIndexPage
from hub.news.models import NewsIndexPage

from .engine import KINDS_BY_KEY, Search, suggestion
from .models import UnansweredQuery

logger = logging.getLogger(__name__)

# Control characters (NUL breaks PostgreSQL) and double quotes (an unbalanced one breaks SQLite's FTS5
# syntax) carry no words; the site offers no phrase search, so they become spaces.
UNSEARCHABLE = re.compile(r'[\x00-\x1f\x7f"]')
SUGGESTIONS = 8
LISTINGS = (BestPracticeIndexPage, NewsIndexPage, DocumentLibraryPage, EventIndexPage, StakeholderDirectoryPage)


def searchable(raw):
    return " ".join(UNSEARCHABLE.sub(" ", raw).split())[:200]


def search(request):
    """Everything the reader may see that matches, in their language first, with the words that matched marked."""
    query = searchable(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    found = Search(request, query, kind if kind in KINDS_BY_KEY else None)
    context = {"search_query": query, "search": found}
    if found.terms:
        corrected = suggestion(query, found.locale) if not found.total else None
        if corrected:
            # Shown only if it finds something: otherwise the reader is told about what they typed.
            retried = Search(request, corrected, None)
            if retried.total:
                found = context["search"] = retried
            else:
                corrected = None
        results = found.page(request.GET.get("page"))
        context.update(
            search_results=results,
            corrected=corrected,
            promotions=promotions(query, found.locale) if results.number == 1 else [],
        )
        if not found.total:
            context.update(elsewhere=found.elsewhere(), listings=listings(found.locale))
        if "page" not in request.GET:
            record(query, found.locale.language_code, answered=bool(found.total))
    response = TemplateResponse(request, "search/search.html", context)
    # Every search is counted in the query log, so a kept copy (home.pagecache) must not answer it.
    response["Cache-Control"] = "private, no-store" if request.user.is_authenticated else "no-cache"
    return response


def suggest(request):
    """Titles that start with what the reader has typed so far, for the search box's suggestions (JSON)."""
    found = Search(request, searchable(request.GET.get("q", "")))
    hits = found.suggestions(SUGGESTIONS) if len(found.query) >= 2 else []
    results = [{"title": hit.title, "url": hit.url, "type": str(hit.kind.label)} for hit in hits]
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-store" if request.user.is_authenticated else "public, max-age=60"
    return response


def promotions(query, locale):
    """The editors' promoted results for this query: pages in the reader's language where published there."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query)).select_related("page")
    )
    keys = [pick.page.translation_key for pick in picks if pick.page_id]
    translated = Page.objects.live().public().filter(locale=locale, translation_key__in=keys)
    pages = {page.translation_key: page for page in translated}
    shown = []
    for pick in picks:
        if not pick.page_id:
            link = {"title": pick.external_link_text, "url": pick.external_link_url}
            shown.append({**link, "description": pick.description})
        elif pick.page.translation_key in pages:
            page = pages[pick.page.translation_key]
            shown.append({"title": page.title, "url": page.url, "description": pick.description})
    return shown


def listings(locale):
    return Page.objects.live().public().filter(locale=locale).type(*LISTINGS).order_by("path")


def record(query, language, answered):
    """Count the search in Wagtail's query log, and in ours if it found nothing; a failed write loses one count only."""
    try:
        with transaction.atomic():
            Query.get(query).add_hit()
            if not answered:
                today = timezone.localdate()
                row = {"query_string": normalise_query_string(query), "language": language, "date": today}
                if not UnansweredQuery.objects.filter(**row).update(hits=F("hits") + 1):
                    UnansweredQuery.objects.create(**row, hits=1)
    except IntegrityError:
        # Two readers searched the same words at the same moment: the other's row counts for both.
        pass
    except DatabaseError:
        logger.warning("Search query log not written", exc_info=True)
