"""Routing in one lookup (home.routing): the same page as Wagtail's own routing, for every path, in fewer queries."""

import pytest
from django.http import Http404
from wagtail.models import Page

from home.models import HomePage


def wagtails_route(root, request, components):
    try:
        return Page.route(root, request, components)
    except Http404:
        return None


def ours(root, request, components):
    try:
        return root.route(request, components)
    except Http404:
        return None


SUB_ROUTES = (["submit"], ["calendar"], ["calendar", "2026", "12"], ["action-items"], ["feed", "atom"], ["2026"])


def shape(result):
    """The page and, for a routable page's sub-route, the view and its arguments (views bound to each copy)."""
    view, args, kwargs = result.args or (None, (), {})
    return result.page.pk, getattr(view, "__func__", view), tuple(args), kwargs


def paths(root):
    """Every page below the root, a routable page's sub-routes, and paths that lead nowhere."""
    for page in Page.objects.descendant_of(root).specific():
        components = page.url_path[len(root.url_path) :].strip("/").split("/")
        yield components
        yield components + ["no-such-page"]
        for extra in SUB_ROUTES:
            yield components + extra
    yield ["no-such-page"]
    yield ["no-such-page", "deeper"]


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_every_path_routes_to_what_wagtail_routes_it_to(demo, rf, language):
    root = HomePage.objects.get(locale__language_code=language)
    request = rf.get("/")
    checked = 0
    for components in paths(root):
        expected, found = wagtails_route(root, request, components), ours(root, request, components)
        if expected is None:
            assert found is None, components
            continue
        assert found is not None, components
        assert shape(found) == shape(expected), components
        checked += 1
    assert checked > 20


def test_a_deep_page_is_routed_in_two_queries(demo, rf, django_assert_num_queries):
    root = HomePage.objects.get(locale__language_code="en")
    practice = root.get_descendants().filter(depth=root.depth + 3).live().first()
    components = practice.url_path[len(root.url_path) :].strip("/").split("/")

    with django_assert_num_queries(2):  # the pages along the path, then the last one's own row
        found = root.route(rf.get("/"), components)

    assert found.page.pk == practice.pk
    assert found.page.get_parent().pk == practice.get_parent().pk


def test_an_unpublished_page_is_not_routed_to(demo, rf):
    root = HomePage.objects.get(locale__language_code="ru")
    page = root.get_descendants().filter(depth=root.depth + 2).live().first()
    page.unpublish()
    components = page.url_path[len(root.url_path) :].strip("/").split("/")

    with pytest.raises(Http404):
        root.route(rf.get("/"), components)


def news_item_url(language="en"):
    from hub.models import NewsPage

    return NewsPage.objects.live().filter(locale__language_code=language).first().url


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_a_page_is_served_from_its_kept_route_in_a_few_queries(client, demo, language, django_assert_max_num_queries):
    url = news_item_url(language)
    first = client.get(url)

    # The content's version, then the page's own organisations and tags: no query for the path, the page's
    # row, its ancestors or their view restrictions.
    with django_assert_max_num_queries(4):
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content


def test_a_restriction_on_a_kept_pages_ancestor_applies_on_the_next_request(client, demo):
    from wagtail.models import PageViewRestriction

    from hub.models import NewsPage

    item = NewsPage.objects.live().filter(locale__language_code="en").first()
    url = item.url
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=item.get_parent(), restriction_type="login")

    refused = client.get(url)
    assert refused.status_code == 302 and "login" in refused["Location"]

    restriction.delete()
    assert client.get(url).status_code == 200


def test_a_moved_page_is_found_at_its_new_path_and_not_at_its_old_one(client, demo):
    from hub.models import NewsPage

    item = NewsPage.objects.live().filter(locale__language_code="en").first()
    old = item.url
    assert client.get(old).status_code == 200
    item.slug = "moved-news-item"
    item.save_revision().publish()

    assert client.get(old).status_code == 404
    assert client.get(NewsPage.objects.get(pk=item.pk).url).status_code == 200


def test_the_sites_root_paths_are_read_once_a_content_version_and_again_when_a_site_changes(client, demo, monkeypatch):
    """Every page address needs them (Page.get_url_parts): kept in the process, not asked of Redis each request."""
    from wagtail.models import Site

    urls = ("/en/", "/ru/news/", "/tg/events/")
    for url in urls:
        client.get(url)
    read = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: read.append(1) or original())
    for url in urls:
        assert client.get(url).status_code == 200
    assert read == []

    site = Site.objects.get(is_default_site=True)
    site.site_name = "LEG.TJ, renamed"
    site.save()
    client.get("/en/")
    assert read  # the new version's first request reads them again
