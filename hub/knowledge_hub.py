from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.models import IntroPage
from hub.blocks import ArticleBodyBlock


class KnowledgeHubPage(IntroPage):
    """The entrance to the knowledge hub: the best-practice collection and the sector pages."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["hub.BestPracticeIndexPage", "hub.SectorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge hub")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


class SectorPage(IntroPage):
    """Sector content built from blocks, such as the CBE transformation or the coordination challenge."""

    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The page's content."))

    content_panels = IntroPage.content_panels + [FieldPanel("body")]
    translatable_fields = IntroPage.translatable_fields + [TranslatableField("body")]
    search_fields = IntroPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["hub.KnowledgeHubPage", "hub.SectorPage"]
    subpage_types = ["hub.SectorPage"]

    class Meta:
        verbose_name = _("sector page")
