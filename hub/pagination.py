"""One way to cut a listing into pages, for every listing in the hub."""

from django.core.paginator import Paginator


def paginate(request, items, size):
    return Paginator(items, size).get_page(request.GET.get("page"))
