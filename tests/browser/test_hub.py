"""The knowledge hub in real Chromium: the submission form, its errors and its word counts, and link filters."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import add_session_cookie

pytestmark = pytest.mark.browser


def signed_in_page(site, new_page, email="partner@example.org", **options):
    from accounts.models import User

    user, _created = User.objects.get_or_create(email=email, defaults={"is_superuser": email.startswith("editor")})
    client = Client()
    client.force_login(user)
    page = new_page(**options)
    add_session_cookie(page, site, client.cookies["sessionid"].value)
    return page


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_submission_form_and_its_errors_have_no_wcag_violations(demo_site, member_page, theme):
    page = member_page(color_scheme=theme)
    page.goto(f"{demo_site.url}/tg/knowledge-hub/best-practices/submit/")
    assert page.locator("html").get_attribute("lang") == "tg"
    assert_accessible(page)

    page.fill("#id_title", "Китобхонаҳои сайёр")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_selector(".form-errors")
    assert page.input_value("#id_title") == "Китобхонаҳои сайёр"
    assert page.locator(".field.has-error").count() >= 10
    assert_accessible(page)
    assert page.problems == []


def test_word_count_follows_typing_and_the_form_works_without_javascript(demo_site, member_page):
    page = member_page()
    page.goto(f"{demo_site.url}/en/knowledge-hub/best-practices/submit/")
    counter = page.locator(".field:has(#id_introduction) .word-count")
    assert "Words so far: 0" in counter.inner_text()
    assert "350–400 words" in counter.inner_text()
    page.locator("#id_introduction").press_sequentially("Schools in the mountains share tablets")
    expect(counter).to_contain_text("Words so far: 6.")  # once typing pauses

    no_js = member_page(java_script_enabled=False)
    no_js.goto(f"{demo_site.url}/en/knowledge-hub/best-practices/submit/")
    assert no_js.locator(".word-count").count() == 0
    assert no_js.locator("#id_introduction").is_visible()


def test_filters_work_by_links_without_javascript(demo_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(f"{demo_site.url}/ru/knowledge-hub/best-practices/")
    page.locator("#facet-track ~ ul a[data-code='4']").click()
    assert "track=4" in page.url
    page.locator("#facet-country ~ ul a[data-code='tj']").click()
    assert "track=4" in page.url and "country=tj" in page.url
    assert page.locator(".practice-list article").count() == 1
    page.locator(".active-filters .chip").first.click()
    assert "track=4" not in page.url and "country=tj" in page.url


@pytest.mark.django_db(transaction=True)  # the page editor records an editing session
def test_editors_see_live_word_counts_in_the_page_editor(hub_site, new_page):
    from hub.models import BestPracticePage

    practice = BestPracticePage.objects.get(locale__language_code="en")
    page = signed_in_page(hub_site, new_page, email="editor@leg.tj")
    page.goto(f"{hub_site.url}/admin/pages/{practice.pk}/edit/")
    field = page.locator("[data-field-wrapper]:has([name=introduction])")
    counter = field.locator(".word-count")
    expect(counter).to_contain_text("Guidance: 350–400 words.")
    before = int(counter.inner_text().split(": ")[1].split(".")[0])
    assert 250 < before < 350  # the seed's introduction, counted in the editor, not its stored JSON

    field.locator("[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" three more words")
    expect(counter).to_contain_text(f"Words so far: {before + 3}.")
