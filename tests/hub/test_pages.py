"""What every hub page carries: breadcrumbs, description and Open Graph meta, the sitemap."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from home.demo import read_data
from hub.models import BestPracticeIndexPage
from hub.synthetic import create_best_practices
from projects.demo import DATA_DIR as PROJECTS_DATA
from tests.conftest import LANGUAGES, hub_seed, sitemap_pages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
PAGES = [
    "about/",
    "knowledge-hub/",
    "knowledge-hub/best-practices/",
    "knowledge-hub/best-practices/systems-approach-to-digital-learning/",
    "knowledge-hub/cbe-transformation/",
    "knowledge-hub/coordination-challenge/",
    "news/",
    "news/unesco-iite-national-workshop-ict-oer-2018/",
    "stakeholders/",
    "stakeholders/unicef/",
    "events/",
    "documents/",
]


def meta(page, name):
    tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_breadcrumbs_and_meta(client, demo, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")

    crumbs = page.select("nav.breadcrumbs li")
    assert crumbs[0].a["href"] == f"/{language}/"
    assert crumbs[-1].select_one("[aria-current=page]").get_text() == page.h1.get_text(strip=True)
    assert len(crumbs) == path.count("/") + 1

    assert meta(page, "og:title") and meta(page, "og:url").endswith(f"/{language}/{path}")
    assert meta(page, "description") and meta(page, "og:description") == meta(page, "description")
    assert meta(page, "og:locale") == {"en": "en_GB", "ru": "ru_RU", "tg": "tg_TJ"}[language]
    assert len(page.find_all("meta", attrs={"property": "og:locale:alternate"})) == 2
    hreflangs = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    assert set(hreflangs) == {"en", "ru", "tg", "x-default"}
    assert hreflangs["ru"].endswith(f"/ru/{path}")


def test_sitemap_lists_every_public_page_in_every_language_with_alternates(client, demo):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"] == "application/xml"
    sections = [loc.text for loc in ET.fromstring(index.content).iter(f"{SITEMAP}loc")]
    assert sections == [
        f"http://testserver/sitemap-{name}.xml" for name in ("pages", "stakeholders", "events", "projects")
    ]
    pages = sitemap_pages(client)
    assert all(page.status_code == 200 for page in pages)
    urls = [url for page in pages for url in ET.fromstring(page.content).findall(f"{SITEMAP}url")]
    locations = {url.findtext(f"{SITEMAP}loc") for url in urls}
    organisations = [f"stakeholders/{row['code']}/" for row in hub_seed("vocabularies", "en")["stakeholders"]]
    events = [f"events/{row['slug']}/" for row in hub_seed("events", "en")["events"]]
    projects = ["projects/", "projects/who-does-what-where/"] + [
        f"projects/{row['slug']}/" for row in read_data("projects", "en", PROJECTS_DATA)["projects"]
    ]
    expected = {
        f"http://testserver/{language}/{path}"
        for language in LANGUAGES
        for path in ["", *PAGES, *organisations, *events, *projects]
    }
    assert locations == expected
    for url in urls:
        alternates = {link.get("hreflang") for link in url.findall(f"{XHTML}link")}
        assert alternates == set(LANGUAGES)


def test_sitemap_gives_each_page_the_address_it_is_served_at_even_with_a_cyrillic_slug(client, demo):
    """The sections build addresses from each page's path, not its model: they must agree with Page.get_url."""
    about = Page.objects.get(locale__language_code="ru", url_path__endswith="/about/").specific
    about.slug = "о-нас"
    about.save_revision().publish()
    listed = {
        loc.text
        for page in sitemap_pages(client)
        for loc in ET.fromstring(page.content).iter(f"{SITEMAP}loc")
        if "/sitemap-pages.xml" in page.request["PATH_INFO"]
    }
    pages = Page.objects.live().public().filter(depth__gt=1)
    assert listed == {f"http://testserver{page.get_url()}" for page in pages}
    assert "http://testserver/ru/%D0%BE-%D0%BD%D0%B0%D1%81/" in listed
    assert client.get("/ru/%D0%BE-%D0%BD%D0%B0%D1%81/").status_code == 200


def test_sitemap_queries_do_not_grow_with_pages(client, demo, django_assert_max_num_queries):
    """The index counts each section; a section's page lists at most a thousand URLs, in the same few queries.

    The count of pages is worked out once after each change of the content (the first request) and kept."""
    with django_assert_max_num_queries(15) as first_index:
        client.get("/sitemap.xml")
    with django_assert_max_num_queries(len(first_index)) as index:
        client.get("/sitemap.xml")
    with django_assert_max_num_queries(8) as section:
        client.get("/sitemap-pages.xml")
    create_best_practices(BestPracticeIndexPage.objects.get(locale__language_code="en"), 1_200)

    with django_assert_max_num_queries(len(first_index)):
        client.get("/sitemap.xml")
    with django_assert_max_num_queries(len(index)):
        listed = ET.fromstring(client.get("/sitemap.xml").content).iter(f"{SITEMAP}loc")
    assert "http://testserver/sitemap-pages.xml?p=2" in [loc.text for loc in listed]
    with django_assert_max_num_queries(len(section)):
        first = client.get("/sitemap-pages.xml")
    with django_assert_max_num_queries(len(section)):
        second = client.get("/sitemap-pages.xml", {"p": "2"})
    counts = [len(ET.fromstring(page.content).findall(f"{SITEMAP}url")) for page in (first, second)]
    assert counts[0] == 1_000 and counts[1] > 200
    assert "synthetic-best-practice-01200" in first.text + second.text
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-pages.xml", {"p": "99"}).status_code == 404


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_the_admin(client, demo):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /ru/accounts/", "Disallow: /tg/search/"} <= set(lines)
    assert "Disallow: /" not in lines
