"""Real Chromium: the theme switch, small screens, the skip link and the language switcher.

axe-core over every page type is in test_page_types.py.
"""

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_theme_switch_overrides_the_system_and_is_remembered(demo_site, new_page):
    page = new_page(color_scheme="light")
    page.goto(f"{demo_site.url}/en/")
    light = background(page)

    page.get_by_role("button", name="Dark").click()
    assert page.get_by_role("button", name="Dark").get_attribute("aria-pressed") == "true"
    dark = background(page)
    assert dark != light
    assert_accessible(page)

    page.reload()
    # Set by the inline head script before the stylesheet paints: no flash of the light theme.
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background(page) == dark

    page.get_by_role("button", name="System").click()
    assert background(page) == light
    page.reload()
    assert background(page) == light
    assert page.problems == []


def test_without_javascript_the_page_follows_the_system_theme(demo_site, new_page):
    page = new_page(color_scheme="dark", java_script_enabled=False)
    page.goto(f"{demo_site.url}/ru/")

    assert page.get_by_role("group", name="Цветовая тема").count() == 0  # hidden: it could not work
    light_page = new_page(color_scheme="light", java_script_enabled=False)
    light_page.goto(f"{demo_site.url}/ru/")
    dark_page = new_page(color_scheme="dark")
    dark_page.goto(f"{demo_site.url}/ru/")
    assert background(page) == background(dark_page)
    assert background(page) != background(light_page)


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_layout_fits_the_screen_without_sideways_scrolling(demo_site, new_page, width):
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(f"{demo_site.url}/tg/")

    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_skip_link_moves_focus_to_the_main_content(demo_site, new_page):
    page = new_page()
    page.goto(f"{demo_site.url}/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_lands_on_the_translation(demo_site, new_page):
    page = new_page()
    page.goto(f"{demo_site.url}/en/")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Тоҷикӣ").click()

    assert page.url == f"{demo_site.url}/tg/"
    assert page.locator("h1").inner_text() == "Гурӯҳи маҳаллии маорифи Тоҷикистон"
