"""The style guide at /styleguide/: for staff only, never indexed, every component shown in both themes."""

import pytest
from bs4 import BeautifulSoup

from accounts.models import User


@pytest.fixture
def staff(db):
    return User.objects.create_user(email="editor@leg.tj", is_staff=True)


def test_anonymous_readers_are_sent_to_sign_in_and_partners_are_refused(client, home):
    response = client.get("/ru/styleguide/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/login/?next=")

    client.force_login(User.objects.create_user(email="partner@example.org"))
    assert client.get("/ru/styleguide/").status_code == 403


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_staff_see_each_component_in_both_themes(client, home, staff, language):
    client.force_login(staff)
    response = client.get(f"/{language}/styleguide/")

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"]
    page = BeautifulSoup(response.content, "html.parser")
    panels = page.select("section.styleguide")
    assert [panel["class"][1] for panel in panels] == ["theme-light", "theme-dark"]
    for panel in panels:
        # A refused sample form: the error summary, a field with help and a field with its error.
        assert panel.select_one(".form-errors")
        assert panel.select_one(".help") and panel.select_one(".errors")
        assert len(panel.select(".swatch")) >= 10
        assert panel.select_one("nav .pagination")
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_the_admin_help_menu_links_the_style_guide(client, home, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    menu = client.get("/admin/").content.decode()
    item = '"label": "Style guide", "icon_name": "image", "classname": "", "attrs": {}, "url": "/en/styleguide/"'
    assert item in menu
