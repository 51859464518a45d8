import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hub.demo import upsert_page
from hub.models import ActionTrack, BestPracticeIndexPage, BestPracticePage
from hub.synthetic import create_best_practices
from tests.conftest import LANGUAGES, hub_seed, sitemap_text

SEED = "best_practice_digital_learning"
COLLECTION = "/{}/knowledge-hub/best-practices/"
DETAIL = COLLECTION + "systems-approach-to-digital-learning/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response):
    return [link.get_text(strip=True) for link in soup(response).select(".practice-list h2 a")]


def collection(language="en"):
    return BestPracticeIndexPage.objects.get(locale__language_code=language)


def add_practice(title, tracks=(), countries=(), organisations=(), keywords=()):
    """A published best practice built through the same path as the demo content."""
    answers = {name: f"<p>{title}: {name}.</p>" for name in BestPracticePage.ANSWERS}
    return upsert_page(
        collection(),
        BestPracticePage,
        title.lower().replace(" ", "-"),
        title=title,
        action_tracks=list(tracks),
        countries=list(countries),
        organisations=list(organisations),
        keywords=list(keywords) or ["one", "two", "three", "four", "five"],
        **answers,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_collection_and_seed_practice_in_every_language(client, demo, language):
    data = hub_seed(SEED, language)

    listing = client.get(COLLECTION.format(language))
    assert listing.status_code == 200
    assert listed_titles(listing) == [data["title"]]

    detail = client.get(DETAIL.format(language))
    assert detail.status_code == 200
    page = soup(detail)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == data["title"]
    text = page.get_text(" ")
    for keyword in data["keywords"]:
        assert keyword in text
    # Every answer is there: the first words of each paragraph, without list markers.
    for name in BestPracticePage.ANSWERS:
        for line in data[name]:
            assert line.lstrip("•- ")[:40] in text, (name, line[:40])


def test_answer_headings_and_vocabulary_follow_the_page_language(client, demo):
    page = soup(client.get(DETAIL.format("ru")))
    headings = [h2.get_text(strip=True) for h2 in page.select("article .prose section > h2")]
    with translation.override("ru"):
        expected = [str(BestPracticePage._meta.get_field(name).verbose_name) for name in BestPracticePage.ANSWERS]
    assert headings == [heading[0].upper() + heading[1:] for heading in expected]
    assert "Introduction" not in headings
    # The contents list names the same answers, each linking to its heading.
    contents = page.select("nav.contents a")
    assert [link.get_text(strip=True) for link in contents][1 : len(headings) + 1] == headings
    assert all(page.select_one(link["href"]) for link in contents)
    # The Russian page links the same (synchronised) Action Track rows but shows their Russian labels.
    tracks = [item.get_text(strip=True) for item in page.select(".facts dd ul li")]
    russian = ActionTrack.objects.get(locale__language_code="ru", code="4").title
    assert any(russian in track for track in tracks)
    assert not any("Digital learning" in track for track in tracks)


@pytest.fixture
def practices(demo):
    add_practice("Alpha", tracks=["1", "4"], countries=["tj"], organisations=["unicef"], keywords=kw("digital"))
    add_practice("Bravo", tracks=["4"], countries=["kg"], organisations=["eu"], keywords=kw("teachers"))
    add_practice("Charlie", tracks=["3"], countries=["tj"], organisations=["eu", "unicef"], keywords=kw("digital"))
    add_practice("Delta", tracks=["5"], countries=["uz"], organisations=["adb"], keywords=kw("financing"))
    # The seed practice: tracks 2, 3, 4; Tajikistan; UNICEF and the EU.


def kw(first):
    return [first, "schools", "reform", "equity", "quality"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Alpha", "Bravo", "Charlie", "Delta", "seed"}),
        ({"track": "4"}, {"Alpha", "Bravo", "seed"}),
        ({"track": "4", "country": "tj"}, {"Alpha", "seed"}),
        ({"track": "3", "organisation": "eu"}, {"Charlie", "seed"}),
        ({"track": "4", "organisation": "unicef", "keyword": "digital"}, {"Alpha"}),
        ({"country": "tj", "keyword": "digital"}, {"Alpha", "Charlie"}),
        ({"track": "5", "country": "tj"}, set()),
        ({"track": "no-such-track"}, set()),
    ],
)
def test_filters_combine(client, practices, query, expected):
    seed_title = hub_seed(SEED, "en")["title"]
    response = client.get(COLLECTION.format("en"), query)

    assert response.status_code == 200
    assert {("seed" if title == seed_title else title) for title in listed_titles(response)} == expected
    if not expected:
        assert "No best practice matches" in response.text


