import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from accounts.models import User
from home import pagecache
from hub.models import AreaOfWork, FocalPoint, Stakeholder
from tests.conftest import LANGUAGES, hub_seed, sitemap_text

DIRECTORY = "/{}/stakeholders/"
KEY_STAKEHOLDERS = ["gpe", "eu", "world-bank", "unicef", "isdb", "adb", "unesco", "cambridge-education", "usaid"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    return [a.get_text(strip=True) for a in soup(response).select(".stakeholder-list h3 a")]


def names(language):
    return {row["name"] for row in hub_seed("vocabularies", language)["stakeholders"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_lists_every_stakeholder_a_to_z_in_the_visitors_language(client, demo, language):
    response = client.get(DIRECTORY.format(language))
    assert response.status_code == 200
    assert set(listed(response)) == names(language)
    page = soup(response)
    letters = [h2.get_text() for h2 in page.select("h2.letter")]
    assert letters == sorted(set(letters), key=str.casefold)  # each letter once, in order
    for heading in page.select("h2.letter"):
        for name in heading.find_next("ul").select("h3 a"):
            assert name.get_text(strip=True)[0].upper() == heading.get_text()


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", {"q": "ADB"}, {"Asian Development Bank"}),
        ("en", {"q": "bank"}, {"The World Bank", "Islamic Development Bank", "Asian Development Bank"}),
        ("ru", {"q": "юнисеф"}, {"ЮНИСЕФ"}),
        ("en", {"category": "multilateral-bank", "area": "curriculum"}, {"The World Bank", "Asian Development Bank"}),
        (
            "tg",
            {"category": "un-agency", "area": "digital-learning"},
            {"ЮНИСЕФ", "ЮНЕСКО", "Институти ЮНЕСКО оид ба технологияҳои иттилоотӣ дар маориф"},
        ),
        ("en", {"q": "zzz"}, set()),
    ],
)
def test_directory_search_and_filters(client, demo, language, query, expected):
    response = client.get(DIRECTORY.format(language), query)
    assert set(listed(response)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_stakeholder_page_lists_what_is_linked_to_it(client, demo, language):
    unicef = client.get(DIRECTORY.format(language) + "unicef/")
    assert unicef.status_code == 200
    page = soup(unicef)
    codes = [row["code"] for row in hub_seed("vocabularies", "en")["stakeholders"]]
    unicef_seed = hub_seed("vocabularies", language)["stakeholders"][codes.index("unicef")]
    assert unicef_seed["description"] in page.get_text()
    assert (
        hub_seed("best_practice_digital_learning", language)["title"]
        in page.select_one("#linked-practices").find_next("ul").get_text()
    )

    iite = soup(client.get(DIRECTORY.format(language) + "unesco-iite/"))
    assert hub_seed("news_unesco_iite_2018", language)["title"] in iite.get_text()
    assert client.get(DIRECTORY.format(language) + "no-such-organisation/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_organisations_page_follows_a_change_to_what_names_it_at_once(client, demo, language):
    """What the page lists is kept while the content is unchanged: an unpublished practice leaves it at once."""
    from hub.models import BestPracticePage

    def linked():
        heading = soup(client.get(DIRECTORY.format(language) + "unicef/")).select_one("#linked-practices")
        return heading.find_next("ul").get_text() if heading else ""  # no practice: no section

    title = hub_seed("best_practice_digital_learning", language)["title"]
    assert title in linked() and title in linked()
    BestPracticePage.objects.get(title=title, locale__language_code=language).unpublish()
    assert title not in linked()


def test_an_event_moves_from_upcoming_to_past_on_its_organisers_page_when_it_ends(client, demo, monkeypatch):
    import datetime

    from django.utils import timezone

    from hub.models import Event

    quarterly = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="en")
    organiser = quarterly.organisers.first()

    def lists():
        page = soup(client.get(DIRECTORY.format("en") + f"{organiser.code}/"))
        section = page.select_one("section[aria-labelledby=linked-events]")
        return {
            heading.get_text(strip=True): heading.find_next("ul").get_text(" ", strip=True)
            for heading in section.select("h3")
        }

    assert quarterly.title in lists()["Upcoming"] and quarterly.title in lists()["Upcoming"]
    after = quarterly.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after)
    shown = lists()
    assert quarterly.title not in shown.get("Upcoming", "") and quarterly.title in shown["Past"]


def test_focal_points_are_for_members_only(client, demo):
    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="en")
    FocalPoint.objects.create(
        stakeholder=unicef,
        locale=unicef.locale,
        name="Zarina Example",
        role="Education Officer",
        email="zarina.example@unicef.example",
        phone="+992 00 000 0000",
    )
    url = DIRECTORY.format("en") + "unicef/"

    anonymous = client.get(url).text
    assert "Zarina Example" not in anonymous and "zarina.example@" not in anonymous and "+992 00" not in anonymous
    assert "Sign in" in soup(client.get(url)).select_one("#focal-points").find_next("p").get_text()
    assert "Zarina" not in sitemap_text(client) and "Zarina" not in client.get("/en/news/feed/").text
    assert soup(client.get("/en/search/", {"q": "Zarina"})).select(".search-results li") == []

    client.force_login(User.objects.create_user(email="member@example.org", password="x" * 12))
    member = client.get(url).text
    assert "Zarina Example" in member and "zarina.example@unicef.example" in member


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_shows_the_key_stakeholders(client, demo, language):
    page = soup(client.get(f"/{language}/about/"))
    cards = page.select(".stakeholders li")
    assert len(cards) == len(KEY_STAKEHOLDERS)
    links = [card.a["href"] for card in cards]
    assert links == [f"/{language}/stakeholders/{code}/" for code in KEY_STAKEHOLDERS]
    assert "info@unicef.org" in page.get_text()
    local_names = {row["name"] for row in hub_seed("vocabularies", language)["stakeholders"]}
    assert all(card.h3.get_text(strip=True) in local_names for card in cards)


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_directory_queries_do_not_grow_with_the_directory(client, demo, django_assert_max_num_queries):
    urls = [DIRECTORY.format("ru") + query for query in ("", "?area=curriculum&category=un-agency", "?q=bank")]
    with_twelve = [count_queries(client, url) for url in urls]

    english = Locale.objects.get(language_code="en")
    many = Stakeholder.objects.bulk_create(
        [Stakeholder(locale=english, code=f"org-{n}", name=f"Organisation {n}", category="ngo") for n in range(1000)]
    )
    curriculum = AreaOfWork.objects.get(code="curriculum", locale=english)
    through = Stakeholder.areas_of_work.through
    through.objects.bulk_create([through(stakeholder_id=s.pk, areaofwork_id=curriculum.pk) for s in many])
    pagecache.changed()  # rows made in bulk send no signals (hub.synthetic says so the same way)
    first = client.get(DIRECTORY.format("ru"))
    assert "1012" in soup(first).select_one(".results-bar [role=status]").get_text()
    assert len(listed(first)) == 50  # fifty a page, A–Z
    assert len(listed(client.get(DIRECTORY.format("ru"), {"page": 21}))) == 12
    # Each letter links to where it starts: the Cyrillic names come after the thousand "Organisation …".
    jumps = {a.get_text(strip=True): a["href"] for a in soup(first).select(".letters a")}
    assert jumps["C"] == "#letter-C" and jumps["O"] == "#letter-O"
    assert jumps["В"] == "?page=21#letter-В"
    assert any(name.startswith("В") for name in listed(client.get(DIRECTORY.format("ru") + jumps["В"])))

    assert [count_queries(client, url) for url in urls] == with_twelve
    for url in urls:
        with django_assert_max_num_queries(20):
            client.get(url)


