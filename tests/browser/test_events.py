"""Events in real Chromium: registration without JavaScript, and the month on a phone."""

import pytest

from tests.browser.test_hub import signed_in_page

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)  # registers through the server
def test_a_member_registers_without_javascript_and_sees_the_calendar_on_a_phone(hub_site, new_page):
    page = signed_in_page(hub_site, new_page, java_script_enabled=False)
    page.goto(f"{hub_site.url}/ru/events/leg-quarterly-meeting/")
    page.get_by_role("button", name="Зарегистрироваться").click()
    assert page.locator(".messages").inner_text().startswith("Вы зарегистрированы на")
    assert page.locator(".registration .status").inner_text() == "Вы зарегистрированы."

    phone = new_page(viewport={"width": 320, "height": 640})
    phone.goto(f"{hub_site.url}/tg/events/calendar/")
    # A phone gets the month as an agenda of its days, not seven cut-off columns; nothing scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert not phone.locator("table.calendar").is_visible()
    assert phone.locator(".agenda h3").first.is_visible()
    # The filters wait behind one button instead of filling the first screen.
    assert not phone.locator(".facets h3").first.is_visible()
    phone.locator(".filters > summary").click()
    assert phone.locator(".facets h3").first.is_visible()
