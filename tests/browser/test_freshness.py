"""A reader with a page open is told, within the polling interval, that it has changed (js/site.js)."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible_in_both_themes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fresh(settings):
    settings.PAGE_CACHE = True  # the notice needs kept (public) pages, as production serves them
    settings.FRESHNESS_POLL_SECONDS = 1


@pytest.mark.parametrize("language", ["en", "tg"])
def test_an_open_page_says_when_it_has_changed_and_asks_with_304s_until_then(site, new_page, fresh, language):
    from home.models import HomePage

    page = new_page()
    answers = []
    page.on("response", lambda response: response.request.resource_type == "fetch" and answers.append(response.status))
    page.goto(f"{site.url}/{language}/")
    notice = page.locator("[data-fresh]")
    page.wait_for_timeout(2500)
    assert answers and set(answers) == {304}, "unchanged: asked, and answered with empty 304s"
    expect(notice).to_be_hidden()

    home = HomePage.objects.get(locale__language_code=language)
    home.hero_heading = "A heading published while the page was open"
    home.save_revision().publish()

    expect(notice).to_be_visible(timeout=5000)
    assert notice.locator("xpath=..").get_attribute("role") == "status"
    expected = {"en": "This page has changed since you opened it.", "tg": "Ин саҳифа баъд аз кушодани шумо тағйир ёфт."}
    expect(notice).to_contain_text(expected[language])
    assert_accessible_in_both_themes(page, "the changed-page notice")
    notice.get_by_role("button").click()
    expect(page.locator("main")).to_contain_text("A heading published while the page was open")


def test_an_open_event_page_shows_the_places_taken_as_members_register(hub_site, new_page, fresh):
    from accounts.models import User
    from hub.events.registrations import register
    from hub.models import Event

    event = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="ru")
    Event.objects.filter(translation_key=event.translation_key).update(capacity=20)
    page = new_page()
    page.goto(f"{hub_site.url}/ru/events/{event.slug}/")
    places = page.locator("[data-places-url]")
    expect(places).to_have_text("Занято 0 из 20 мест.")
    assert places.get_attribute("aria-live") == "polite"
    page.evaluate("window.notReloaded = true")

    register(event, User.objects.create_user(email="member@example.org"))

    expect(places).to_have_text("Занято 1 из 20 мест.", timeout=5000)
    assert page.evaluate("window.notReloaded") is True
