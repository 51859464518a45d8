from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.models import BasePage
from hub.blocks import ArticleBodyBlock


class KnowledgeHubPage(BasePage):
    """The entrance to the knowledge hub: the best-practice collection and the sector pages."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences under the title."))

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["hub.BestPracticeIndexPage", "hub.SectorPage"]
    max_count_per_parent = 1

    description_field = "intro"

    class Meta:
        verbose_name = _("knowledge hub")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


class SectorPage(BasePage):
    """Sector content built from blocks, such as the CBE transformation or the coordination challenge."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short lead paragraph under the title."))
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The page's content."))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro"), TranslatableField("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro", boost=2), index.SearchField("body")]

    parent_page_types = ["hub.KnowledgeHubPage", "hub.SectorPage"]
    subpage_types = ["hub.SectorPage"]

    description_field = "intro"

    class Meta:
        verbose_name = _("sector page")
