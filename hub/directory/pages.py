from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import IntroPage


class StakeholderDirectoryPage(RoutablePageMixin, IntroPage):
    """The stakeholder directory: every organisation A–Z, searchable and filterable, each with its own page."""

    template = "hub/directory/stakeholder_directory_page.html"

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("stakeholder directory")

    @path("")
    def directory(self, request):
        from .views import directory

        return directory(request, self)

    @path("<slug:code>/", name="stakeholder")
    def stakeholder(self, request, code):
        from .views import stakeholder

        return stakeholder(request, self, code)
