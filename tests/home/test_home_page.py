import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from home.models import AboutPage, HomePage
from tests.conftest import LANGUAGES, seed


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def section_headings(language, name="home_page"):
    """Every heading of a page's data file in `language`: each section and each column or card.

    Cards that depend on the set-up (shown_when) are left to their own test.
    """
    headings = []
    for section in seed(language, name)["sections"]:
        if section.get("heading"):
            headings.append(section["heading"])
        headings += [column["heading"] for column in section.get("columns", [])]
        headings += [card["title"] for card in section.get("cards", []) if not card.get("shown_when")]
    return headings


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_seed_text_is_on_the_home_page_and_the_about_page_in_its_language(client, home, language):
    """The home page leads with what visitors come for; the LEG's own words about itself are one link away."""
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    text = page.get_text(" ")
    assert seed(language)["hero_heading"] in text
    for heading in section_headings(language):
        assert heading in text, heading
    kinds = [section["type"] for section in seed("en")["sections"]]
    figures = seed(language)["sections"][kinds.index("figures")]
    for label in (figure["label"] for figure in figures["figures"]):
        assert label in text
    assert page.select_one('form[role="search"] #hero-search')

    about = seed(language, "about_page")
    link = page.find("a", string=lambda string: string and about["title"] in string)
    about_page = soup(client.get(link["href"]))
    assert about_page.h1.get_text() == about["title"]
    about_text = about_page.get_text(" ")
    for heading in section_headings(language, "about_page"):
        assert heading in about_text, heading


def claim_cards(language):
    """The cards that depend on the set-up, by their condition (recorded in the English file only)."""
    english, translated = (seed(code, "about_page")["sections"] for code in ("en", language))
    cards = [
        pair
        for source, text in zip(english, translated, strict=True)
        for pair in zip(source.get("cards", []), text.get("cards", []), strict=True)
    ]
    return {source["shown_when"]: card for source, card in cards if source.get("shown_when")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_claims_oauth_sign_in_only_while_a_provider_is_configured(client, home, settings, language):
    cards = claim_cards(language)
    settings.SOCIALACCOUNT_APPS = []
    text = soup(client.get(f"/{language}/about/")).get_text(" ")
    assert cards["no_oauth"]["text"] in text
    assert cards["oauth"]["text"] not in text

    settings.SOCIALACCOUNT_APPS = ["allauth.socialaccount.providers.google"]
    text = soup(client.get(f"/{language}/about/")).get_text(" ")
    assert cards["oauth"]["text"] in text
    assert cards["no_oauth"]["text"] not in text


def test_the_about_page_makes_no_claim_the_site_does_not_keep(home):
    """Claims the seed made that were not true of the site (encryption at rest, a CDN) stay out of every language."""
    for language in LANGUAGES:
        text = json.dumps(seed(language, "about_page"), ensure_ascii=False)
        for claim in ("CDN", "at rest", "при передаче и хранении", "ҳангоми интиқол ва нигоҳдорӣ", "infinite"):
            assert claim not in text


def test_translations_are_real_translations_not_copies(home):
    english = HomePage.objects.get(locale__language_code="en")
    for language in ("ru", "tg"):
        translated = HomePage.objects.get(locale__language_code=language)
        assert translated.translation_key == english.translation_key
        assert translated.live
        assert translated.hero_heading != english.hero_heading
        assert translated.hero_image_id == english.hero_image_id
        assert translated.hero_image_alt == seed(language)["hero_image_alt"]
        headings = [
            (block.value["heading"], source.value["heading"])
            for block, source in zip(translated.body, english.body, strict=True)
        ]
        assert all(mine != theirs for mine, theirs in headings if theirs)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ru-RU,ru;q=0.9,en;q=0.5", "/ru/"), ("tg-TJ,tg;q=0.9", "/tg/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR", "/en/")],
)
def test_root_redirects_to_the_visitors_language(client, home, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_leads_to_the_same_page_in_each_language(client, home):
    page = soup(client.get("/ru/"))

    links = {a["hreflang"]: a for a in page.select(".lang-switch a")}
    assert {code: a["href"] for code, a in links.items()} == {"en": "/en/", "tg": "/tg/"}
    # The page's own language is said, not linked: one tab stop fewer on a phone.
    current = page.select_one(".lang-switch [aria-current]")
    assert current.name == "span" and current["lang"] == "ru"
    assert current.select_one(".lang-name").get_text() == "Русский"
    assert links["tg"]["lang"] == "tg"
    # Screen readers hear the full name; the phone's short label is its start (WCAG 2.5.3, label in name).
    assert links["tg"].select_one(".lang-name").get_text() == "Тоҷикӣ"
    assert links["tg"].select_one(".lang-short[aria-hidden]").get_text() == "Тоҷ"
    for code, a in links.items():
        assert client.get(a["href"]).status_code == 200, code


def test_hreflang_alternates_name_every_translation_with_full_urls(client, home):
    page = soup(client.get("/tg/"))

    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {
        "en": "http://testserver/en/",
        "ru": "http://testserver/ru/",
        "tg": "http://testserver/tg/",
        "x-default": "http://testserver/",
    }


def test_switcher_marks_a_language_the_page_is_not_translated_into_and_links_to_its_english_there(client, home):
    HomePage.objects.get(locale__language_code="tg").unpublish()

    page = soup(client.get("/ru/"))

    tajik = page.select_one('.lang-switch a[hreflang="tg"]')
    assert tajik["href"] == "/tg/" and "lang-missing" in tajik["class"]
    assert "(ҳанӯз тарҷума нашудааст)" in tajik.get_text(), "said in the language it is about"
    assert "lang-missing" not in page.select_one('.lang-switch a[hreflang="en"]').get("class", [])
    assert {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')} == {"en", "ru", "x-default"}
    shown = soup(client.get("/tg/"))
    assert shown.html["lang"] == "tg" and shown.select_one("main > div[lang=en]") is not None
    assert "тарҷума нашудааст" in shown.select_one(".untranslated-notice").get_text()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["$50M", "$147.5M", "113"]),
        ("ru", ["50 млн долл. США", "147,5 млн долл. США", "113"]),
        ("tg", ["50 млн доллари ИМА", "147,5 млн доллари ИМА", "113"]),
    ],
)
def test_investment_figures_are_formatted_per_locale(client, home, language, expected):
    page = soup(client.get(f"/{language}/"))

    amounts = [span.get_text().replace("\xa0", " ") for span in page.select(".figures .amount")]
    assert amounts == expected


