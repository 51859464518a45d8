"""A page's privacy reaches every translation of it, and every way in (issue 15, item 1).

The editor sets privacy on the English page through the admin's own privacy
dialog; the Russian and Tajik translations, made long before, must follow at
once, in the page itself, its lists, year archive, feeds, sitemap and search.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction

from accounts.models import User
from hub.models import NewsPage
from tests.conftest import LANGUAGES, hub_seed, sitemap_text

SEED = "news_unesco_iite_2018"
ITEM = "/{}/news/unesco-iite-national-workshop-ict-oer-2018/"


@pytest.fixture
def news(demo):
    return NewsPage.objects.get(slug="unesco-iite-national-workshop-ict-oer-2018", locale__language_code="en")


@pytest.fixture
def editor(db):
    return User.objects.create_superuser(email="editor@leg.tj")


def as_editor(client, editor, page, restriction_type, groups=()):
    """Set `page`'s privacy in the admin's dialog, then sign out again."""
    client.force_login(editor)
    set_privacy(client, page, restriction_type, groups)
    client.logout()


def set_privacy(client, page, restriction_type, groups=()):
    response = client.post(
        f"/admin/pages/{page.pk}/privacy/", {"restriction_type": restriction_type, "groups": [g.pk for g in groups]}
    )
    assert response.status_code == 200 and b"set_privacy_done" in response.content


def everywhere(client, language):
    """Every door a reader of `language` may find the item through, and what it answers."""
    title = hub_seed(SEED, language)["title"]
    word = title.split()[0]
    doors = {
        "page": client.get(ITEM.format(language)),
        "list": client.get(f"/{language}/news/"),
        "year": client.get(f"/{language}/news/2018/"),
        "rss": client.get(f"/{language}/news/feed/"),
        "atom": client.get(f"/{language}/news/feed/atom/"),
        "search": client.get(f"/{language}/search/", {"q": word}),
    }
    shown = {name for name, response in doors.items() if title.encode() in response.content}
    if ITEM.format(language) in sitemap_text(client):
        shown.add("sitemap")
    return doors["page"].status_code, shown


def test_restricting_a_page_restricts_its_earlier_translations_everywhere_and_lifting_it_frees_them(
    client, news, editor
):
    as_editor(client, editor, news, PageViewRestriction.LOGIN)

    for language in LANGUAGES:
        status, shown = everywhere(client, language)
        assert status == 302 and shown == set(), (language, shown)

    client.force_login(User.objects.create_user(email="member@partner.example"))
    assert client.get(ITEM.format("tg")).status_code == 200
    client.logout()

    as_editor(client, editor, news, PageViewRestriction.NONE)
    for language in LANGUAGES:
        status, shown = everywhere(client, language)
        assert status == 200 and {"page", "list", "year", "rss", "atom", "sitemap"} <= shown, (language, shown)


def test_a_change_made_on_a_translation_reaches_the_source_and_the_other_translations(client, news, editor):
    partners = Group.objects.create(name="Development partners")
    russian = news.get_translation(Locale.objects.get(language_code="ru"))
    as_editor(client, editor, russian, PageViewRestriction.GROUPS, groups=[partners])
    for page in [news, *news.get_translations()]:
        [restriction] = PageViewRestriction.objects.filter(page=page)
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert list(restriction.groups.all()) == [partners]


def test_a_translation_made_after_the_restriction_starts_restricted(client, news, editor):
    page = NewsPage(title="Partners briefing", slug="partners-briefing", date="2026-11-20", summary="Only partners.")
    news.get_parent().add_child(instance=page)
    as_editor(client, editor, page, PageViewRestriction.LOGIN)
    translation = page.copy_for_translation(Locale.objects.get(language_code="ru"))
    assert list(PageViewRestriction.objects.filter(page=translation).values_list("restriction_type", flat=True)) == [
        PageViewRestriction.LOGIN
    ]


def test_deleting_a_restricted_source_page_leaves_its_translations_restricted(client, news, editor):
    as_editor(client, editor, news, PageViewRestriction.LOGIN)
    russian = news.get_translation(Locale.objects.get(language_code="ru"))
    news.delete()
    assert PageViewRestriction.objects.filter(page=russian).exists()


def test_a_shared_password_page_asks_for_it_in_each_translation_in_the_readers_language(client, news, editor):
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{news.pk}/privacy/", {"restriction_type": PageViewRestriction.PASSWORD, "password": "leg-2026"}
    )
    assert b"set_privacy_done" in response.content
    client.logout()
    page = BeautifulSoup(client.get(ITEM.format("tg")).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Парол лозим аст" and page.html["lang"] == "tg"
    action = page.select_one("form[method=post]")["action"]
    response = client.post(action, {"password": "leg-2026", "return_url": ITEM.format("tg")})
    assert response.status_code == 302
    assert hub_seed(SEED, "tg")["title"] in client.get(ITEM.format("tg")).content.decode()
