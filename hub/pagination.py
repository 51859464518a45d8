"""One way to cut a listing into pages, for every listing in the hub."""

from array import array

from django.core.paginator import Paginator
from django.template.loader import get_template
from django.utils.translation import get_language

from home.pagecache import kept_each


def paginate(request, items, size, remember=None, rows=None):
    """The requested page of `items` (a queryset or a list).

    With `remember` (a function keeping plain data while the content is unchanged, such as
    `home.pagecache.remembered` bound to the listing's name), the listing's order is worked out once per
    content version, as the items' keys, and each page then reads only its own rows by key from `rows`: a deep
    page, or a filter matching half of 20,000 items, costs what the first page of a short listing does.
    `rows` is the listing's model with what a row needs (fields, prefetches) and any cheap condition worth
    checking again (live); a row failing it is left out of the page. It may instead be a function from keys to
    {key: row}, such as one handing out cards kept by `home.pagecache.kept_each`. Keys kept under one content
    version cannot name what that version hides: publishing, unpublishing and view restrictions all change it.
    """
    if remember is None:
        return Paginator(items, size).get_page(request.GET.get("page"))
    # 4 bytes a key: the keys of 20,000 items are 80 KB in memory and in the shared cache.
    keys = remember("keys", lambda: array("i", items.values_list("pk", flat=True)))
    page = Paginator(keys, size).get_page(request.GET.get("page"))
    wanted = list(page.object_list)
    found = rows(wanted) if callable(rows) else rows.in_bulk(wanted)  # neither reads anything for no keys
    page.object_list = [found[key] for key in wanted if key in found]
    return page


def kept_cards(request, name, rows, template, context, prepare=None):
    """A `rows` function for `paginate` whose rows are cards: each item rendered by `template` (as `item`, beside
    `context`) once per content version, language and site, then kept (`kept_each`) for every listing page and
    every reader that shows it. `rows` reads the items by key (a query set, or a function from keys to
    {key: item}); `prepare` adds what cards show to those read.
    Only for cards that show every reader the same (no sign-in state, no reader's choices)."""
    card = get_template(template)

    def render(keys):
        found = rows(keys) if callable(rows) else rows.in_bulk(keys)
        if prepare is not None:
            prepare(list(found.values()))
        return {key: card.render({**context, "item": item, "request": request}) for key, item in found.items()}

    name = f"card:{name}:{request.get_host()}:{get_language()}"
    return lambda keys: kept_each(request, name, keys, render)
