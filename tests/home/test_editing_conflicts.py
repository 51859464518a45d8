"""Two editors on one page (home.admin_views): the later save of a stale form is refused, with nothing lost.

Each editor GETs the page editor and POSTs its form back as a browser does; Wagtail's autosave, which
refuses a stale autosave by itself, plays no part.
"""

from bs4 import BeautifulSoup
from django.test import Client

from accounts.models import User
from hub.directory.pages import StakeholderDirectoryPage
from tests.conftest import posted_back


def editor(name):
    client = Client()
    client.force_login(User.objects.create_superuser(email=f"{name.lower()}@leg.tj", first_name=name))
    return client


def latest_title(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object().title


def test_a_save_over_a_newer_version_is_refused_and_the_editor_keeps_their_changes(demo):
    page = StakeholderDirectoryPage.objects.get(locale__language_code="en")
    url = f"/admin/pages/{page.pk}/edit/"
    amina, farrukh = editor("Amina"), editor("Farrukh")
    aminas_form = posted_back(amina.get(url).content.decode())
    farrukhs_form = posted_back(farrukh.get(url).content.decode())

    assert farrukh.post(url, {**farrukhs_form, "title": "Farrukh's title"}).status_code == 302
    refused = amina.post(url, {**aminas_form, "title": "Amina's title"})

    assert refused.status_code == 200
    shown = BeautifulSoup(refused.content, "html.parser")
    message = shown.select_one(".messages .error").get_text(" ", strip=True)
    assert message.startswith("Farrukh saved this page at") and "Nothing was saved" in message
    assert shown.select_one("[name=title]")["value"] == "Amina's title"
    assert latest_title(page) == "Farrukh's title"

    # Saving the form as it came back, knowing it replaces Farrukh's version.
    assert amina.post(url, posted_back(refused.content.decode())).status_code == 302
    assert latest_title(page) == "Amina's title"
