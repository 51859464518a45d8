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