def test_hero_image_has_translated_alt_text(client, home):
    for language in LANGUAGES:
        image = soup(client.get(f"/{language}/")).select_one(".hero img")
        assert image["alt"] == seed(language)["hero_image_alt"]
        assert client.get(image["src"]).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_reads_its_sections_once_while_nothing_changes(client, home, language, django_assert_max_num_queries):
    client.get(f"/{language}/")  # the first reader's request reads the sections: the events, documents, figures

    # The content's version and the hero picture: not one query for the route, the view restrictions, the
    # events, documents, best practices or registry figures the page shows.
    with django_assert_max_num_queries(2):
        response = client.get(f"/{language}/")
    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_newly_published_practice_is_featured_on_the_next_request(client, home, language):
    from hub.models import BestPracticePage

    def featured():
        links = soup(client.get(f"/{language}/")).select("ul.cards:not(.events) h3 a")
        return [link.get_text(strip=True) for link in links]

    before = featured()
    practice = BestPracticePage.objects.filter(locale__language_code=language).first()
    newest = practice.copy(update_attrs={"slug": "newest-practice", "title": "The newest practice"}, keep_live=True)
    assert "The newest practice" not in before
    assert featured()[0] == "The newest practice"

    newest.unpublish()
    assert featured() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_event_leaves_the_home_page_as_it_ends_and_the_next_takes_its_place(client, home, language, monkeypatch):
    import datetime

    from django.utils import timezone, translation

    from hub.events.views import localized_events, upcoming

    def listed():
        return [title.get_text(strip=True) for title in soup(client.get(f"/{language}/")).select("ul.events h3")]

    with translation.override(language):
        coming = list(upcoming(localized_events()))
    assert len(coming) > 3, "the demo has more events ahead than the home page shows"
    assert listed() == [event.title for event in coming[:3]]
    for gone in range(1, 3):
        ended = coming[gone - 1]
        after = ended.end + datetime.timedelta(days=1 if ended.all_day else 0, minutes=1)
        monkeypatch.setattr(timezone, "now", lambda after=after: after)
        assert listed() == [event.title for event in coming[gone : gone + 3]]


