"""One way to cut a listing into pages, for every listing in the hub."""

from django.core.paginator import Paginator


def paginate(request, items, size, count=None):
    """The requested page of `items`; `count`, when given, is how many there are (a count kept elsewhere)."""
    paginator = Paginator(items, size)
    if count is not None:
        paginator.count = count  # in place of Paginator's own COUNT query
    return paginator.get_page(request.GET.get("page"))
