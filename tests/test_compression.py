"""Pages travel compressed to clients that accept it, and an unchanged page is answered 304 (issue 20)."""

import gzip

import brotli
import pytest

from home.models import HomePage
from hub.documents.models import Access
from tests.hub.documents.test_documents import make_document

pytestmark = pytest.mark.django_db


def test_a_page_goes_compressed_to_a_client_that_accepts_gzip_and_plain_to_one_that_does_not(client, demo):
    plain = client.get("/ru/knowledge-hub/")
    packed = client.get("/ru/knowledge-hub/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert html == plain.content.decode()
    assert len(packed.content) < len(plain.content) * 0.4


def test_a_page_the_same_for_everyone_goes_as_brotli_and_a_page_with_a_form_as_padded_gzip(client, demo):
    plain = client.get("/ru/knowledge-hub/").content
    packed = client.get("/ru/knowledge-hub/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "br" and "Accept-Encoding" in packed["Vary"]
    assert brotli.decompress(packed.content) == plain
    assert len(packed.content) < len(gzip.compress(plain)) and packed["ETag"].startswith('W/"')
    assert (
        client.get("/ru/knowledge-hub/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=packed["ETag"]).status_code
        == 304
    )

    # A sign-in form carries its reader's CSRF token: no Brotli, whose size could be probed for it (BREACH).
    form = client.get("/ru/accounts/login/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert form.cookies and form["Content-Encoding"] == "gzip"
    assert "csrfmiddlewaretoken" in gzip.decompress(form.content).decode()


def test_an_unchanged_page_is_answered_304_and_a_published_change_is_seen_at_once(client, demo):
    first = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    tag = first["ETag"]
    assert tag.startswith('W/"')  # weak: the same page whether compressed or not
    again = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    # Without compression the page is the same representation for the weak comparison.
    assert client.get("/en/", HTTP_IF_NONE_MATCH=tag).status_code == 304

    home = HomePage.objects.get(locale__language_code="en")
    home.hero_heading = "Local Education Group of Tajikistan, renewed"
    home.save_revision().publish()
    changed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200
    assert "renewed" in gzip.decompress(changed.content).decode()


def test_document_downloads_are_sent_as_they_are(client, demo):
    document = make_document("Sector plan", "sector-plan", access=Access.PUBLIC)
    response = client.get(document.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_feeds_and_open_data_are_compressed_too(client, demo):
    for url in ("/en/news/feed/", "/en/projects/data/json/", "/sitemap.xml", "/sitemap-pages.xml"):
        assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip", url


def test_an_uncompressed_page_says_its_true_length(client, demo):
    """The ETag written into the page (legtj.middleware.PageETagMiddleware) changes its length after it was set."""
    response = client.get("/en/")
    assert "Content-Encoding" not in response
    assert int(response["Content-Length"]) == len(response.content)
    assert b"__PAGE_ETAG__" not in response.content
