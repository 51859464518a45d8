"""The search page as a reader uses it: kinds of result with counts, matched words marked, help when nothing
matches, the editors' promoted results, suggestions as one types, and the query log editors read."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from accounts.models import User
from search.models import UnansweredQuery

MEMBERS_ONLY = "Обзор цифрового обучения в школах Таджикистана"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def hits(response):
    return [
        (a.find_parent("article")["class"][0].removeprefix("hit-"), a.get_text())
        for a in soup(response).select(".search-results h2 a")
    ]


def test_results_of_every_kind_come_with_counts_and_a_filter_per_kind(client, demo):
    page = soup(client.get("/en/search/", {"q": "teachers"}))
    facets = {a.get_text(" ", strip=True) for a in page.select(".result-types a")}

    assert {"All 8", "Best practices 1", "News 1", "Events 2", "Organisations 2", "Pages 2"} <= facets
    assert page.select_one(".result-types [aria-current]").get_text(" ", strip=True) == "All 8"

    events = hits(client.get("/en/search/", {"q": "teachers", "type": "events"}))
    assert len(events) == 2 and {kind for kind, _ in events} == {"events"}


def test_the_words_that_matched_are_marked_in_any_of_their_forms(client, demo):
    page = soup(client.get("/ru/search/", {"q": "учитель"}))
    marked = {mark.get_text().lower() for mark in page.select(".excerpt mark")}

    assert {"учителей"} <= marked
    assert all(mark.get_text().lower().startswith("учител") for mark in page.select(".excerpt mark"))


def test_a_misspelling_is_corrected_and_said(client, demo):
    page = soup(client.get("/en/search/", {"q": "cordination"}))

    assert "Nothing was found for “cordination”" in page.select_one(".notice").get_text()
    assert page.select_one(".notice strong").get_text() == "coordination"
    assert hits_titles(page)[0] == "The coordination challenge"


def hits_titles(page):
    return [a.get_text() for a in page.select(".search-results h2 a")]


def test_nothing_found_says_what_to_try_and_where_else_it_is(client, demo):
    # An English word on the Tajik site: nothing in Tajik, found in English.
    page = soup(client.get("/tg/search/", {"q": "illustrative"}))

    assert hits_titles(page) == []
    assert page.select(".notice") == []  # no correction that finds nothing either
    assert page.select_one(".result-count").get_text().startswith("0 ")
    elsewhere = page.select(".no-results a[hreflang]")
    assert [a["hreflang"] for a in elsewhere] == ["en"]
    assert elsewhere[0]["href"] == "/en/search/?q=illustrative"
    listings = [a["href"] for a in page.select(".no-results a:not([hreflang])")]
    assert "/tg/documents/" in listings and "/tg/events/" in listings


def test_the_page_in_tajik_is_tajik(client, demo):
    page = soup(client.get("/tg/search/", {"q": "омӯзгорон"}))

    assert page.select_one(".result-count").get_text() == "8 натиҷа барои «омӯзгорон»"
    facets = [a.get_text(" ", strip=True) for a in page.select(".result-types a")]
    assert facets[0] == "Ҳама 8" and "Саҳифаҳо 2" in facets
    assert page.select_one(".hit-events .tag").get_text() == "Чорабиниҳо"


def test_editors_promoted_result_leads_in_the_readers_language(client, demo):
    about = Page.objects.get(locale__language_code="en", slug="about")
    SearchPromotion.objects.create(query=Query.get("LEG"), page=about, description="Who we are")

    page = soup(client.get("/ru/search/", {"q": "leg"}))
    promoted = page.select(".promoted a")
    assert [(a.get_text(), a["href"]) for a in promoted] == [("О группе", "/ru/about/")]

    about.get_translation(Locale.objects.get(language_code="ru")).unpublish()
    assert soup(client.get("/ru/search/", {"q": "leg"})).select(".promoted a") == []


def test_searches_are_logged_and_those_that_found_nothing_by_language(client, demo):
    client.get("/tg/search/", {"q": "Зебра"})
    client.get("/tg/search/", {"q": "зебра"})
    client.get("/tg/search/", {"q": "зебра", "page": "2"})  # turning pages is not searching again
    client.get("/en/search/", {"q": "teachers"})

    assert Query.get("зебра").hits == 2
    # Only these searches: the browser tests' server may have logged its own before (in other languages).
    zebra = UnansweredQuery.objects.filter(query_string="зебра")
    assert list(zebra.values_list("query_string", "language", "hits")) == [("зебра", "tg", 2)]
    assert not UnansweredQuery.objects.filter(query_string="teachers", language="en").exists()


def test_editors_see_the_searches_that_found_nothing(client, demo):
    UnansweredQuery.objects.create(query_string="зебра", language="tg", date="2026-11-30", hits=3)
    UnansweredQuery.objects.create(query_string="зебра", language="tg", date="2026-12-01", hits=2)
    UnansweredQuery.objects.create(query_string="unicorn", language="en", date="2026-12-01", hits=1)

    client.force_login(User.objects.create_user(email="partner@example.org"))
    assert client.get("/admin/reports/unanswered-searches/").status_code in (302, 403)

    client.force_login(User.objects.create_superuser(email="editor@leg.tj"))
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in soup(client.get("/admin/reports/unanswered-searches/")).select("tbody tr")
    ]
    ours = [row[:3] for row in rows if row[0] in ("зебра", "unicorn")]  # the browser tests may have logged others
    assert ours == [["зебра", "tg", "5"], ["unicorn", "en", "1"]]
    csv = client.get("/admin/reports/unanswered-searches/", {"export": "csv"})
    assert csv.status_code == 200 and "зебра,tg,5" in b"".join(csv.streaming_content).decode()


def test_suggestions_complete_what_is_typed_and_name_nothing_private(client, demo):
    typed = client.get("/en/search/suggest/", {"q": "digital lea"})
    assert typed["Cache-Control"] == "public, max-age=60"
    titles = [result["title"] for result in typed.json()["results"]]
    assert "Digital learning workshop (illustrative)" in titles

    assert client.get("/en/search/suggest/", {"q": "d"}).json() == {"results": []}
    assert MEMBERS_ONLY not in [r["title"] for r in client.get("/ru/search/suggest/", {"q": "обзор"}).json()["results"]]

    client.force_login(User.objects.create_user(email="member@partner.example"))
    member = client.get("/ru/search/suggest/", {"q": "обзор"})
    assert member["Cache-Control"] == "private, no-store"
    assert MEMBERS_ONLY in [r["title"] for r in member.json()["results"]]


@pytest.mark.parametrize("query", ['"unbalanced', "null\x00byte", "((", "*", "OR AND NOT", "a" * 500])
def test_odd_queries_get_a_page_not_an_error(client, demo, query):
    assert client.get("/ru/search/", {"q": query}).status_code == 200
    assert client.get("/ru/search/suggest/", {"q": query}).status_code == 200


def test_the_queries_a_search_costs_do_not_grow_with_its_results(client, demo, django_assert_max_num_queries):
    # One search and one count per kind, a query per page type shown, promotions and the query log.
    with django_assert_max_num_queries(50):
        client.get("/tg/search/", {"q": "Тоҷикистон"})
    # Nothing found costs a second search (the suggestion) and a count per kind in each other language.
    with django_assert_max_num_queries(55):
        client.get("/en/search/", {"q": "zzzqqq"})
    with django_assert_max_num_queries(20):
        client.get("/tg/search/suggest/", {"q": "маор"})
