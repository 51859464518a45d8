"""What every hub page carries: breadcrumbs, description and Open Graph meta, the sitemap."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from home.demo import read_data
from hub.models import BestPracticeIndexPage
from hub.synthetic import create_best_practices
from projects.demo import DATA_DIR as PROJECTS_DATA
from tests.conftest import LANGUAGES, hub_seed

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
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = ET.fromstring(response.content).findall(f"{SITEMAP}url")
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


def test_sitemap_queries_do_not_grow_with_pages(client, demo, django_assert_max_num_queries):
    client.get("/sitemap.xml")
    # The events sitemap adds two of these: the events pages and the events; the projects' three.
    with django_assert_max_num_queries(15) as few:
        client.get("/sitemap.xml")
    create_best_practices(BestPracticeIndexPage.objects.get(locale__language_code="en"), 200)
    with django_assert_max_num_queries(len(few)):
        assert "synthetic-best-practice-00200" in client.get("/sitemap.xml").text
