"""Views of the stakeholder directory page: the A–Z list and each organisation's page."""

from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.template.response import TemplateResponse

from hub.best_practices.models import BestPracticeIndexPage, BestPracticePage
from hub.documents.library import related_documents
from hub.documents.models import HubDocument
from hub.events.models import ActionItem
from hub.events.views import by_organiser, localized_events, organiser_names, owned_by_labels, past, upcoming
from hub.news.models import NewsPage
from hub.taxonomy import AreaOfWork, Region

from .models import Stakeholder


def localized_stakeholders():
    """Every stakeholder once, in the active language where translated, else in the default language."""
    return list(Stakeholder.labels(queryset=Stakeholder.objects.prefetch_related("areas_of_work")).values())


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool


def directory(request, page):
    query = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    area = request.GET.get("area", "")
    everyone = localized_stakeholders()
    areas = AreaOfWork.labels()

    def matches(stakeholder, skip=None):
        if query and query.casefold() not in f"{stakeholder.name} {stakeholder.acronym}".casefold():
            return False
        if skip != "category" and category and stakeholder.category != category:
            return False
        codes = {row.code for row in stakeholder.areas_of_work.all()}
        return skip == "area" or not area or area in codes

    listed = sorted((s for s in everyone if matches(s)), key=lambda s: s.name.casefold())
    category_counts = Counter(s.category for s in everyone if matches(s, skip="category") and s.category)
    area_counts = Counter(row.code for s in everyone if matches(s, skip="area") for row in s.areas_of_work.all())
    labels = dict(Stakeholder.Category.choices)
    for organisation in listed:
        organisation.category_label = labels.get(organisation.category, "")
        organisation.area_names = [str(areas.get(row.code, row)) for row in organisation.areas_of_work.all()]
    context = {
        **page.get_context(request),
        "query": query,
        "letters": [(letter, list(group)) for letter, group in groupby(listed, key=lambda s: s.name[:1].upper())],
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
    organisation = Stakeholder.labels([code], queryset=Stakeholder.objects.select_related("logo")).get(code)
    if organisation is None:
        raise Http404

    area_codes = [row.code for row in organisation.areas_of_work.all()]
    region_codes = [row.code for row in organisation.regions.all()]
    area_labels, region_labels = AreaOfWork.labels(area_codes), Region.labels(region_codes)
    linked = {"organisations__code": code}
    context = {
        **page.get_context(request),
        "organisation": organisation,
        "category": dict(Stakeholder.Category.choices).get(organisation.category, ""),
        "areas": [str(area_labels.get(c, c)) for c in area_codes],
        "regions": [str(region_labels.get(c, c)) for c in region_codes],
        # Personal data: never queried, let alone shown, for anonymous visitors.
        "focal_points": list(organisation.focal_points.all()) if request.user.is_authenticated else None,
        **linked_practices(request, page, code),
        "news": NewsPage.objects.live().public().filter(locale_id=page.locale_id, **linked).order_by("-date")[:10],
        **linked_events(request, code),
        "documents": related_documents(request, HubDocument.objects.filter(publishers__code=code), LINKED_DOCUMENTS),
    }
    return TemplateResponse(request, "hub/directory/stakeholder_page.html", context)


LINKED_EVENTS = 10
LINKED_DOCUMENTS = 10
LINKED_PRACTICES = 10


def linked_practices(request, page, code):
    """The first practices naming the organisation, and where the collection lists them all: a partner named
    in thousands of practices must not make its page thousands of links long."""
    practices = BestPracticePage.objects.live().public().filter(locale_id=page.locale_id, organisations__code=code)
    shown = list(practices.order_by("title")[: LINKED_PRACTICES + 1])
    count = practices.count() if len(shown) > LINKED_PRACTICES else len(shown)
    collection = BestPracticeIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    return {
        "best_practices": shown[:LINKED_PRACTICES],
        "best_practices_count": count,
        "best_practices_url": f"{collection.get_url(request)}?organisation={code}" if collection else "",
    }


def linked_events(request, code):
    """The events an organisation organises, and (members only) the action items it owns."""
    events = by_organiser(localized_events(), code)
    coming, recent = list(upcoming(events)[:LINKED_EVENTS]), list(past(events)[:LINKED_EVENTS])
    prefetch_related_objects(coming + recent, "organisers")
    organiser_names(coming + recent)
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