def facet_counts(response, param):
    counts = {}
    for link in soup(response).select(f"#facet-{param} ~ ul a"):
        counts[link["data-code"]] = int(link.select_one(".count").get_text().strip("() ").split()[0])
    return counts


def test_facet_counts_honour_the_other_filters(client, practices):
    everything = client.get(COLLECTION.format("en"))
    assert facet_counts(everything, "track") == {"1": 1, "2": 1, "3": 2, "4": 3, "5": 1}
    assert facet_counts(everything, "country") == {"tj": 3, "kg": 1, "uz": 1}

    in_tajikistan = client.get(COLLECTION.format("en"), {"country": "tj"})
    assert facet_counts(in_tajikistan, "track") == {"1": 1, "2": 1, "3": 2, "4": 2}
    # A facet's own selection does not narrow its counts, so the visitor can switch value.
    assert facet_counts(in_tajikistan, "country") == {"tj": 3, "kg": 1, "uz": 1}


def test_filter_links_keep_the_other_filters_and_can_be_shared(client, practices):
    response = client.get(COLLECTION.format("en"), {"track": "4", "sort": "title"})
    page = soup(response)
    tajikistan = next(a for a in page.select("#facet-country ~ ul a") if "country=tj" in a["href"])
    assert "track=4" in tajikistan["href"] and "sort=title" in tajikistan["href"]

    shared = client.get(COLLECTION.format("en") + tajikistan["href"])
    assert set(listed_titles(shared)) == {"Alpha", hub_seed(SEED, "en")["title"]}
    chips = [chip.get_text(" ", strip=True) for chip in soup(shared).select(".active-filters .chip")]
    assert any("Tajikistan" in chip for chip in chips) and any("Action Track 4" in chip for chip in chips)


def test_sort_orders(client, practices):
    by_title = listed_titles(client.get(COLLECTION.format("en"), {"sort": "title"}))
    assert by_title == sorted(by_title)
    newest = listed_titles(client.get(COLLECTION.format("en")))
    assert newest[0] == "Delta"  # published last


def test_filters_work_in_other_languages_with_the_same_codes(client, demo):
    russian = client.get(COLLECTION.format("ru"), {"track": "4", "country": "tj"})
    assert listed_titles(russian) == [hub_seed(SEED, "ru")["title"]]
    keyword = hub_seed(SEED, "ru")["keywords"][0]
    link = next(a for a in soup(russian).select("#facet-keyword ~ ul a") if keyword in a.get_text())
    assert listed_titles(client.get(COLLECTION.format("ru") + link["href"])) == [hub_seed(SEED, "ru")["title"]]


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


URLS = ["", "?track=4", "?track=4&country=tj&organisation=unicef&sort=title", "?keyword=digital&page=2"]


def test_kept_counts_follow_a_publish_at_once(client, practices, django_assert_max_num_queries):
    """Facet counts and the total are kept between requests (hub.filters.LinkFilters.remember), never past a change."""
    url = COLLECTION.format("en")
    before = facet_counts(client.get(url), "track")
    assert facet_counts(client.get(url, {"sort": "title"}), "track") == before  # another order: the same counts

    add_practice("Echo", tracks=["1"], countries=["tj"])
    with CaptureQueriesContext(connection) as counting:
        after = client.get(url)
    assert facet_counts(after, "track") == {**before, "1": before["1"] + 1}
    assert "Echo" in listed_titles(after)
    # Four facets and the total (the number of kept keys): counted once for every page and order of the listing.
    with django_assert_max_num_queries(len(counting) - 5):
        assert "Echo" in listed_titles(client.get(url, {"sort": "title"}))


