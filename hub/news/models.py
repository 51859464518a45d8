"""News: an index per language with year and tag listings and RSS/Atom feeds, and the news pages."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage, IntroPage
from home.untranslated import children_with_untranslated
from hub.blocks import ArticleBodyBlock
from hub.directory.models import Stakeholder
from hub.keywords import KeywordBase
from hub.taxonomy import offer_vocabulary


class NewsIndexPage(RoutablePageMixin, IntroPage):
    """The news of one language: newest first, by year, by tag, and as feeds."""

    template = "hub/news/news_index_page.html"

    parent_page_types = ["home.HomePage"]
    subpage_types = ["hub.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    @path("")
    def latest(self, request):
        from .views import news_listing

        return news_listing(request, self)

    @path("<int:year>/")
    def year(self, request, year):
        from .views import news_listing

        return news_listing(request, self, year=year)

    @path("tag/<str:tag>/")
    def tag(self, request, tag):
        from .views import news_listing

        return news_listing(request, self, tag=tag)

    @path("feed/", name="rss")
    def rss(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    def alternate_subpath(self, subpath):
        """Tags are words of one language: the other languages' alternate is their news index."""
        return "" if subpath.startswith("tag/") else subpath

    def news(self, untranslated=False):
        """Live, public news of this index, newest first; with `untranslated`, the English news it has no
        translation of too."""
        news = NewsPage.objects.live().public().order_by("-date", "-pk")
        return children_with_untranslated(news, self) if untranslated else news.child_of(self)


class NewsTag(KeywordBase):
    page = ParentalKey("hub.NewsPage", on_delete=models.CASCADE, related_name="tags")


class NewsAdminForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_vocabulary(self, "organisations", Stakeholder)


class NewsPage(BasePage):
    """A news item: what happened, when, and who was involved."""

    template = "hub/news/news_page.html"

    date = models.DateField(_("date"), help_text=_("When it happened or was announced."))
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for listings, feeds and link previews.")
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top and in link previews."),
    )
    image_alt = models.CharField(
        _("image alt text"), max_length=255, blank=True, help_text=_("Describes the image; translated with the page.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), help_text=_("The full story."))
    organisations = ParentalManyToManyField(
        Stakeholder,
        verbose_name=_("related organisations"),
        related_name="news",
        blank=True,
        help_text=_("Organisations the item is about."),
    )

    base_form_class = NewsAdminForm
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
        InlinePanel("tags", heading=_("Tags"), label=_("Tag"), max_num=15),
    ]

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("date"),
        TranslatableField("summary"),
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        TranslatableField("body"),
        SynchronizedField("organisations"),
        TranslatableField("tags"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]

    parent_page_types = ["hub.NewsIndexPage"]
    subpage_types = []

    description_field = "summary"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.get_parent().specific
        rows = list(self.organisations.all())
        labels = Stakeholder.labels({row.code for row in rows})
        context["organisations"] = [str(labels.get(row.code, row)) for row in rows]
        return context

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