def test_navigation_lists_menu_pages_of_the_current_language_only(client, home):
    english = HomePage.objects.get(locale__language_code="en")
    russian = HomePage.objects.get(locale__language_code="ru")
    english.add_child(instance=Page(title="Annual report", slug="annual-report", show_in_menus=True))
    russian.add_child(instance=Page(title="Годовой отчёт", slug="annual-report", show_in_menus=True))
    russian.add_child(instance=Page(title="Скрытая", slug="hidden", show_in_menus=False))

    page = soup(client.get("/ru/"))

    links = [a.get_text() for a in page.select(".main-nav a")]
    assert links[0] == "Главная" and links[-1] == "Годовой отчёт"
    assert "Скрытая" not in links
    english_menu = {child.title for child in english.get_children().in_menu()}
    assert len(links) == len(english_menu) + 1 and not english_menu & set(links)
    assert page.select_one(".main-nav a[aria-current]").get_text() == "Главная"


def test_switcher_on_an_untranslated_page_leads_to_its_english_in_that_language(rf, client, home):
    from django.template import Context, Template
    from django.utils import translation

    english = HomePage.objects.get(locale__language_code="en")
    page = english.add_child(instance=AboutPage(title="Report", slug="report"))
    page.copy_for_translation(Locale.objects.get(language_code="ru")).save_revision().publish()
    template = Template(
        "{% load site_tags %}{% language_alternates page as links %}{% for l in links %}{{ l.url }} {% endfor %}"
    )

    with translation.override("en"):
        urls = template.render(Context({"request": rf.get("/en/report/"), "page": page})).split()

    assert urls == ["/en/report/", "/ru/report/", "/tg/report/"]
    shown = soup(client.get("/tg/report/"))
    assert shown.select_one("main > div[lang=en] h1").get_text(strip=True) == "Report"
    assert shown.select_one('link[rel="canonical"]')["href"] == "http://testserver/en/report/"
    assert shown.select_one('meta[name="robots"]')["content"] == "noindex"
    assert client.get("/tg/no-such-page/").status_code == 404


def test_menu_queries_do_not_grow_with_the_number_of_menu_pages(client, home):
    russian = HomePage.objects.get(locale__language_code="ru")
    client.get("/ru/")
    with CaptureQueriesContext(connection) as before:
        links = len(soup(client.get("/ru/")).select(".main-nav a"))

    for number in range(12):
        russian.add_child(instance=Page(title=f"Раздел {number}", slug=f"section-{number}", show_in_menus=True))
    client.get("/ru/")
    with CaptureQueriesContext(connection) as after:
        response = client.get("/ru/")

    assert len(soup(response).select(".main-nav a")) == links + 12
    assert len(after) == len(before)


def test_demo_command_can_run_again_without_duplicating_anything(db):
    call_command("load_demo_content", verbosity=0)
    pages_before = Page.objects.count()
    call_command("load_demo_content", verbosity=0)

    assert Page.objects.count() == pages_before
    assert HomePage.objects.count() == 3
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en", "ru", "tg"]
    assert Site.objects.get(is_default_site=True).root_page.specific == HomePage.objects.get(
        locale=Locale.get_default()
    )
    assert not Page.objects.filter(title__startswith="Welcome").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_transfer_stays_within_the_slow_link_budget(client, home, language):
    """HTML + CSS + JS, gzip-compressed as served, under 60 KB."""
    import gzip

    from django.contrib.staticfiles import finders

    page = soup(response := client.get(f"/{language}/"))
    assets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in page.select("script[src]")]
    sizes = [len(gzip.compress(response.content))]
    for url in assets:
        with open(finders.find(url.removeprefix("/static/")), "rb") as handle:
            sizes.append(len(gzip.compress(handle.read())))

    assert len(assets) == 2
    assert sum(sizes) < 60 * 1024


def test_featured_practices_put_the_editors_choice_first_then_the_newest(home):
    from django.utils import translation

    from hub.models import BestPracticePage

    chosen = BestPracticePage.objects.get(locale__language_code="en")
    newer = chosen.copy(update_attrs={"slug": "newer-practice", "title": "A newer practice"}, keep_live=True)
    with translation.override("en"):
        assert BestPracticePage.featured([], 2) == [newer, chosen]
        assert BestPracticePage.featured([chosen], 2) == [chosen, newer]
        assert BestPracticePage.featured([chosen], 1) == [chosen]
        chosen.unpublish()  # a chosen practice that is no longer live is left out, not shown
        assert BestPracticePage.featured([chosen], 2) == [newer]
    with translation.override("ru"):
        # The Russian home page shows the Russian translation of the English choice.
        russian = BestPracticePage.objects.get(locale__language_code="ru", translation_key=chosen.translation_key)
        assert BestPracticePage.featured([chosen], 1) == [russian]
