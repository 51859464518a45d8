import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from hub.models import NewsIndexPage, NewsPage
from hub.synthetic import create_news
from tests.conftest import LANGUAGES, hub_seed, sitemap_text

SEED = "news_unesco_iite_2018"
ITEM = "/{}/news/unesco-iite-national-workshop-ict-oer-2018/"
ATOM = "{http://www.w3.org/2005/Atom}"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    return [a.get_text(strip=True) for a in soup(response).select(".news-list h2 a")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_item_and_listing_in_every_language(client, demo, language):
    data = hub_seed(SEED, language)
    assert listed(client.get(f"/{language}/news/")) == [data["title"]]

    page = soup(client.get(ITEM.format(language)))
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == data["title"]
    text = page.get_text(" ")
    assert data["summary"] in text
    for line in data["body"]:
        assert line.split(". ", 1)[-1][:50] in text
    assert len(page.select(".news ol li")) == 4  # the workshop's four objectives stay a numbered list
    for tag in data["tags"]:
        assert tag in text


def test_dates_are_written_the_local_way(client, demo):
    assert "23 октября 2018" in client.get(ITEM.format("ru")).text
    tajik = soup(client.get(ITEM.format("tg"))).select_one("time").get_text(strip=True)
    assert tajik == "23 октябр 2018"  # Django's Tajik formats would add the Russian "г."
    assert "23 October 2018" in client.get(ITEM.format("en")).text


def test_year_and_tag_listings(client, demo):
    assert listed(client.get("/en/news/2018/")) == [hub_seed(SEED, "en")["title"]]
    assert listed(client.get("/en/news/2019/")) == []
    years = [a.get_text(" ", strip=True) for a in soup(client.get("/en/news/")).select(".facets a[href*='/news/20']")]
    assert years == ["2018 (1)"]

    russian_tag = soup(client.get(ITEM.format("ru"))).select_one(".keywords a")
    tagged = client.get(russian_tag["href"])
    assert tagged.status_code == 200
    assert listed(tagged) == [hub_seed(SEED, "ru")["title"]]
    assert russian_tag.get_text() in soup(tagged).h1.get_text()
    assert client.get("/en/news/tag/no-such-tag/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_rss_and_atom_feeds_per_language(client, demo, language):
    data = hub_seed(SEED, language)
    rss = client.get(f"/{language}/news/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("language") == language
    item = channel.find("item")
    assert item.findtext("title") == data["title"]
    assert item.findtext("description") == data["summary"]
    assert item.findtext("link").endswith(ITEM.format(language))
    assert sorted(c.text for c in item.findall("category")) == sorted(data["tags"])

    atom = ET.fromstring(client.get(f"/{language}/news/feed/atom/").content)
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == data["title"]
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")


def test_feeds_and_listings_leave_out_private_and_draft_news(client, demo):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    private = NewsPage.objects.get(locale__language_code="en")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    create_news(index, 3)
    NewsPage.objects.filter(slug="synthetic-news-00001").first().unpublish()

    titles = listed(client.get("/en/news/"))
    assert private.title not in titles
    assert len(titles) == 2
    feed = client.get("/en/news/feed/").text
    assert private.title not in feed and "News 00001" not in feed and "News 00002" in feed
    sitemap = sitemap_text(client)
    assert f"/en/news/{private.slug}/" not in sitemap and "synthetic-news-00001" not in sitemap


def test_news_listing_queries_do_not_grow(client, demo, django_assert_max_num_queries):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    create_news(index, 10)
    client.get("/en/news/")
    with django_assert_max_num_queries(20) as small:
        client.get("/en/news/")
    with_ten = len(small)  # read now: the next request empties the connection's query log
    create_news(index, 1000)
    client.get("/en/news/")  # warm again: the menu and the trail are worked out anew after a change
    with django_assert_max_num_queries(with_ten):
        client.get("/en/news/")