def test_collection_queries_do_not_grow_with_the_collection(client, demo, django_assert_max_num_queries):
    urls = [COLLECTION.format("en") + query for query in URLS]
    create_best_practices(collection(), 10)
    with_ten = [count_queries(client, url) for url in urls]

    create_best_practices(collection(), 4990)
    assert BestPracticePage.objects.live().filter(locale__language_code="en").count() == 5001
    with_five_thousand = [count_queries(client, url) for url in urls]

    assert with_five_thousand == with_ten
    for url in urls:
        with django_assert_max_num_queries(30):
            client.get(url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_page_reads_the_practice_once_a_version(client, demo, language, django_assert_max_num_queries):
    client.get(DETAIL.format(language))
    # The content's version and the documents this reader may see: the route, the page, its ancestors' view
    # restrictions, its tracks, countries, organisations and keywords are read once per content version.
    with django_assert_max_num_queries(2):
        assert client.get(DETAIL.format(language)).status_code == 200


def test_a_preview_shows_the_drafts_tracks_and_leaves_the_published_page_as_it_is(client, demo):
    def tracks(page):
        return [link["href"].split("track=")[1] for link in page.select("dl a[href*='track=']")]

    practice = BestPracticePage.objects.get(slug="systems-approach-to-digital-learning", locale__language_code="en")
    published = tracks(soup(client.get(practice.url)))
    other = ActionTrack.objects.filter(locale=practice.locale).exclude(code__in=published).first()
    practice.action_tracks = [other]  # an editor's unsaved change, as the preview panel sends it

    assert tracks(soup(practice.make_preview_request())) == [other.code]
    assert tracks(soup(client.get(practice.url))) == published


def test_drafts_and_private_practices_stay_hidden(client, demo):
    from wagtail.models import PageViewRestriction

    draft = add_practice("Unpublished draft", tracks=["4"], countries=["tj"])
    draft.unpublish()
    private = add_practice("Members only", tracks=["4"], countries=["tj"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    titles = listed_titles(client.get(COLLECTION.format("en")))
    assert "Unpublished draft" not in titles and "Members only" not in titles
    assert client.get(draft.url).status_code == 404
    assert client.get(private.url).status_code == 302  # to sign in, never the content
    sitemap = sitemap_text(client)
    assert draft.slug not in sitemap and private.slug not in sitemap
    search = client.get("/en/search/", {"q": "Members only"})
    assert "Members only" not in [a.get_text() for a in soup(search).select(".search-results a")]


def titles_in_order(**filters):
    pages = BestPracticePage.objects.live().filter(locale__language_code="en", **filters)
    return list(pages.order_by("-first_published_at", "-pk").values_list("title", flat=True))


def test_kept_order_pages_like_the_database_and_follows_each_change(client, demo):
    """The listing's order is kept between requests (hub.pagination); every page matches a fresh ordering, before
    and after a publish and an unpublish."""
    create_best_practices(collection(), 45)
    url = COLLECTION.format("en")
    for number in (1, 2, 3):
        assert listed_titles(client.get(url, {"page": number})) == titles_in_order()[(number - 1) * 20 : number * 20]

    pushed_down = titles_in_order()[19]  # the last of page 1
    newest = add_practice("Zulu newest")
    assert listed_titles(client.get(url))[0] == "Zulu newest"
    assert listed_titles(client.get(url, {"page": 2}))[0] == pushed_down

    newest.unpublish()
    assert "Zulu newest" not in listed_titles(client.get(url))
    assert listed_titles(client.get(url, {"page": 3})) == titles_in_order()[40:60]


def test_a_deep_or_filtered_page_costs_what_the_first_does(client, demo):
    create_best_practices(collection(), 300)
    url = COLLECTION.format("en")
    first = count_queries(client, url)
    assert count_queries(client, url + "?page=14") == first
    deep = client.get(url, {"page": 14})
    assert listed_titles(deep) == titles_in_order()[260:280]
    filtered = client.get(url, {"track": "2", "page": 3})
    assert listed_titles(filtered) == titles_in_order(action_tracks__code="2")[40:60]


def card_tracks(response):
    return [tag.get_text(strip=True) for tag in soup(response).select(".practice-list .tags dd:first-of-type .tag")]


def test_cards_are_kept_per_language_and_follow_a_renamed_track_at_once(client, demo):
    """Each practice's card is rendered once per content version and language (hub.pagination.kept_cards): a
    repeat reads no practice, a Tajik reader gets Tajik labels, and a renamed Action Track shows at once."""
    english, tajik = COLLECTION.format("en"), COLLECTION.format("tg")
    first = client.get(english)
    with CaptureQueriesContext(connection) as repeat:
        assert client.get(english).content.count(b"<article") == first.content.count(b"<article") == 1
    assert not [query for query in repeat if "bestpractice" in query["sql"]]

    practice = BestPracticePage.objects.get(slug="systems-approach-to-digital-learning", locale__language_code="en")
    code = practice.action_tracks.first().code
    with translation.override("tg"):
        tajik_label = str(ActionTrack.objects.get(code=code, locale__language_code="tg"))
    assert tajik_label not in card_tracks(first)
    assert tajik_label in card_tracks(client.get(tajik))

    track = ActionTrack.objects.get(code=code, locale__language_code="en")
    track.title = "Renamed by an editor"
    track.save()
    with translation.override("en"):
        assert str(track) in card_tracks(client.get(english))
