from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import UnansweredQueriesReport


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("reports/unanswered-searches/", UnansweredQueriesReport.as_view(), name="search_unanswered"),
        path(
            "reports/unanswered-searches/results/",
            UnansweredQueriesReport.as_view(results_only=True),
            name="search_unanswered_results",
        ),
    ]


class PromotionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailsearchpromotions.add_searchpromotion")


@hooks.register("register_reports_menu_item")
def register_unanswered_report():
    return PromotionsMenuItem(
        _("Searches without results"),
        reverse("search_unanswered"),
        name="unanswered-searches",
        icon_name="search",
        order=1310,
    )
