"""The search box's suggestions in Chromium: what a keyboard and a screen reader get, and axe-core with them open."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible_in_both_themes
from tests.conftest import LANGUAGES

pytestmark = pytest.mark.browser

TYPED = {
    "en": ("digital lea", "Digital learning workshop (illustrative)"),
    "ru": ("цифров", "Семинар по цифровому обучению (пример)"),
    "tg": ("семин", "Семинар оид ба таълими рақамӣ (намуна)"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_suggestions_open_under_the_box_and_are_chosen_with_the_keyboard(demo_site, new_page, language):
    page = new_page()
    page.goto(f"{demo_site.url}/{language}/search/")
    box = page.locator("#search-page-q")
    typed, title = TYPED[language]

    box.press_sequentially(typed, delay=20)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = page.get_by_role("option").filter(has_text=title)
    expect(option).to_have_count(1)
    # A screen reader is told the suggestions are there and how to reach them.
    expect(page.locator(".suggest [role=status]")).not_to_be_empty()
    assert_accessible_in_both_themes(page, f"{language} suggestions open")

    # Down arrow moves through the options; the box keeps the focus and names the active one.
    for _ in range(page.get_by_role("option").count()):
        box.press("ArrowDown")
        if box.get_attribute("aria-activedescendant") == option.get_attribute("id"):
            break
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("h1").inner_text().startswith(title.split(" (")[0])


def test_escape_closes_the_suggestions_and_enter_then_searches(demo_site, new_page):
    page = new_page()
    page.goto(f"{demo_site.url}/en/search/")
    box = page.locator("#search-page-q")
    box.press_sequentially("teach", delay=20)
    expect(page.get_by_role("listbox")).to_be_visible()

    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    with page.expect_navigation():
        box.press("Enter")
    assert "q=teach" in page.url
