"""Every link in every email opens the item, on the site's public address, in the recipient's language (item 19)."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from accounts.models import User
from hub.models import ActionItem, Event, NewsPage
from notifications import outbox
from notifications.models import Notification

from .conftest import deliver

Kind = Notification.Kind
BASE = "http://127.0.0.1:8000"  # as `make run` serves it: a port the Wagtail site record does not name


def links_in(message):
    html = message.alternatives[0][0]
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href]")]
    return hrefs + re.findall(r"https?://\S+", message.body)


@pytest.fixture
def reader(demo, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    return User.objects.create_user("reader@example.org", preferred_language="tg")


def email_about(reader, kind, payload):
    outbox.record(kind, reader, key=f"{kind}:links", payload=payload)
    [message] = deliver()
    return message


def item_links(message):
    return [url for url in links_in(message) if "unsubscribe" not in url and "/accounts/" not in url]


def test_every_link_in_each_kind_of_email_is_on_the_public_address_and_opens(client, reader):
    news = NewsPage.objects.filter(locale__language_code="en").first()
    event = Event.objects.filter(locale__language_code="en").first()
    item = ActionItem.objects.filter(locale__language_code="en").select_related("event").first()
    messages = [
        email_about(reader, Kind.PUBLICATION, {"model": "wagtailcore.page", "pk": news.pk}),
        email_about(reader, Kind.EVENT, {"event": event.pk, "change": "created"}),
        email_about(reader, Kind.INVITATION, {}),
        email_about(reader, Kind.ACTION_REMINDER, {"item": item.pk}),
    ]
    for message in messages:
        links = links_in(message)
        assert links and all(url.startswith(f"{BASE}/") for url in links), links
        for url in set(links):
            response = client.get(url.removeprefix(BASE))
            assert response.status_code in (200, 302), (url, response.status_code)


def test_links_open_the_item_in_the_recipients_language_where_it_is_translated(client, reader):
    news = NewsPage.objects.filter(locale__language_code="en").first()
    translated = news.get_translation(Locale.objects.get(language_code="tg"))
    message = email_about(reader, Kind.PUBLICATION, {"model": "wagtailcore.page", "pk": news.pk})
    [link] = set(item_links(message)) - {f"{BASE}/tg/"}
    assert link == BASE + translated.url
    page = BeautifulSoup(client.get(link.removeprefix(BASE)).content, "html.parser")
    assert page.html["lang"] == "tg" and translated.title in page.h1.get_text()
