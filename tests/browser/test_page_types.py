"""Every kind of page in Chromium, in en/ru/tg and both themes, anonymous and signed in (issue 17).

axe-core runs its WCAG 2.1 A/AA rules and its best-practice rules on each
page, once per theme: the theme is switched on the loaded page (as the theme
switch does), so each page is fetched once per language and user. The phone
figures of the issue (header height, tab stops, layout shift, home length)
are checked with the measuring script anyone can run (`phone_metrics.py`).
"""

import pytest
from django.test import RequestFactory
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible_in_both_themes
from tests.browser.conftest import add_session_cookie
from tests.browser.phone_metrics import PATHS, PHONE, measure
from tests.conftest import LANGUAGES
from tests.public_pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser

# Signed in, the public pages again (their header, documents and events change) and the members' own.
MEMBER_PAGES = [
    *[(path, status) for path, status in PUBLIC_PAGES if path != "accounts/login/"],
    ("knowledge-hub/best-practices/submit/", 200),
    ("knowledge-hub/best-practices/submissions/", 200),
    ("accounts/profile/", 200),
    ("accounts/profile/delete/", 200),
    ("events/action-items/", 200),
    ("events/leg-meeting-previous-quarter/", 200),
    ("stakeholders/world-bank/", 200),
    ("styleguide/", 403),  # a partner is not staff
]


def assert_no_script_errors(page):
    """Nothing but the browser's note of an error status (the 403 and 404 pages) reached the console."""
    assert [problem for problem in page.problems if not problem.startswith("Failed to load resource")] == []


