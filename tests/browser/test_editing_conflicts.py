"""Two editors on one page (home.admin_views): the later save of a stale form is refused, with nothing lost."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import add_session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def editor(site, new_page, email):
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.create_superuser(email=email, first_name=email.split("@")[0].title()))
    page = new_page()
    add_session_cookie(page, site, client.cookies["sessionid"].value)
    return page


def latest_title(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object().title


def ready(page):
    """The editor's scripts have built the form (a StreamField exists only once they have): a save sends it all."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("body.ready")).to_be_attached()


def save(page, title):
    page.locator("[name=title]").fill(title)
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    ready(page)


def test_a_save_over_a_newer_version_is_refused_and_the_editor_keeps_their_changes(site, new_page, settings):
    # Wagtail refuses a stale autosave itself; what is checked here is the plain Save, so autosave is off:
    # otherwise, on a loaded machine, an autosave can fire between filling the title and clicking Save.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    from home.models import HomePage
    from hub.directory.pages import StakeholderDirectoryPage

    # A page of plain fields: what is checked is the save, not a StreamField's script.
    page = StakeholderDirectoryPage.objects.filter(locale__language_code="en").first()
    if page is None:
        directory = StakeholderDirectoryPage(title="Stakeholders", slug="stakeholders", intro="<p>All.</p>")
        page = HomePage.objects.get(locale__language_code="en").add_child(instance=directory)
    edit = f"{site.url}/admin/pages/{page.pk}/edit/"
    first, second = editor(site, new_page, "amina@leg.tj"), editor(site, new_page, "farrukh@leg.tj")
    for editor_page in (first, second):
        editor_page.goto(edit)
        ready(editor_page)

    save(second, "Farrukh's title")
    assert second.locator(".error-message").all_inner_texts() == []
    expect(second.locator(".messages")).to_contain_text("has been updated")

    save(first, "Amina's title")
    message = first.locator(".messages .error")
    expect(message).to_contain_text("Farrukh saved this page at")
    expect(message).to_contain_text("Nothing was saved")
    expect(first.locator("[name=title]")).to_have_value("Amina's title")
    assert latest_title(page) == "Farrukh's title"

    save(first, "Amina's title")  # knowing it replaces Farrukh's version
    expect(first.locator(".messages")).not_to_contain_text("Nothing was saved")
    assert latest_title(page) == "Amina's title"
