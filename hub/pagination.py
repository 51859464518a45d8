"""One way to cut a listing into pages, for every listing in the hub."""

from array import array

from django.core.paginator import Paginator


def paginate(request, items, size, remember=None, rows=None):
    """The requested page of `items` (a queryset or a list).

    With `remember` (a function keeping plain data while the content is unchanged, such as
    `home.pagecache.remembered` bound to the listing's name), the listing's order is worked out once per
    content version, as the items' keys, and each page then reads only its own rows by key from `rows`: a deep
    page, or a filter matching half of 20,000 items, costs what the first page of a short listing does.
    `rows` is the listing's model with what a row needs (fields, prefetches) and any cheap condition worth
    checking again (live); a row failing it is left out of the page. Keys kept under one content version
    cannot name what that version hides: publishing, unpublishing and view restrictions all change it.
    """
    if remember is None:
        return Paginator(items, size).get_page(request.GET.get("page"))
    # 4 bytes a key: the keys of 20,000 items are 80 KB in memory and in the shared cache.
    keys = remember("keys", lambda: array("i", items.values_list("pk", flat=True)))
    page = Paginator(keys, size).get_page(request.GET.get("page"))
    wanted = list(page.object_list)
    found = rows.in_bulk(wanted) if wanted else {}
    page.object_list = [found[key] for key in wanted if key in found]
    return page
