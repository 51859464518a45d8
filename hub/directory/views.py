"""Views of the stakeholder directory page: the A–Z list and each organisation's page."""

from collections import Counter
from dataclasses import dataclass, replace
from itertools import groupby

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from home import pagecache
from hub.best_practices.models import BestPracticeIndexPage, BestPracticePage
from hub.documents.library import related_documents
from hub.documents.models import HubDocument
from hub.events.models import ActionItem
from hub.events.views import (
    by_organiser,
    localized_events,
    owned_by_labels,
    past,
    soonest_over,
    summaries,
    upcoming,
)
from hub.news.models import NewsPage
from hub.pagination import kept_cards, paginate
from hub.taxonomy import AreaOfWork, Region

from .models import Stakeholder

PAGE_SIZE = 50  # organisations a page of the A–Z list


@dataclass(frozen=True)
class Entry:
    """One organisation as the directory lists it: plain data, kept between requests."""

    code: str
    name: str
    acronym: str
    category: str
    locale_id: int
    area_codes: tuple
    category_label: str = ""
    area_names: tuple = ()


def directory_entries(request):
    """Every stakeholder once, in the active language where translated, else in the default language; read
    once per language while the content is unchanged (loading a thousand organisations is most of a page)."""

    def entries():
        stakeholders = Stakeholder.labels(queryset=Stakeholder.objects.prefetch_related("areas_of_work")).values()
        return [
            Entry(s.code, s.name, s.acronym, s.category, s.locale_id, tuple(r.code for r in s.areas_of_work.all()))
            for s in stakeholders
        ]

    return pagecache.kept_here(request, f"directory:{get_language()}", entries)


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool


def initial(organisation):
    return organisation.name[:1].upper()


