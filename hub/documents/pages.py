from django.utils.translation import gettext_lazy as _

from home.models import IntroPage


class DocumentLibraryPage(IntroPage):
    """The "Sector documents" page: the whole library, filtered by type, year, organisation and language."""

    template = "hub/documents/document_library_page.html"

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("document library")

    def serve(self, request, *args, **kwargs):
        from .library import library

        return library(request, self)
