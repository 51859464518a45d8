"""A Tajik translator's admin: the screens they work in, read in Chromium, are at most 5 % English.

What counts is the interface: each visible string that is one of Wagtail's,
wagtail-localize's, allauth's or the project's strings, shown in English or in
Tajik. Content (titles, the English source being translated) is neither.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import add_session_cookie
from tests.conftest import site_content, tajik_admin_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISIBLE_TEXT = (Path(__file__).parents[2] / "translations" / "visible_text.js").read_text()
MOST_ENGLISH = 0.05


@pytest.fixture
def tajik_admin(hub_site, new_page):
    client = tajik_admin_client()
    page = new_page()
    add_session_cookie(page, hub_site, client.cookies["sessionid"].value)
    return page


def test_dashboard_editors_and_status_report_are_at_most_five_percent_english(hub_site, tajik_admin):
    from hub.models import Stakeholder
    from hub.news.models import NewsPage
    from translations.catalogs import InterfaceStrings, english_share

    english_news = NewsPage.objects.get(locale__language_code="en")
    tajik_news = NewsPage.objects.get(locale__language_code="tg", translation_key=english_news.translation_key)
    stakeholder = Stakeholder.objects.filter(locale__language_code="tg").first()
    screens = {
        "dashboard": "/admin/",
        "page editor": f"/admin/pages/{english_news.pk}/edit/",
        "translation editor": f"/admin/pages/{tajik_news.pk}/edit/",
        "translation status report": "/admin/reports/translations/",
        # Beyond the four: where translators and moderators also work.
        "page explorer": f"/admin/pages/{tajik_news.get_parent().pk}/",
        "snippet translation editor": f"/admin/snippets/hub/stakeholder/edit/{stakeholder.pk}/",
        "page history": f"/admin/pages/{tajik_news.pk}/history/",
        "workflows": "/admin/workflows/list/",
    }
    strings = InterfaceStrings(content=site_content())
    figures, too_english = [], []
    for screen, url in screens.items():
        tajik_admin.goto(f"{hub_site.url}{url}")
        tajik_admin.wait_for_load_state("networkidle")
        assert tajik_admin.locator("html").get_attribute("lang") == "tg", screen
        english, seen = english_share(strings, tajik_admin.evaluate(VISIBLE_TEXT))
        assert seen >= 20, f"{screen}: only {seen} interface strings read; the page did not render"
        figures.append(f"{screen}: {len(english)}/{seen} English ({len(english) / seen:.1%})")
        if len(english) > MOST_ENGLISH * seen:
            too_english.append(f"{screen}: {sorted(set(english))}")
    print("\n".join(figures))
    assert too_english == [], "\n".join(figures + too_english)
