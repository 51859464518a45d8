"""The collection of best practices and its pages, one per practice.

A best practice answers the twelve questions of the LEG's submission form.
The same questions, word guidance and checks serve editors in the Wagtail
admin and partners in the front-end submission form.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage, IntroPage
from home.pagecache import kept_here
from hub.directory.models import Stakeholder
from hub.keywords import KeywordBase
from hub.taxonomy import ActionTrack, Country, offer_vocabulary

ANSWER_FEATURES = ["bold", "italic", "link", "ul", "ol"]
MIN_KEYWORDS = 5
MAX_KEYWORDS = 15

# Word guidance from the submission form: (fewest, most). Shown, counted live, never enforced.
WORD_GUIDANCE = {
    "introduction": (350, 400),
    "implementation": (350, 450),
    "results": (250, 350),
    "lessons_learnt": (300, 300),
    "conclusions": (250, 250),
}


def word_guidance_text(low, high):
    if low == high:
        return ngettext("About %(count)s word.", "About %(count)s words.", high) % {"count": high}
    return _("%(low)s–%(high)s words.") % {"low": low, "high": high}


def answer_field(verbose_name, help_text):
    return RichTextField(verbose_name, features=ANSWER_FEATURES, help_text=help_text)


class BestPracticeIndexPage(RoutablePageMixin, IntroPage):
    """The collection of best practices: a filterable list, the submission form and submitters' status page."""

    template = "hub/best_practices/best_practice_index_page.html"

    parent_page_types = ["hub.KnowledgeHubPage"]
    subpage_types = ["hub.BestPracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("best practices collection")

    @path("")
    def collection(self, request):
        from .views import best_practice_collection

        return best_practice_collection(request, self)

    @path("submit/")
    def submit(self, request):
        from .views import submit_best_practice

        return submit_best_practice(request, self)

    @path("submissions/")
    def submissions(self, request):
        from .views import my_submissions

        return my_submissions(request, self)

    @path("submissions/<int:page_id>/edit/")
    def edit_submission(self, request, page_id):
        from .views import submit_best_practice

        return submit_best_practice(request, self, page_id=page_id)


class BestPracticeKeyword(KeywordBase):
    page = ParentalKey("hub.BestPracticePage", on_delete=models.CASCADE, related_name="keywords")


class BestPracticeAdminForm(WagtailAdminPageForm):
    """Offers only the vocabulary rows of the page's own language, and checks the keyword count."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (("countries", Country), ("action_tracks", ActionTrack), ("organisations", Stakeholder)):
            offer_vocabulary(self, name, model)

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("keywords")
        if formset is not None and formset.is_valid():
            kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
            if not MIN_KEYWORDS <= len(kept) <= MAX_KEYWORDS:
                raise ValidationError(
                    _("Give between %(low)s and %(high)s keywords; there are %(count)s.")
                    % {"low": MIN_KEYWORDS, "high": MAX_KEYWORDS, "count": len(kept)}
                )
        if not cleaned.get("organisations") and not cleaned.get("other_organisations"):
            self.add_error("organisations", _("Name at least one lead or partner organisation."))
        return cleaned


class BestPracticePage(BasePage):
    """One best practice, answering the twelve questions of the LEG's submission form."""

    template = "hub/best_practices/best_practice_page.html"

    countries = ParentalManyToManyField(
        Country,
        verbose_name=_("countries"),
        related_name="best_practices",
        help_text=_("Question 2: the country or countries where the practice is implemented."),
    )
    action_tracks = ParentalManyToManyField(
        ActionTrack,
        verbose_name=_("Action Tracks"),
        related_name="best_practices",
        help_text=_("Question 3: the most relevant Action Track(s) of the Transforming Education Summit."),
    )
    organisations = ParentalManyToManyField(
        Stakeholder,
        verbose_name=_("lead and partner organisations"),
        related_name="best_practices",
        blank=True,
        help_text=_("Question 4: the implementation lead and partner organisations in the directory."),
    )
    other_organisations = models.CharField(
        _("other organisations"),
        max_length=300,
        blank=True,
        help_text=_("Organisations not yet in the directory, separated by commas."),
    )
    what_makes_it_best = answer_field(
        _("what makes it a best practice"),
        _("Question 6: why this is a best practice, in a short paragraph or a few points."),
    )
    introduction = answer_field(
        _("introduction"),
        _(
            "Question 7: the context and justification: which population was affected, "
            "what problem needed addressing, which approach was taken and what it achieved."
        ),
    )
    implementation = answer_field(
        _("implementation"),
        _(
            "Question 8: the main activities; when and where they were carried out; the key actors and "
            "collaborators; the resources (budget and sources) needed."
        ),
    )
    results = answer_field(
        _("results: outputs and outcomes"),
        _(
            "Question 9: how the practice was identified as transformative, the concrete results, "
            "and any assessment of it."
        ),
    )
    lessons_learnt = answer_field(
        _("lessons learnt"),
        _("Question 10: the key triggers for transformation, what worked well and what did not, and why."),
    )
    conclusions = answer_field(
        _("conclusions"),
        _(
            "Question 11: why this may be considered a best practice, and recommendations for those who "
            "want to adopt it."
        ),
    )
    further_reading = answer_field(
        _("further reading"),
        _("Question 12: key reference documents and their web addresses."),
    )

    base_form_class = BestPracticeAdminForm

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("action_tracks", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
                FieldPanel("other_organisations"),
                InlinePanel(
                    "keywords",
                    heading=_("Keywords"),
                    label=_("Keyword"),
                    min_num=MIN_KEYWORDS,
                    max_num=MAX_KEYWORDS,
                    help_text=_("Question 5: 5 to 15 words about aims, modalities, target groups."),
                ),
                FieldPanel("what_makes_it_best"),
            ],
            heading=_("Summary of the best practice"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("introduction"),
                FieldPanel("implementation"),
                FieldPanel("results"),
                FieldPanel("lessons_learnt"),
                FieldPanel("conclusions"),
                FieldPanel("further_reading"),
            ],
            heading=_("Description of the best practice"),
        ),
    ]

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("countries"),
        SynchronizedField("action_tracks"),
        SynchronizedField("organisations"),
        TranslatableField("other_organisations"),
        TranslatableField("keywords"),
        TranslatableField("what_makes_it_best"),
        TranslatableField("introduction"),
        TranslatableField("implementation"),
        TranslatableField("results"),
        TranslatableField("lessons_learnt"),
        TranslatableField("conclusions"),
        TranslatableField("further_reading"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("what_makes_it_best", boost=2),
        index.SearchField("introduction"),
        index.SearchField("implementation"),
        index.SearchField("results"),
        index.SearchField("lessons_learnt"),
        index.SearchField("conclusions"),
        index.SearchField("other_organisations"),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
        index.RelatedFields("organisations", [index.SearchField("name"), index.SearchField("acronym")]),
    ]

    parent_page_types = ["hub.BestPracticeIndexPage"]
    subpage_types = []

    description_field = "what_makes_it_best"

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    ANSWERS = [
        "what_makes_it_best",
        "introduction",
        "implementation",
        "results",
        "lessons_learnt",
        "conclusions",
        "further_reading",
    ]

    def relations(self):
        """Its tracks, countries and organisations as (code, label in the visitor's language), and its keywords:
        each relation read once."""
        related = {"keywords": list(self.keywords.all())}
        for name, model in (
            ("action_tracks", ActionTrack),
            ("countries", Country),
            ("organisations", Stakeholder),
        ):
            rows = list(getattr(self, name).all())
            labels = model.labels({row.code for row in rows})
            related[name] = [(row.code, str(labels.get(row.code, row))) for row in rows]
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collection_url"] = self.get_parent().get_url(request)
        if getattr(request, "is_preview", False):
            context.update(self.relations())  # the draft's own: never kept, never shown to anyone else
        else:
            context.update(kept_here(request, f"practice:{self.pk}:{get_language()}", self.relations))
        from hub.documents.library import related_documents

        original_documents = self.documents.model.objects.filter(best_practices__translation_key=self.translation_key)
        context["documents"] = related_documents(
            request, original_documents, name=f"practice-documents:{get_language()}:{self.translation_key}"
        )
        return context

    @classmethod
    def featured(cls, chosen, count):
        """`count` live public practices in the reader's language: the chosen ones first, then the newest."""
        readable = cls.objects.live().public().filter(locale=Locale.get_active())
        keys = [page.translation_key for page in chosen if page]
        by_key = {page.translation_key: page for page in readable.filter(translation_key__in=keys)}
        practices = [by_key[key] for key in keys if key in by_key][:count]
        if len(practices) < count:
            newest = readable.exclude(translation_key__in=keys).order_by("-first_published_at", "-pk")
            practices += list(newest[: count - len(practices)])
        return practices

    def answers(self):
        """(field name, heading, HTML) for each descriptive answer, in the form's order."""
        return [(name, self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.ANSWERS]