def directory(request, page):
    query = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    area = request.GET.get("area", "")
    areas = AreaOfWork.kept_labels(request)

    def find():
        everyone = directory_entries(request)

        def matches(stakeholder, skip=None):
            if query and query.casefold() not in f"{stakeholder.name} {stakeholder.acronym}".casefold():
                return False
            if skip != "category" and category and stakeholder.category != category:
                return False
            return skip == "area" or not area or area in stakeholder.area_codes

        listed = sorted((s for s in everyone if matches(s)), key=lambda s: s.name.casefold())
        category_counts = Counter(s.category for s in everyone if matches(s, skip="category") and s.category)
        area_counts = Counter(code for s in everyone if matches(s, skip="area") for code in s.area_codes)
        # Every letter of the whole list links to where it starts: on this page (an anchor) or on another.
        starts = {}
        for position, organisation in enumerate(listed):
            starts.setdefault(initial(organisation), position // PAGE_SIZE + 1)
        return listed, category_counts, area_counts, starts

    # Matching a thousand organisations against the filters is most of a page: kept per language and filters.
    name = f"directory-list:{get_language()}:{category}:{area}:{query}"
    listed, category_counts, area_counts, starts = pagecache.kept_here(request, name, find)
    labels = dict(Stakeholder.Category.choices)
    shown = paginate(request, listed, PAGE_SIZE)
    by_code = {entry.code: entry for entry in shown.object_list}

    def entries(codes):
        return {
            code: replace(
                by_code[code],
                category_label=labels.get(by_code[code].category, ""),
                area_names=tuple(str(areas[c]) if c in areas else c for c in by_code[code].area_codes),
            )
            for code in codes
        }

    cards = kept_cards(request, f"organisation:{page.pk}", entries, "hub/directory/card.html", {"page": page})(
        list(by_code)
    )
    query_string = request.GET.copy()
    jumps = []
    for letter, number in starts.items():
        query_string["page"] = number
        anchor = f"#letter-{letter}"
        jumps.append((letter, anchor if number == shown.number else f"?{query_string.urlencode()}{anchor}"))
    context = {
        **page.get_context(request),
        "query": query,
        "letters": [(letter, [cards[entry.code] for entry in group]) for letter, group in groupby(shown, key=initial)],
        "jumps": jumps,
        "results": shown,
        "count": len(listed),
        "filtered": bool(query or category or area),
        "categories": [
            Choice(code, str(labels[code]), n, code == category) for code, n in sorted(category_counts.items())
        ],
        "areas": [
            Choice(code, str(areas[code]) if code in areas else code, n, code == area)
            for code, n in sorted(area_counts.items(), key=lambda item: str(areas.get(item[0], item[0])))
        ],
    }
    return TemplateResponse(request, "hub/directory/stakeholder_directory_page.html", context)


def stakeholder(request, page, code):
    name = f"organisation:{request.get_host()}:{get_language()}:{page.locale_id}:{code}"
    shown = pagecache.kept_here(request, name, lambda: profile(request, page, code))
    context = {
        **page.get_context(request),
        **shown,
        # Personal data: never queried, let alone shown, for anonymous visitors.
        "focal_points": list(shown["organisation"].focal_points.all()) if request.user.is_authenticated else None,
        **linked_events(request, code),
        "documents": related_documents(
            request,
            HubDocument.objects.filter(publishers__code=code),
            LINKED_DOCUMENTS,
            name=f"organisation-documents:{get_language()}:{code}",
        ),
    }
    return TemplateResponse(request, "hub/directory/stakeholder_page.html", context)


LINKED_EVENTS = 10
LINKED_DOCUMENTS = 10
LINKED_PRACTICES = 10
LINKED_NEWS = 10


def profile(request, page, code):
    """What the organisation's page shows every reader alike, kept until the content changes: the organisation,
    and the first practices and news naming it with where the collection lists all its practices (a partner
    named in thousands of practices must not make its page thousands of links long)."""
    organisation = Stakeholder.labels([code], queryset=Stakeholder.objects.select_related("logo")).get(code)
    if organisation is None:
        raise Http404  # not kept: made-up codes cannot crowd out what is
    area_codes = [row.code for row in organisation.areas_of_work.all()]
    region_codes = [row.code for row in organisation.regions.all()]
    area_labels, region_labels = AreaOfWork.labels(area_codes), Region.labels(region_codes)
    practices = BestPracticePage.objects.live().public().filter(locale_id=page.locale_id, organisations__code=code)
    shown = list(practices.order_by("title")[: LINKED_PRACTICES + 1])
    count = practices.count() if len(shown) > LINKED_PRACTICES else len(shown)
    # By id: the first in tree order is a scan of the pages before it (see site_tags._section_page).
    collection = BestPracticeIndexPage.objects.live().filter(locale_id=page.locale_id).order_by("pk").first()
    news = NewsPage.objects.live().public().filter(locale_id=page.locale_id, organisations__code=code)
    return {
        "organisation": organisation,
        "category": dict(Stakeholder.Category.choices).get(organisation.category, ""),
        "areas": [str(area_labels.get(c, c)) for c in area_codes],
        "regions": [str(region_labels.get(c, c)) for c in region_codes],
        "best_practices": shown[:LINKED_PRACTICES],
        "best_practices_count": count,
        "best_practices_url": f"{collection.get_url(request)}?organisation={code}" if collection else "",
        "news": list(news.order_by("-date")[:LINKED_NEWS]),
    }


def linked_events(request, code):
    """The events an organisation organises, and (members only) the action items it owns."""

    def find():
        events = by_organiser(localized_events(), code)
        coming, recent = list(upcoming(events)[:LINKED_EVENTS]), list(past(events)[:LINKED_EVENTS])
        prefetch_related_objects(coming + recent, "organisers")
        summaries(coming + recent)
        # The lists change when an event is over (it moves to the past ones), or with the content.
        return soonest_over(events), (coming, recent)

    name = f"organisation-events:{get_language()}:{code}"
    coming, recent = pagecache.kept_until(request, name, find)
    return {
        "upcoming_events": coming,
        "past_events": recent,
        "action_items": owned_by_labels(
            ActionItem.objects.filter(
                owner__code=code, status__in=ActionItem.OPEN_STATUSES, event__in=localized_events()
            )
            .select_related("owner", "event")
            .order_by("due_date", "pk")
        )
        if request.user.is_authenticated
        else None,
    }
