"""Events and the directory in real Chromium: axe-core WCAG 2.1 A/AA in both themes, registration without JavaScript."""

import pytest

from tests.browser.test_hub import assert_pages_accessible, signed_in_page

pytestmark = pytest.mark.browser

EVENT_PAGES = [
    "",
    "events/",
    "events/?when=past",
    "events/calendar/",
    "events/?type=leg-meeting&organiser=moes",
    "events/leg-quarterly-meeting/",
    "events/assessment-training/",
]
MEMBER_PAGES = [
    "events/leg-meeting-previous-quarter/",
    "events/action-items/",
    "events/leg-quarterly-meeting/",
    "stakeholders/world-bank/",
]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_event_pages_have_no_wcag_violations(demo_site, new_page, theme):
    assert_pages_accessible(new_page(color_scheme=theme), demo_site, EVENT_PAGES)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_member_views_of_events_have_no_wcag_violations(demo_site, member_page, theme):
    page = member_page(color_scheme=theme)
    assert_pages_accessible(page, demo_site, MEMBER_PAGES)
    assert page.locator("table.action-items").count() == 1  # the last page, the World Bank's, lists its items


@pytest.mark.django_db(transaction=True)  # registers through the server
def test_a_member_registers_without_javascript_and_sees_the_calendar_on_a_phone(hub_site, new_page):
    page = signed_in_page(hub_site, new_page, java_script_enabled=False)
    page.goto(f"{hub_site.url}/ru/events/leg-quarterly-meeting/")
    page.get_by_role("button", name="Зарегистрироваться").click()
    assert page.locator(".messages").inner_text().startswith("Вы зарегистрированы на")
    assert page.locator(".registration .status").inner_text() == "Вы зарегистрированы."

    phone = new_page(viewport={"width": 320, "height": 640})
    phone.goto(f"{hub_site.url}/tg/events/calendar/")
    # The month's table scrolls inside its own box; the page itself never scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert phone.locator("table.calendar caption").is_visible()
