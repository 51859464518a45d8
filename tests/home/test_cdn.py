"""A CDN in front of the site is purged of what a change shows on, once the change commits (home.cdn).

The CDN is a real HTTP server on the loopback that takes PURGE requests, as
Varnish does, through Wagtail's HTTPBackend.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from hub.models import Event, NewsPage

pytestmark = pytest.mark.django_db


class PurgeLog(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeLog)
    server.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    settings.CDN_MAX_AGE = 300
    yield server.purged
    server.shutdown()


def test_a_published_page_is_purged_with_its_translations_and_the_listings_that_show_it(
    cdn, demo, django_capture_on_commit_callbacks
):
    news = NewsPage.objects.get(slug="unesco-iite-national-workshop-ict-oer-2018", locale__language_code="ru")
    with django_capture_on_commit_callbacks(execute=True):
        news.title = f"{news.title} (обновлено)"
        news.save_revision().publish()
    for language in ("ru", "en", "tg"):
        assert f"/{language}/news/unesco-iite-national-workshop-ict-oer-2018/" in cdn
        assert f"/{language}/news/" in cdn and f"/{language}/" in cdn
    assert len(cdn) == len(set(cdn)), "one purge for the whole publish, however many rows it wrote"


def test_an_english_page_is_purged_too_where_it_stands_in_for_a_missing_translation(
    cdn, demo, django_capture_on_commit_callbacks
):
    english = NewsPage.objects.get(slug="unesco-iite-national-workshop-ict-oer-2018", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        NewsPage.objects.get(translation_key=english.translation_key, locale__language_code="tg").unpublish()
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        english.title = f"{english.title} (updated)"
        english.save_revision().publish()
    assert "/tg/news/unesco-iite-national-workshop-ict-oer-2018/" in cdn, "the English shown under /tg/"


def test_a_changed_event_is_purged_at_its_own_addresses_in_each_language(cdn, demo, django_capture_on_commit_callbacks):
    event = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        event.venue = "Ministry of Education and Science, room 2"
        event.save()
    for language in ("en", "ru", "tg"):
        for address in ("", "places/", "ical/"):
            assert f"/{language}/events/leg-quarterly-meeting/{address}" in cdn
        assert f"/{language}/events/" in cdn


def test_a_change_that_is_rolled_back_purges_nothing(cdn, demo, django_capture_on_commit_callbacks):
    event = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="en")
    captured = django_capture_on_commit_callbacks(execute=True)
    with captured as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        event.venue = "Nowhere"
        event.save()
        raise RuntimeError("the editor's save fails")
    assert callbacks == [] and cdn == []

    # The next change still purges: an abandoned batch does not swallow it.
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    assert "/en/events/leg-quarterly-meeting/" in cdn


def test_public_pages_tell_the_cdn_how_long_to_keep_them_only_when_one_is_purged(client, demo, settings):
    assert "s-maxage" not in client.get("/ru/news/")["Cache-Control"]
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    settings.CDN_MAX_AGE = 300
    answer = client.get("/ru/news/")
    assert answer["Cache-Control"] == "public, max-age=0, s-maxage=300, must-revalidate"
    assert "s-maxage" not in client.get("/ru/accounts/login/").get("Cache-Control", ""), "a form is never shared"


def test_a_renamed_organisation_is_purged_at_its_page_and_on_the_pages_that_name_it(
    cdn, demo, django_capture_on_commit_callbacks
):
    from hub.models import BestPracticePage, Stakeholder

    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="en")
    naming = BestPracticePage.objects.live().filter(organisations=unicef)  # translations name the English row too
    assert {page.locale.language_code for page in naming} == {"en", "ru", "tg"}
    with django_capture_on_commit_callbacks(execute=True):
        unicef.name = "United Nations Children's Fund (UNICEF)"
        unicef.save()
    assert "/en/stakeholders/unicef/" in cdn and "/en/stakeholders/" in cdn
    for page in naming:
        assert page.url in cdn
