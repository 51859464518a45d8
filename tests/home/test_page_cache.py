"""Kept pages for anonymous readers (home.pagecache): served without rendering, and never after a change.

The suite renders every page (settings/test.py); these tests turn the page cache on, as production has it.
Each freshness test first makes sure the page is kept, then changes what it shows, then reads it again.
"""

import datetime
import gzip

import brotli
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from accounts.models import User
from hub.events.registrations import register
from hub.models import Event, NewsPage, Stakeholder
from tests.conftest import LANGUAGES

QUARTERLY = "leg-quarterly-meeting"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def kept(client, url, django_assert_max_num_queries):
    """Read `url` twice; the second answer comes from the cache (one query: the content's version)."""
    first = client.get(url)
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    return second


def test_a_kept_page_is_served_without_rendering_and_says_so_to_shared_caches(
    client, demo, django_assert_max_num_queries
):
    response = kept(client, "/ru/news/", django_assert_max_num_queries)

    assert "Cookie" in response["Vary"], "a shared cache must not hand it to a signed-in reader"
    assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    again = client.get("/ru/news/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_page_is_kept_compressed_for_each_encoding_a_client_accepts(client, demo, django_assert_max_num_queries):
    """Kept as sent: a kept page is not compressed again, and each client gets the encoding it asked for."""
    answers = {}
    for accepted, expected in (("br, gzip", "br"), ("gzip", "gzip"), ("", None)):
        client.get("/tg/news/", HTTP_ACCEPT_ENCODING=accepted)
        with django_assert_max_num_queries(1):
            answers[expected] = client.get("/tg/news/", HTTP_ACCEPT_ENCODING=accepted)
        assert answers[expected].get("Content-Encoding") == expected
    assert brotli.decompress(answers["br"].content) == gzip.decompress(answers["gzip"].content)
    assert gzip.decompress(answers["gzip"].content) == answers[None].content
    assert 'lang="tg"' in answers[None].content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_change_shows_on_the_next_request_in_each_language(
    client, demo, language, django_assert_max_num_queries
):
    news = NewsPage.objects.filter(locale__language_code=language).live().first()
    listing, detail = news.get_parent().url, news.url
    for url in (listing, detail):
        assert news.title in text(kept(client, url, django_assert_max_num_queries))

    news.title = f"{news.title} (2)"
    news.save_revision().publish()

    for url in (listing, detail):
        assert news.title in text(client.get(url))


def test_an_unpublished_page_is_gone_at_once(client, demo, django_assert_max_num_queries):
    news = NewsPage.objects.filter(locale__language_code="tg").live().first()
    kept(client, news.url, django_assert_max_num_queries)
    url = news.url

    news.unpublish()

    # Gone at once: the address now shows the English original, said to be untranslated.
    shown = client.get(url)
    assert news.title not in text(shown) and "untranslated-notice" in shown.content.decode()
    assert news.title not in text(client.get(news.get_parent().url))


def test_a_snippet_change_shows_on_every_page_that_shows_it(client, demo, django_assert_max_num_queries):
    organisation = Stakeholder.objects.filter(locale__language_code="ru").exclude(acronym="").first()
    directory = "/ru/stakeholders/"
    assert organisation.name in text(kept(client, directory, django_assert_max_num_queries))

    organisation.name = "Новое название организации"
    organisation.save()

    assert "Новое название организации" in text(client.get(directory))


def test_places_taken_change_on_the_event_page_as_members_register(client, demo, django_assert_max_num_queries):
    quarterly = Event.objects.get(slug=QUARTERLY, locale__language_code="en")
    Event.objects.filter(translation_key=quarterly.translation_key).update(capacity=5)
    url = f"/en/events/{QUARTERLY}/"
    assert "0 of 5 places taken" in text(kept(client, url, django_assert_max_num_queries))

    register(quarterly, User.objects.create_user(email="member@example.org"))

    assert "1 of 5 places taken" in text(client.get(url))


def test_signed_in_readers_are_never_served_a_kept_page_nor_kept_for_others(client, demo):
    anonymous = client.get("/en/")
    member = Client()
    member.force_login(User.objects.create_user(email="member@example.org"))

    signed_in = member.get("/en/")
    assert signed_in.content != anonymous.content and "private" in signed_in["Cache-Control"]
    assert client.get("/en/").content == anonymous.content


def test_a_page_with_a_form_is_rendered_for_each_reader(client, demo, django_assert_max_num_queries):
    """Its CSRF token belongs to one reader: kept, it would refuse every other reader's submission."""
    url = "/en/accounts/login/"
    client.get(url)
    other = Client()
    first = other.get(url)
    second = other.get(url)
    assert first.cookies or second.cookies, "each answer carries its reader's CSRF cookie"
    token = BeautifulSoup(second.content, "html.parser").select_one("[name=csrfmiddlewaretoken]")["value"]
    assert token not in client.get(url).content.decode()


def test_every_search_is_still_counted(client, demo):
    from wagtail.contrib.search_promotions.models import Query

    for _ in range(2):
        client.get("/en/search/", {"q": "teachers"})

    assert Query.get("teachers").hits == 2


def test_a_page_that_shows_no_time_is_kept_past_the_minute(client, demo, django_assert_max_num_queries, monkeypatch):
    """Only the clock's pages are rendered again for the clock's sake: a news listing waits for a change."""
    kept(client, "/en/news/", django_assert_max_num_queries)
    later = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)

    with django_assert_max_num_queries(1):
        assert client.get("/en/news/").status_code == 200


def test_an_event_that_ends_leaves_the_kept_upcoming_list_within_its_minute(client, demo, monkeypatch):
    """The events page read the clock: kept to the end of its minute, then rendered as of the new time."""
    quarterly = Event.objects.get(slug=QUARTERLY, locale__language_code="en")
    assert quarterly.start > timezone.now(), "the demo's quarterly meeting is ahead"
    assert quarterly.title in text(client.get("/en/events/"))
    assert quarterly.title in text(client.get("/en/events/")), "kept while the meeting is ahead"
    after = quarterly.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after)

    assert quarterly.title not in text(client.get("/en/events/"))
    assert quarterly.title in text(client.get("/en/events/?when=past"))


def test_a_kept_value_out_of_date_as_soon_as_worked_out_is_served_not_worked_out_forever(rf, db):
    from home import pagecache

    pagecache.forget_here()
    worked_out = []

    def compute():
        worked_out.append(True)
        return timezone.now() - datetime.timedelta(seconds=1), len(worked_out)

    assert pagecache.kept_until(rf.get("/"), "clock-bug", compute) == 1
    # Found out of date by the next request: worked out once more for it, and served.
    assert pagecache.kept_until(rf.get("/"), "clock-bug", compute) == 2
