"""The Wagtail admin under its own Content-Security-Policy, in Chromium: it works and nothing is blocked."""

import pytest

from tests.browser.conftest import add_session_cookie

# The admin writes as it is used (editing sessions, profiles): its own server and database, not the shared demo.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(site, new_page):
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.create_superuser(email="browser-admin@leg.tj"))
    page = new_page()
    add_session_cookie(page, site, client.cookies["sessionid"].value)
    return page


def test_dashboard_page_editor_and_image_chooser_run_with_no_policy_violation(site, admin_page):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    response = admin_page.goto(f"{site.url}/admin/")
    policy = response.headers["content-security-policy"]
    for directive in ("object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "default-src 'self'"):
        assert directive in policy
    assert admin_page.locator("h1").count() >= 1

    admin_page.goto(f"{site.url}/admin/pages/{home.pk}/edit/")
    admin_page.wait_for_load_state("networkidle")
    # With an image already chosen the widget hides its "choose" button behind a menu; its action is the same.
    admin_page.locator("[data-chooser-action-choose]").first.dispatch_event("click")
    dialog = admin_page.get_by_role("dialog")
    dialog.get_by_role("heading", name="Choose an image").wait_for()
    dialog.get_by_role("tab", name="Upload").wait_for()  # the chooser's own script has built its tabs

    assert [problem for problem in admin_page.problems if "Content Security Policy" in problem] == []
    assert admin_page.problems == []


def test_the_translation_status_report_and_its_dashboard_panel_pass_axe(site, admin_page):
    """Our own admin screens (translations app), checked where they are ours: Wagtail's frame is Wagtail's."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.axe import RULES

    for url, region in (("/admin/reports/translations/", "#main"), ("/admin/", "#translation-status-section")):
        admin_page.goto(f"{site.url}{url}")
        admin_page.locator(region).first.wait_for()
        results = Axe().run(admin_page, context=region, options=RULES)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
    assert admin_page.problems == []


def test_the_snippet_translation_review_screen_passes_axe_and_says_what_a_missing_comment_needs(hub_site, admin_page):
    from axe_playwright_python.sync_playwright import Axe
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from accounts.models import User
    from hub.models import Stakeholder
    from tests.browser.axe import RULES
    from translations import review

    english = Stakeholder.objects.filter(locale__language_code="en").first()
    Stakeholder.objects.filter(translation_key=english.translation_key, locale__language_code="tg").delete()
    source, _created = TranslationSource.get_or_create_from_instance(english)
    Translation.objects.filter(source=source, target_locale__language_code="tg").delete()
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="tg"))
    translation.save_target(publish=True)
    review.submit_snippet(translation, User.objects.get(email="browser-admin@leg.tj"))

    admin_page.goto(f"{hub_site.url}/admin/translations/snippets/{translation.pk}/review/")
    results = Axe().run(admin_page, context="#main", options=RULES)
    assert results.violations_count == 0, results.generate_report()

    admin_page.get_by_role("button", name="Send back").click()
    comment = admin_page.get_by_role("textbox", name="Comment for the translator")
    assert comment.evaluate("element => element === document.activeElement"), "focus goes to the field to fix"
    assert comment.get_attribute("aria-invalid") == "true"
    assert "Say what the translator should change." in admin_page.get_by_role("alert").first.inner_text()
    results = Axe().run(admin_page, context="#main", options=RULES)
    assert results.violations_count == 0, results.generate_report()
    assert admin_page.problems == []
