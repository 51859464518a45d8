"""The site's own look and voice on every page: mark, footer, accessibility statement (issue 17, item 7)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.conftest import LANGUAGES


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_carries_the_mark_and_a_footer_with_contact_and_statement(client, demo, language):
    for path in ("", "knowledge-hub/best-practices/", "documents/", "no-such-page/"):
        page = soup(client.get(f"/{language}/{path}"))
        brand = page.select_one(".site-header a.brand")
        # An inline mark: no request, no external asset, and nothing for a screen reader to read twice.
        assert brand.select_one("svg.logo")["aria-hidden"] == "true"
        assert not brand.select("abbr, img")  # the dotted underline came from an <abbr>
        footer = page.select_one("footer")
        assert footer.select_one(f'a[href="mailto:{settings.CONTACT_EMAIL}"]')
        assert footer.select_one(f'a[href="/{language}/accessibility/"]')


STATEMENT = {"en": "Known limits", "ru": "Известные ограничения", "tg": "Маҳдудиятҳои маълум"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_accessibility_statement_names_its_limits_and_a_way_to_report(client, home, language):
    page = soup(client.get(f"/{language}/accessibility/"))

    assert page.html["lang"] == language
    limits = page.find("h2", string=STATEMENT[language])
    assert len(limits.find_next("ul").select("li")) >= 3
    assert page.select_one(f'main a[href="mailto:{settings.CONTACT_EMAIL}"]')


def test_the_contact_address_comes_from_the_environment(client, home, settings):
    settings.CONTACT_EMAIL = "leg@moes.tj"
    assert soup(client.get("/en/privacy/")).select_one('main a[href="mailto:leg@moes.tj"]')


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_best_practice_shows_its_dates_and_library_rows_line_up(client, demo, language):
    practice = soup(client.get(f"/{language}/knowledge-hub/best-practices/systems-approach-to-digital-learning/"))
    dates = practice.select(".page-dates time")
    assert dates and dates[0]["datetime"][:4].isdigit()

    rows = soup(client.get(f"/{language}/documents/")).select(".document-list .document")
    # With previews on, every row keeps the first column, a preview or a file-type tile.
    assert rows and all(row.select_one(".document-preview") for row in rows)
