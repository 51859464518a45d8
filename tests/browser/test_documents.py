"""The document library in real Chromium: axe-core in both themes for a member, previews, and the sign-in page."""

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser
# A lazy image loads once scrolled to, in its own time on a busy machine: its width once it has.
LOADED_WIDTH = "img => img.complete ? img.naturalWidth : new Promise(done => img.onload = () => done(img.naturalWidth))"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_member_sees_the_library_with_previews_and_no_wcag_violations(demo_site, member_page, theme):
    page = member_page(color_scheme=theme)
    for language in ("en", "ru", "tg"):
        page.goto(f"{demo_site.url}/{language}/documents/")
        assert page.locator("html").get_attribute("lang") == language
        members_only = page.locator(".document", has_text="Обзор цифрового обучения")
        assert members_only.locator(".access").count() == 1
        assert members_only.locator("h3 a").get_attribute("lang") == "ru"
        previews = page.locator("img.document-preview")
        assert previews.count() == 2  # the two PDFs everyone and members may see
        for index in range(previews.count()):
            previews.nth(index).scroll_into_view_if_needed()
            assert previews.nth(index).evaluate(LOADED_WIDTH) == 320
        assert_accessible(page)
    assert page.problems == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_anonymous_visitor_is_asked_to_sign_in_for_a_members_document(demo_site, new_page, theme):
    from hub.models import HubDocument

    document = HubDocument.objects.get(access="members")
    page = new_page(color_scheme=theme, locale="tg-TJ", extra_http_headers={"Accept-Language": "tg"})
    response = page.goto(f"{demo_site.url}{document.url}")
    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "tg"
    assert page.locator("main a.button").get_attribute("href").startswith("/tg/accounts/login/?next=")
    assert_accessible(page)
    # The only console message is the page's own 403: no script or CSP error.
    assert page.problems == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
