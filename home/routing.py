"""Page routing in one query for the whole path, where Wagtail's own takes two a level.

Wagtail routes `/en/knowledge-hub/best-practices/x/` by asking each page in
turn for its child (a query) and then for that child's specific row (another):
six queries for three levels, before the page has rendered anything. Here the
pages along the path come back in one query, by slug and depth (both indexed),
and only the last one's specific row is read. The answer is the same as
Wagtail's: a page along the way whose own `route` would answer the rest of the
path (a routable page's sub-route) gets it, as Wagtail would give it.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import Resolver404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site
from wagtail.url_routing import RouteResult

from .pagecache import kept_here


def _passes_on(page, remaining):
    """Whether Wagtail's routing through `page` would go on to its child named `remaining[0]`."""
    cls = ContentType.objects.get_for_id(page.content_type_id).model_class()
    if cls is None:
        return False
    if cls.route is Page.route:
        return True
    if cls.route is RoutablePageMixin.route:
        if not page.live:
            return True
        try:
            cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return True
        return False
    return False  # a route of its own: let it decide


def route(root, request, path_components):
    """`root.route(request, path_components)`, as Wagtail answers it, in two queries.

    Falls back to Wagtail's routing (returns None) wherever the shortcut cannot be sure.
    """
    if not path_components:
        return None
    depth = root.depth
    levels = Q()
    for step, slug in enumerate(path_components, start=1):
        levels |= Q(depth=depth + step, slug=slug)
    found = {}
    for page in Page.objects.filter(levels, path__startswith=root.path):
        found.setdefault(page.depth - depth, []).append(page)
    # The chain from the root: each page the child of the one before it.
    chain, parent = [], root
    for step in range(1, len(path_components) + 1):
        children = [page for page in found.get(step, ()) if page.path.startswith(parent.path)]
        if len(children) != 1:
            break
        chain.append(children[0])
        parent = children[0]
    if not chain:
        raise Http404  # no child of the root has that slug: Wagtail's answer too
    for index, page in enumerate(chain[:-1]):
        if not _passes_on(page, path_components[index + 1 :]):
            return None
    last = chain[-1].specific
    last._cached_parent_obj = chain[-2] if len(chain) > 1 else root
    return last.route(request, path_components[len(chain) :])


def site_root_paths(request):
    """Wagtail's `Site.get_site_root_paths()`, kept in this process per content version (a Site or a root page
    saved changes it): every page address is worked out from them."""
    return kept_here(request, "site-root-paths", Site.get_site_root_paths)


class RoutingMiddleware:
    """Hand Wagtail's page view the site and the language's root page, kept until the content changes.

    Wagtail reads the site, the root page, its translation and its specific row
    on every request: four queries. Its view takes a route already found from
    `request._wagtail_route_for_request` (Page.route_for_request), so the
    route is found here, from the kept root, in the two queries above, and
    kept per path until the content changes (`kept_route`).
    """

    def __init__(self, get_response):
        from wagtail.views import serve  # not at import: home.models imports this module

        self.get_response, self.wagtail_serve = get_response, serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.wagtail_serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        # Every page address asks for the sites' root paths, which Wagtail reads from the shared cache once a
        # request and keeps on the request under this name (Page._get_site_root_paths): kept here instead, per
        # content version, as a Site or a root page saved changes it.
        request._wagtail_cached_site_root_paths = site_root_paths(request)
        site, root, language_locale_id = site_and_root(request)
        request._wagtail_site = site
        if root is None:
            return None  # no site: Wagtail's view answers 404
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        components = [component for component in path.split("/") if component]
        try:
            found = kept_route(request, root, components)
        except Http404:
            found = self.untranslated(request, components) if get_language() != settings.LANGUAGE_CODE else None
            if isinstance(found, HttpResponseRedirect):
                return found
        request._wagtail_route_for_request = found
        # Shown in the visitor's language but written in another: the page says so (base.html).
        request.shown_untranslated = found is not None and found.page.locale_id != language_locale_id
        return None

    def untranslated(self, request, components):
        """A page not translated into the visitor's language: its English, in their interface, with a notice.

        The language switcher links here (the same path under the other
        language's prefix), and so can a shared link. Where the page does have
        a translation under another slug, the visitor is sent to it instead.
        """
        source_root = kept_here(request, f"source-root:{request.get_host()}", lambda: _source_root(request))
        if source_root is None:
            return None
        try:
            found = copy.copy(source_root).route(request, components)
        except Http404:
            return None
        translation = found.page.get_translation_or_none(Locale.get_active())
        if translation is not None and translation.live:
            return HttpResponseRedirect(translation.get_url(request))
        return found


def kept_route(request, root, components):
    """`root.route(request, components)`, kept until the content changes, with the view restrictions Wagtail's
    view checks on it (`BasePage.get_view_restrictions`): a page read once per version, not three to five
    queries a request. Each request is handed a copy of the kept page, so nothing it sets on it is shared."""

    def find():
        # Http404 goes through: a path that leads nowhere is not kept, so requests for made-up paths cannot
        # crowd out what is.
        found = copy.copy(root).route(request, components)  # a copy: the kept root is shared too
        found.page._kept_view_restrictions = list(found.page.get_view_restrictions())
        return found

    kept = kept_here(request, f"route:{request.get_host()}:{get_language()}:{'/'.join(components)}", find)
    return RouteResult(copy.copy(kept.page), kept.args, kept.kwargs)


def site_and_root(request):
    """`_site_and_root(request)`, kept until the content changes: shared by every request, never to be changed."""
    return kept_here(request, f"root:{request.get_host()}:{get_language()}", lambda: _site_and_root(request))


def _site_and_root(request):
    """The site, its root page in the visitor's language (or the English one), and the id of that language's
    Locale: None when the language has no live root, so that nothing found under it is in that language."""
    site = Site.find_for_request(request)
    if site is None:
        return None, None, None
    root = site.root_page.localized.specific
    # `localized` falls back to the site's own root (the English home) when the language has none: no query needed.
    in_language = root.pk != site.root_page_id or get_language() == settings.LANGUAGE_CODE
    return site, root, root.locale_id if in_language else None


def _source_root(request):
    site = Site.find_for_request(request)
    root = site.root_page.get_translation_or_none(Locale.get_default()) if site else None
    return root.specific if root else None
