from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from .models import UnansweredQuery


class UnansweredQueriesReport(ReportView):
    """The searches that found nothing, most frequent first, per language: what readers look for and miss."""

    page_title = _("Searches without results")
    header_icon = "search"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-searches"
    columns = [
        Column("query_string", label=_("Search terms"), sort_key="query_string"),
        Column("language", label=_("Language"), sort_key="language"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        DateColumn("last", label=_("Last searched"), sort_key="last"),
    ]
    list_export = ["query_string", "language", "searches", "last"]
    export_headings = {
        "query_string": _("Search terms"),
        "language": _("Language"),
        "searches": _("Searches"),
        "last": _("Last searched"),
    }

    def get_base_queryset(self):
        return (
            UnansweredQuery.objects.values("query_string", "language")
            .annotate(searches=Sum("hits"), last=Max("date"))
            .order_by("-searches", "query_string")
        )

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's own search-terms report is for administrators; this one is for whoever manages promotions.
        if not request.user.has_perm("wagtailsearchpromotions.add_searchpromotion"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
