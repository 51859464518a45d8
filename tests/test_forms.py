"""What a screen reader hears on a form, and what a reader sees after an action (issue 17, items 1 to 3).

Every `aria-describedby` on every public form names elements that exist and
hold the field's help and errors; after a failed send the error summary takes
focus and the title says so; word guidance is in the reader's language; a
message is shown on the next page and never again.
"""

import re

import pytest
from bs4 import BeautifulSoup

from accounts.models import User

SUBMIT = "/{}/knowledge-hub/best-practices/submit/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def assert_descriptions_resolve(page):
    """Each described control's ids exist and carry its help (and, when invalid, its error)."""
    described = page.select("form [aria-describedby]")
    assert described
    for element in described:
        targets = [page.find(id=target) for target in element["aria-describedby"].split()]
        assert all(target is not None and target.get_text(strip=True) for target in targets), element
        if element.get("aria-invalid") == "true":
            assert any("errors" in target["id"] for target in targets), element


@pytest.fixture
def partner(db):
    return User.objects.create_user(email="partner@example.org", preferred_language="ru")


def assert_refused_and_described(response, *names):
    """A refused form: each named field is marked invalid and its description holds its error message."""
    page = soup(response)
    assert response.status_code == 200
    for name in names:
        field = page.select_one(f"[name={name}]")
        assert field["aria-invalid"] == "true", name
        errors = [page.find(id=target) for target in field["aria-describedby"].split() if target.endswith("_errors")]
        assert errors and errors[0].get_text(strip=True), name
    assert_descriptions_resolve(page)
    return page


@pytest.mark.parametrize("language", ["ru", "tg"])
def test_every_form_field_points_at_help_and_errors_that_exist(client, demo, partner, language):
    """Every form a reader fills in on the site, as first shown and after a refused send."""
    assert_refused_and_described(client.post(f"/{language}/accounts/login/", {"email": "not-an-address"}), "email")

    # The code entry form, reached as a reader reaches it: after asking for a code.
    asked = client.post(f"/{language}/accounts/login/", {"email": partner.email})
    assert asked.status_code == 302
    assert_refused_and_described(client.post(asked["Location"], {"code": "WRONG"}), "code")

    client.force_login(partner)
    assert_descriptions_resolve(soup(client.get(SUBMIT.format(language))))
    failed = assert_refused_and_described(client.post(SUBMIT.format(language), {"title": ""}), "title")
    assert len(failed.select("form [aria-invalid=true]")) >= 2  # the empty required answers

    assert_descriptions_resolve(soup(client.get(f"/{language}/accounts/profile/")))
    assert_refused_and_described(
        client.post(f"/{language}/accounts/profile/", {"first_name": "x" * 200, "preferred_language": "xx"}),
        "first_name",
        "preferred_language",
    )
    assert_refused_and_described(client.post(f"/{language}/accounts/profile/delete/", {}), "confirm")


def test_the_shared_password_form_describes_its_error(client, demo):
    from wagtail.models import PageViewRestriction

    from hub.models import NewsPage

    news = NewsPage.objects.get(locale__language_code="tg")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    page = soup(client.get(news.url))
    action = page.select_one("form[method=post]")["action"]
    refused = client.post(action, {"password": "wrong", "return_url": news.url})
    assert_refused_and_described(refused, "password")


def test_after_a_failed_send_the_error_summary_takes_focus_and_the_title_says_so(client, demo, partner):
    client.force_login(partner)
    page = soup(client.post(SUBMIT.format("ru"), {"title": ""}))
    summary = page.select_one("#form-errors")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1" and summary["role"] == "alert"
    assert page.title.get_text().startswith("Ошибка:")
    assert not soup(client.get(SUBMIT.format("ru"))).title.get_text().startswith("Ошибка")


@pytest.mark.parametrize(
    ("language", "guidance"), [("ru", "250–350 слов."), ("tg", "250–350 калима."), ("en", "250–350 words.")]
)
def test_word_guidance_is_in_the_readers_language(client, demo, partner, language, guidance):
    client.force_login(partner)
    helps = [node.get_text(" ", strip=True) for node in soup(client.get(SUBMIT.format(language))).select(".help")]
    assert any(text.endswith(guidance) for text in helps), helps
    assert not any(re.search(r"\bwords?\.$", text) for text in helps) or language == "en"


def test_a_message_is_shown_on_the_next_page_and_never_again(client, demo, partner):
    client.force_login(partner)
    event = "/ru/events/leg-quarterly-meeting/"
    assert client.post(event + "register/").status_code == 302
    # The reader goes elsewhere before the event page: the message is shown there, once.
    elsewhere = soup(client.get("/ru/news/")).select(".messages li")
    assert len(elsewhere) == 1 and elsewhere[0].get_text(strip=True)
    assert soup(client.get(event)).select(".messages li") == []


def test_the_profile_names_organisations_in_the_readers_language(client, demo, partner):
    from hub.models import Stakeholder

    client.force_login(partner)
    russian = Stakeholder.objects.get(code="moes", locale__language_code="ru")
    options = soup(client.get("/ru/accounts/profile/")).select("select[name=organisation] option")
    assert str(russian) in [option.get_text(strip=True) for option in options]
    assert str(Stakeholder.objects.get(code="moes", locale__language_code="en")) not in [o.get_text() for o in options]
