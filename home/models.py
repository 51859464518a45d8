from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from search.index import STEMMED_FIELDS, Stemmed

from . import routing
from .blocks import HomeSectionsBlock


class BasePage(Stemmed, Page):
    """Common ground for every page type on the site.

    `translatable_fields` is written out so each field's translation behaviour
    is a reviewed decision; subclasses extend the list with their own fields.
    """

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug", overridable=True),
        SynchronizedField("show_in_menus"),
    ]
    search_fields = Page.search_fields + STEMMED_FIELDS

    class Meta:
        abstract = True

    # The field whose text describes the page when editors leave the search description empty.
    description_field = None

    def get_view_restrictions(self):
        kept = self.__dict__.get("_kept_view_restrictions")  # read with the page's kept route (home.routing)
        if kept is None:
            return super().get_view_restrictions()
        # The same rows, as a query set should a caller refine it, already read: no query for the page's
        # ancestors nor for their restrictions while the content version is the one they were read in.
        restrictions = PageViewRestriction.objects.filter(pk__in=[restriction.pk for restriction in kept])
        restrictions._result_cache = kept
        return restrictions

    @property
    def meta_description(self):
        """For the description and Open Graph tags, and listings."""
        if self.search_description or not self.description_field:
            return self.search_description
        return Truncator(strip_tags(getattr(self, self.description_field))).words(40)


class IntroPage(BasePage):
    """A page with a short plain-text introduction under its title, which also describes it in meta tags."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences under the title."))

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro", boost=2)]
    description_field = "intro"

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The site's front page in each language: what the LEG is, its aims and the platform."""

    hero_kicker = models.CharField(
        _("hero kicker"),
        max_length=80,
        blank=True,
        help_text=_("Short line above the main heading, e.g. 'About the LEG.TJ'."),
    )
    hero_heading = models.CharField(_("hero heading"), max_length=160, help_text=_("The page's main heading."))
    hero_text = models.TextField(_("hero text"), help_text=_("One or two sentences saying what the LEG is."))
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide, light picture; shared by all languages."),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describes the picture for people who cannot see it; translated with the page."),
    )
    body = StreamField(
        HomeSectionsBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("The sections of the page, in order."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_kicker"),
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("hero_kicker"),
        TranslatableField("hero_heading"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_image_alt"),
        TranslatableField("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("hero_heading", boost=2),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.AboutPage",
        "hub.KnowledgeHubPage",
        "hub.NewsIndexPage",
        "hub.StakeholderDirectoryPage",
        "hub.EventIndexPage",
    ]

    description_field = "hero_text"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Every page of the site is routed from here: one query for the path, not two a level.
        found = routing.route(self, request, path_components)
        return found if found is not None else super().route(request, path_components)


class AboutPage(IntroPage):
    """What the LEG is and what the platform does: the sections a visitor reads once, kept off the home page."""

    body = StreamField(
        HomeSectionsBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("The sections of the page, in order."),
    )

    content_panels = IntroPage.content_panels + [FieldPanel("body")]
    translatable_fields = IntroPage.translatable_fields + [TranslatableField("body")]
    search_fields = IntroPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("about page")


class ContentVersion(models.Model):
    """A single row whose number goes up with every change a public page may show (home.pagecache)."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.version)
