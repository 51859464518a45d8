"""The projects' own pages, the home page's registry figures, and email about new projects."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from accounts.models import User
from notifications.models import Subscription
from projects.demo import SAMPLE
from projects.importing import import_file
from projects.models import Project
from tests.conftest import LANGUAGES, sitemap_text
from tests.notifications.conftest import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return User.objects.create_user(email="dilnoza@partner.example", preferred_language="ru")


TEACHERS = "/{}/projects/xi-iati-ec_intpa-sample-tj-teachers/"
TITLES = {
    "en": "Teachers for competency-based education (sample)",
    "ru": "Учителя для компетентностного образования (пример)",
    "tg": "Муаллимон барои таҳсилоти ба салоҳият асосёфта (намуна)",
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_page_reads_in_the_visitors_language_with_its_money_in_their_format(client, demo, language):
    page = soup(client.get(TEACHERS.format(language)))
    assert page.h1.get_text() == TITLES[language]
    assert page.select_one("article.project").get("lang") is None  # translated: the page's own language
    facts = page.select_one("dl.facts").get_text(" ", strip=True)
    # 12M euros at 2024–26 rates; grouped as each language writes numbers.
    expected = {
        "en": "$13,108,000 (12,000,000 EUR",
        "ru": "13 108 000 долл. США (12 000 000 EUR",
        "tg": "13 108 000 доллари ИМА (12 000 000 EUR",
    }
    assert expected[language] in facts.replace("\xa0", " ")
    notes = page.select(".progress-notes li")
    assert len(notes) == 1 and notes[0].time["datetime"] == "2025-05-31"
    donors = page.select_one("dl.facts").find(
        "dt", string=lambda text: text and text in {"Donors", "Доноры", "Донорҳо"}
    )
    assert donors.find_next("dd").a["href"] == f"/{language}/stakeholders/eu/"


def test_a_project_with_no_translation_says_so_and_marks_its_english(client, demo):
    original = Project.objects.get(locale__language_code="en", slug="46004-sample-tj-digital-teaching")
    Project.objects.filter(translation_key=original.translation_key, locale__language_code="tg").delete()
    page = soup(client.get("/tg/projects/46004-sample-tj-digital-teaching/"))
    assert page.select_one("article.project")["lang"] == "en"
    notice = page.select_one("article.project .notice")
    assert notice["lang"] == "tg" and "англисӣ" in notice.get_text()
    listing = soup(client.get("/tg/projects/"))
    link = listing.find("a", string="Digital teaching skills in Khatlon (sample)")
    assert link["lang"] == "en"


def test_an_unknown_project_is_a_404_in_the_visitors_language(client, demo):
    response = client.get("/ru/projects/no-such-project/")
    assert response.status_code == 404
    assert 'lang="ru"' in response.content.decode()


def test_the_home_page_takes_the_donors_figures_from_the_registry_and_says_as_of_when(client, demo):
    page = soup(client.get("/en/"))
    figures = [li.get_text(" ", strip=True) for li in page.select("ul.figures li")]
    assert figures == [
        "$50M World Bank Learning Environment",
        "$147.5M Islamic Development Bank",
        "113 Donor financed education projects",  # typed: the registry does not hold all 113
    ]
    note = page.select_one("ul.figures + p").get_text(" ", strip=True)
    assert note == f"Figures from the projects registry as of {timezone.localdate():%-d %B %Y}."
    assert page.select_one("ul.figures + p a")["href"] == "/en/projects/"
    # When the registry changes, so does the figure.
    world_bank = Project.objects.get(locale__language_code="en", iati_identifier="44000-SAMPLE-TJ-LEARNING-ENVIRONMENT")
    world_bank.budget_usd = 62_500_000
    world_bank.save()
    page = soup(client.get("/ru/"))
    assert page.select("ul.figures li .amount")[0].get_text() == "62,5 млн долл. США"


def test_a_member_subscribed_to_a_filtered_view_hears_of_a_new_project_in_it_only(
    client, demo, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(
        "/ru/notifications/subscribe/", {"kind": "projects", "filters": "donor=eu&page=2", "frequency": "immediate"}
    )
    subscription = Subscription.objects.get(user=member, kind="projects")
    assert subscription.filters == "donor=eu"
    subscription.confirmed_at = timezone.now()
    subscription.save()
    deliver()  # the request to confirm
    Project.objects.filter(
        iati_identifier__in=["XI-IATI-EC_INTPA-SAMPLE-TJ-TEACHERS", "46004-SAMPLE-TJ-DIGITAL-TEACHING"]
    ).delete()
    with django_capture_on_commit_callbacks(execute=True):
        report = import_file(SAMPLE.read_bytes())
    assert len(report.created) == 2
    [email] = deliver()
    assert email.to == [member.email]
    # The EU's project, not the ADB's; in the member's language, with a link to its page.
    assert "Teachers for competency-based education (sample)" in email.body
    assert "/ru/projects/xi-iati-ec_intpa-sample-tj-teachers/" in email.body
    assert "Digital teaching" not in email.body
    assert deliver() == []


def test_the_sitemap_lists_each_project_and_the_matrix_in_every_language(client, demo):
    text = sitemap_text(client)
    for language in LANGUAGES:
        assert f"/{language}/projects/xi-iati-ec_intpa-sample-tj-teachers/</loc>" in text
        assert f"/{language}/projects/who-does-what-where/</loc>" in text
    assert 'hreflang="tg" href="http://testserver/tg/projects/46004-sample-tj-digital-teaching/"' in text


def test_a_projects_events_show_when_and_by_whom_as_on_the_events_page(client, demo):
    from hub.models import Event

    quarterly = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="en")
    project = Project.objects.get(slug="xi-iati-ec_intpa-sample-tj-teachers", locale__language_code="en")
    project.events.add(quarterly)
    project.save()

    def summary(url):
        page = soup(client.get(url))
        item = next(li for li in page.select(".event-list li") if "leg-quarterly-meeting" in li.a["href"])
        return item.select_one(".when").get_text(" ", strip=True), item.get_text(" ", strip=True)

    when, text = summary(TEACHERS.format("ru"))
    assert (when, True) == (summary("/ru/events/")[0], "Организатор" in text or "Организаторы" in text)
