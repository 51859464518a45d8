"""What is not translated yet is listed to Russian and Tajik readers, marked as English, and readable in their
interface with a notice; never what is private (issue 18)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from hub.models import BestPracticePage, NewsIndexPage, NewsPage
from hub.synthetic import create_news


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def english_only_news(demo):
    english = NewsPage.objects.get(locale__language_code="en")
    NewsPage.objects.filter(translation_key=english.translation_key, locale__language_code="tg").get().unpublish()
    return english


def test_the_tajik_news_lists_an_english_only_item_marked_and_linked_in_tajik(client, english_only_news):
    page = soup(client.get("/tg/news/"))

    item = next(article for article in page.select(".news-list article") if english_only_news.title in article.text)
    assert item.h2["lang"] == "en" and item.select_one("p.badge.untranslated")["lang"] == "tg"
    assert "Бо забони англисӣ" in item.select_one(".badge").get_text()
    link = item.h2.a["href"]
    assert link == f"/tg/news/{english_only_news.slug}/"

    shown = soup(client.get(link))
    assert shown.html["lang"] == "tg"
    assert shown.select_one("main > div[lang=en] h1").get_text(strip=True) == english_only_news.title
    assert "тарҷума нашудааст" in shown.select_one(".untranslated-notice").get_text()
    assert shown.select_one('.lang-switch span[aria-current="true"]')["lang"] == "tg"


def test_an_item_translated_into_the_language_is_listed_once_in_that_language(client, demo):
    russian_titles = [a.get_text(strip=True) for a in soup(client.get("/ru/news/")).select(".news-list h2 a")]
    english = NewsPage.objects.get(locale__language_code="en")
    assert english.title not in russian_titles
    assert len(russian_titles) == NewsPage.objects.live().filter(locale__language_code="ru").count()
    assert soup(client.get("/ru/news/")).select(".badge.untranslated") == []


def test_private_english_pages_are_neither_listed_nor_shown_under_another_language(client, english_only_news):
    PageViewRestriction.objects.create(page=english_only_news, restriction_type=PageViewRestriction.LOGIN)

    assert english_only_news.title not in soup(client.get("/tg/news/")).get_text()
    shown = client.get(f"/tg/news/{english_only_news.slug}/")
    assert shown.status_code == 302 and "login" in shown["Location"]


def test_a_practice_only_in_english_is_in_the_tajik_collection_and_its_counts(client, demo):
    english = BestPracticePage.objects.live().filter(locale__language_code="en").first()
    before = soup(client.get("/tg/knowledge-hub/best-practices/"))
    BestPracticePage.objects.filter(translation_key=english.translation_key, locale__language_code="tg").delete()

    after = soup(client.get("/tg/knowledge-hub/best-practices/"))
    assert (
        after.select_one(".results-bar [role=status]").get_text()
        == before.select_one(".results-bar [role=status]").get_text()
    ), "the same number of practices: the English stands in for the Tajik"
    listed = next(article for article in after.select(".practice-list article") if english.title in article.text)
    assert listed.h2["lang"] == "en" and listed.select_one(".badge.untranslated") is not None


def test_the_tajik_listing_queries_do_not_grow_with_english_only_news(client, demo, django_assert_max_num_queries):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    create_news(index, 10)
    client.get("/tg/news/")
    with django_assert_max_num_queries(25) as small:
        client.get("/tg/news/")
    with_ten = len(small)
    create_news(index, 300)
    client.get("/tg/news/")
    with django_assert_max_num_queries(with_ten):
        page = soup(client.get("/tg/news/"))
    assert len(page.select(".news-list .badge.untranslated")) == 10, "a full page of English-only news"


def test_an_organisation_only_in_english_is_marked_in_the_tajik_directory_and_on_its_page(client, demo):
    from hub.models import Stakeholder

    english = Stakeholder.objects.filter(locale__language_code="en").exclude(description="").first()
    Stakeholder.objects.filter(translation_key=english.translation_key, locale__language_code="tg").delete()

    directory = soup(client.get("/tg/stakeholders/"))
    entry = next(item for item in directory.select(".stakeholder-list li") if english.name in item.get_text())
    assert entry.h3["lang"] == "en" and entry.select_one(".badge.untranslated") is not None
    assert len(directory.select(".stakeholder-list .badge.untranslated")) == 1, "only the untranslated one"

    page = soup(client.get(f"/tg/stakeholders/{english.code}/"))
    assert page.h1["lang"] == "en" and page.select_one("p.lead")["lang"] == "en"
    assert "тарҷума нашудааст" in page.select_one(".untranslated-notice").get_text()
    assert page.select_one(".facts dt").get("lang") is None, "the interface stays Tajik"


def test_an_untranslated_page_reads_in_english_inside_the_readers_header_and_footer(client, english_only_news):
    page = soup(client.get(f"/tg/news/{english_only_news.slug}/"))
    content = page.select_one("main > div[lang=en]")
    assert "2018" in content.get_text() and "October" in content.get_text(), "its date written the English way"
    assert page.select_one(".site-header").get_text(" ").count("Ҷустуҷӯ") >= 1, "the header stays Tajik"


def test_an_event_only_in_english_is_marked_in_the_tajik_events_and_on_its_page(client, demo):
    from hub.models import Event

    english = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="en")
    Event.objects.filter(translation_key=english.translation_key, locale__language_code="tg").delete()

    listing = soup(client.get("/tg/events/"))
    entry = next(article for article in listing.select("article.event") if english.title in article.get_text())
    assert entry.select_one(".h3")["lang"] == "en" and entry.select_one(".badge.untranslated") is not None

    page = soup(client.get(f"/tg/events/{english.slug}/"))
    assert page.h1["lang"] == "en" and page.select_one(".untranslated-notice") is not None
    assert page.select_one("#registration").get("lang") is None, "the interface stays Tajik"