def test_an_organisation_named_in_many_practices_lists_ten_and_links_to_all_of_them(client, demo):
    from hub.models import BestPracticeIndexPage, BestPracticePage
    from hub.synthetic import create_best_practices

    collection = BestPracticeIndexPage.objects.get(locale__language_code="en")
    create_best_practices(collection, 120)
    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="en")
    named = BestPracticePage.objects.live().filter(locale=unicef.locale, organisations__code="unicef").count()
    assert named > 10

    page = soup(client.get("/en/stakeholders/unicef/"))
    section = page.select_one("section[aria-labelledby=linked-practices]")
    assert len(section.select("li")) == 10
    everything = section.select("p a")[-1]
    assert everything.get_text() == f"All {named} best practices of this organisation"
    filtered = soup(client.get(everything["href"]))
    assert filtered.select_one(".results-bar [role=status]").get_text() == f"{named} best practices"

    before = count_queries(client, "/en/stakeholders/unicef/")
    create_best_practices(collection, 200, seed=9)
    assert count_queries(client, "/en/stakeholders/unicef/") <= before


def test_an_organisations_documents_kept_for_anonymous_readers_are_never_what_a_member_sees(
    client, demo, django_assert_max_num_queries
):
    from django.test import Client

    from hub.documents.models import Access
    from tests.hub.documents.test_documents import make_document

    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="en")
    report = make_document("Members' briefing", "quillfeather", Access.MEMBERS)
    report.publishers.add(unicef)
    url = DIRECTORY.format("en") + "unicef/"

    def documents(reader):
        return [
            a.get_text(strip=True) for a in soup(reader.get(url)).select("#linked-documents ~ * a, .document-list a")
        ]

    assert "Members' briefing" not in " ".join(documents(client))
    with django_assert_max_num_queries(2):  # the content's version; the organisation and its lists are kept
        client.get(url)
    signed_in = Client()
    signed_in.force_login(User.objects.create_user(email="partner@example.org"))
    assert "Members' briefing" in " ".join(documents(signed_in))
    assert "Members' briefing" not in " ".join(documents(client))

    report.access = Access.PUBLIC
    report.save()
    assert "Members' briefing" in " ".join(documents(client))


def test_the_directory_keeps_its_list_and_cards_per_language_and_shows_a_rename_at_once(
    client, demo, django_assert_max_num_queries
):
    """The filtered list and each organisation's card are worked out once per content version and language."""
    url = DIRECTORY.format("ru")
    first = client.get(url, {"category": "un-agency"})
    with django_assert_max_num_queries(1):  # the content's version: the list, the labels and the cards are kept
        assert client.get(url, {"category": "un-agency"}).content.count(b"<h3") == first.content.count(b"<h3")
    assert "ЮНИСЕФ" in listed(first)
    assert "UNICEF" in listed(client.get(DIRECTORY.format("en"), {"category": "un-agency"}))

    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="ru")
    unicef.name = "Детский фонд ООН"
    unicef.save()
    assert "Детский фонд ООН" in listed(client.get(url, {"category": "un-agency"}))