def check(page, url, status):
    response = page.goto(url)
    assert response.status == status, url
    assert_accessible_in_both_themes(page, url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_has_no_axe_violation(demo_site, new_page, language):
    from hub.models import HubDocument, NewsPage

    # The document link has no language in its address: the browser's language says which.
    page = new_page(extra_http_headers={"Accept-Language": language})
    for path, status in PUBLIC_PAGES:
        check(page, f"{demo_site.url}/{language}/{path}", status)
        assert page.locator("html").get_attribute("lang") == language
    # A news tag, as the reader reaches it: from the item's own tag links.
    news = NewsPage.objects.get(locale__language_code=language)
    page.goto(f"{demo_site.url}{news.url}")
    check(page, demo_site.url + page.locator("a[href*='/tag/']").first.get_attribute("href"), 200)
    # A members' document asks an anonymous reader to sign in: the 403 page.
    check(page, demo_site.url + HubDocument.objects.get(access="members").url, 403)
    assert page.locator("html").get_attribute("lang") == language
    assert_no_script_errors(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_member_page_type_has_no_axe_violation(demo_site, member_page, language):
    page = member_page()
    for path, status in MEMBER_PAGES:
        check(page, f"{demo_site.url}/{language}/{path}", status)
        if path == "stakeholders/world-bank/":
            assert page.locator("table.action-items").count() == 1  # members see an organisation's action items
    assert_no_script_errors(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_style_guide_shows_every_component_to_staff_without_violations(
    demo_site, new_page, staff_session, language
):
    page = new_page()
    add_session_cookie(page, demo_site, staff_session)
    check(page, f"{demo_site.url}/{language}/styleguide/", 200)
    # Each theme's panel resolves the same tokens to its own colours.
    backgrounds = page.locator(".styleguide").evaluate_all(
        "panels => panels.map(p => getComputedStyle(p).backgroundColor)"
    )
    assert len(set(backgrounds)) == 2
    assert page.locator(".theme-dark .form-errors").count() == 1


@pytest.mark.django_db(transaction=True)  # asking for a code writes the session through the server
def test_code_entry_and_a_refused_code_have_no_axe_violation(site, new_page):
    for language in LANGUAGES:
        page = new_page()  # a pending code would send the next language's sign-in page to the code form
        page.goto(f"{site.url}/{language}/accounts/login/")
        page.locator("input[name=email]").fill("browser-code@partner.example")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/login/code/confirm/**")
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible_in_both_themes(page, f"code entry ({language})")
        page.locator("input[name=code]").fill("WRONG")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        # After a refused send the error summary has the focus (waited for: autofocus follows the new page's load).
        expect(page.locator("#form-errors")).to_be_focused()
        assert_accessible_in_both_themes(page, f"refused code ({language})")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_csrf_failure_page_is_ours_in_the_readers_language(demo_site, new_page, language):
    page = new_page()
    page.goto(f"{demo_site.url}/{language}/accounts/login/")
    page.context.clear_cookies()  # as when the browser blocks the site's cookies
    page.locator("input[name=email]").fill("browser-csrf@partner.example")
    with page.expect_navigation() as sent:  # waits for the refusal page to load, not just its headers
        page.locator("main form button[type=submit]").click()
    assert sent.value.status == 403
    assert sent.value.request.method == "POST"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".site-header").count() == 1
    assert_accessible_in_both_themes(page, "CSRF failure")


def rendered(language, status):
    """The site's 429 or 500 page as the server renders it, for pages no reader can be sent to on purpose."""
    from django.contrib.auth.models import AnonymousUser
    from django.shortcuts import render

    from legtj.views import server_error

    request = RequestFactory().get(f"/{language}/")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = language
    with translation.override(language):
        response = server_error(request) if status == 500 else render(request, "429.html", status=429)
    return response.content


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", [429, 500])
def test_the_429_and_500_pages_have_no_axe_violation(demo_site, new_page, language, status):
    page = new_page()
    url = f"{demo_site.url}/{language}/rendered-{status}/"
    body = rendered(language, status)
    page.route(url, lambda route: route.fulfill(status=status, body=body, content_type="text/html; charset=utf-8"))
    check(page, url, status)
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_header_is_compact_nothing_shifts_and_the_home_page_is_short(demo_site, new_page, language):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    # Every page type in Russian (the longest words); the pages readers open most in each language.
    paths = [path for path, _status in PUBLIC_PAGES] if language == "ru" else PATHS
    for path in paths:
        figures = measure(page, f"{demo_site.url}/{language}/{path}")
        assert figures["header_px"] <= 120, (path, figures)
        assert figures["tab_stops"] <= 6, (path, figures)
        assert figures["cls"] == 0, (path, figures)
        if path == "":
            assert figures["screens"] <= 6, figures


@pytest.mark.django_db(transaction=True)  # adds practices the server must see
def test_the_collections_second_page_has_no_axe_violation(hub_site, new_page, monkeypatch):
    from wagtail.models import Page

    from hub.best_practices import views
    from hub.models import BestPracticePage

    copies = {}  # the copies are translations of one another, as the originals are
    for practice in BestPracticePage.objects.live():
        copy = practice.copy(
            update_attrs={"slug": f"{practice.slug}-2", "title": f"{practice.title} (2)"}, keep_live=True
        )
        key = copies.setdefault(practice.translation_key, copy.translation_key)
        Page.objects.filter(pk=copy.pk).update(translation_key=key)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)  # the server runs in this process: two practices, two pages
    page = new_page()
    for language in LANGUAGES:
        check(page, f"{hub_site.url}/{language}/knowledge-hub/best-practices/?page=2", 200)
        assert page.locator(".practice-list > li").count() == 1
        assert page.locator(".pagination a[rel=prev]").count() == 1
        assert page.locator(".pagination a[rel=next]").count() == 0


@pytest.mark.django_db(transaction=True)
def test_an_english_page_shown_to_russian_and_tajik_readers_and_its_listing_have_no_axe_violation(hub_site, new_page):
    from hub.models import NewsPage

    english = NewsPage.objects.get(locale__language_code="en")
    for translated in NewsPage.objects.filter(translation_key=english.translation_key).exclude(pk=english.pk):
        translated.unpublish()
    page = new_page()
    for language in ("ru", "tg"):
        check(page, f"{hub_site.url}/{language}/news/", 200)
        assert page.locator(".news-list .badge.untranslated").count() == 1
        check(page, f"{hub_site.url}/{language}/news/{english.slug}/", 200)
        assert page.get_by_role("note").first.get_attribute("lang") is None, "the notice is in the page's language"
        assert page.locator("main > div[lang=en] h1").inner_text() == english.title
    assert_no_script_errors(page)
