"""The news index's routes: all news, a year's, a tag's."""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.template.response import TemplateResponse

from home.pagecache import remembered
from hub.pagination import kept_cards, paginate

from .models import NewsPage, NewsTag

NEWS_PAGE_SIZE = 10


def news_listing(request, index, year=None, tag=None):
    news = index.news(untranslated=True)

    def remember(name, compute):
        return remembered(request, f"news:{index.pk}:{year}:{tag}:{name}", compute)

    # Kept while the content is unchanged: with thousands of items, counting and ordering them is most of a page.
    years = remembered(
        request,
        f"news:{index.pk}:years",
        lambda: list(
            news.annotate(year=ExtractYear("date")).order_by("-year").values("year").annotate(count=Count("pk"))
        ),
    )
    tag_name = None
    if year is not None:
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            raise Http404  # no date has such a year
        news = news.filter(date__year=year)
    if tag is not None:
        tag_name = NewsTag.objects.filter(slug=tag, page__in=news.values("pk")).values_list("name", flat=True).first()
        if tag_name is None:
            raise Http404
        news = news.filter(pk__in=NewsTag.objects.filter(slug=tag).values("page_id"))
    cards = kept_cards(
        request,
        f"news:{index.pk}",
        NewsPage.objects.live().prefetch_related("tags"),
        "hub/news/card.html",
        {"page": index},
    )
    items = paginate(request, news, NEWS_PAGE_SIZE, remember=remember, rows=cards)
    return TemplateResponse(
        request,
        "hub/news/news_index_page.html",
        {**index.get_context(request), "items": items, "years": years, "year": year, "tag_name": tag_name},
    )
