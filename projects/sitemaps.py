from hub.sitemaps import RoutedItemsSitemap

from .models import ProjectsPage
from .registry import originals


class ProjectsSitemap(RoutedItemsSitemap):
    """Each project's page on every language's projects page, and who does what where."""

    def page_model(self):
        return ProjectsPage

    def codes(self):
        return ["who-does-what-where", *originals().order_by("slug").values_list("slug", flat=True)]
