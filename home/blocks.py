"""StreamField blocks for the home page's sections.

Each section is a block so editors can reorder, add or drop sections, and
later features (stakeholders, events, documents) arrive as new section types.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

SHORT_RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]


class TextColumnBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("Heading of this column."))
    text = blocks.RichTextBlock(features=SHORT_RICH_TEXT, help_text=_("A few paragraphs or a short list."))

    class Meta:
        icon = "doc-full"
        label = _("Column")


class ColumnsSectionBlock(blocks.StructBlock):
    """Texts shown side by side on wide screens, stacked on phones (mission and vision, for example)."""

    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Optional heading above the columns."))
    columns = blocks.ListBlock(TextColumnBlock(), min_num=1, max_num=4)

    class Meta:
        icon = "table"
        label = _("Columns of text")
        template = "blocks/columns_section.html"
        preview_value = {
            "heading": "Background & Context",
            "columns": [
                {"heading": "Our Mission", "text": "<p>To coordinate international development efforts.</p>"},
                {"heading": "Our Vision", "text": "<p>A unified, well-coordinated education sector.</p>"},
            ],
        }


class FigureBlock(blocks.StructBlock):
    """One key figure: typed by the editor, or taken from the projects registry when it holds one.

    The amount is stored in full so it can be formatted per locale; for a
    registry figure it is what shows while the registry has no projects to count.
    """

    source = blocks.ChoiceBlock(
        choices=[
            ("registry_count", _("Projects registry: number of projects")),
            ("registry_total", _("Projects registry: total budget of all projects")),
            ("registry_donor", _("Projects registry: total budget of the donor's projects")),
        ],
        required=False,
        help_text=_("Leave empty to show the amount typed below: for figures the registry does not hold."),
    )
    donor = SnippetChooserBlock(
        "hub.Stakeholder", required=False, help_text=_("For a donor's total: the donor in the directory.")
    )
    amount = blocks.DecimalBlock(
        min_value=Decimal(0),
        decimal_places=2,
        help_text=_("The full amount, e.g. 147500000 for 147.5 million."),
    )
    unit = blocks.ChoiceBlock(
        choices=[("usd", _("US dollars")), ("count", _("Count"))],
        default="usd",
        help_text=_("US dollars are shown in millions in each language's style."),
    )
    label = blocks.CharBlock(max_length=120, help_text=_("What the figure measures."))

    class Meta:
        icon = "decimal"
        label = _("Figure")

    def clean(self, value):
        value = super().clean(value)
        if value.get("source") == "registry_donor" and not value.get("donor"):
            raise blocks.StructBlockValidationError(
                block_errors={"donor": ValidationError(_("Choose the donor whose projects to add up."))}
            )
        return value


class IntroducedSectionBlock(blocks.StructBlock):
    """A section with a heading and an optional introduction; subclasses add their items."""

    heading = blocks.CharBlock(max_length=120, help_text=_("Heading of the section."))
    intro = blocks.TextBlock(required=False, help_text=_("One or two sentences under the heading."))


class FiguresSectionBlock(IntroducedSectionBlock):
    figures = blocks.ListBlock(FigureBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "blocks/figures_section.html"
        preview_value = {
            "heading": "Scale of Investment",
            "intro": "The magnitude of current investments.",
            "figures": [
                {"amount": Decimal("50000000"), "unit": "usd", "label": "World Bank Learning Environment"},
                {"amount": Decimal("113"), "unit": "count", "label": "Donor financed education projects"},
            ],
        }


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text=_("Short title of the card."))
    text = blocks.TextBlock(help_text=_("One to three sentences."))
    # A claim about the platform must hold for the site as it runs: a card can depend on its set-up.
    shown_when = blocks.ChoiceBlock(
        choices=[
            ("oauth", _("only while a sign-in provider (OAuth) is configured")),
            ("no_oauth", _("only while no sign-in provider is configured")),
        ],
        required=False,
        help_text=_("Leave empty to always show the card."),
    )

    class Meta:
        icon = "form"
        label = _("Card")


class CardsSectionBlock(IntroducedSectionBlock):
    """A grid of short cards: objectives, platform features."""

    cards = blocks.ListBlock(CardBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "list-ul"
        label = _("Cards")
        template = "blocks/cards_section.html"
        preview_value = {
            "heading": "Our Objectives",
            "intro": "Guiding our efforts toward lasting impact",
            "cards": [
                {"title": "Enhanced Coordination", "text": "Facilitate real-time information sharing."},
                {"title": "Capacity Building", "text": "Strengthen government coordination capacity."},
            ],
        }


class StakeholdersSectionBlock(IntroducedSectionBlock):
    """Chosen organisations from the stakeholder directory, each linking to its page there."""

    stakeholders = blocks.ListBlock(SnippetChooserBlock("hub.Stakeholder"), max_num=24)

    class Meta:
        icon = "group"
        label = _("Stakeholders")
        template = "blocks/stakeholders_section.html"


class EventsSectionBlock(IntroducedSectionBlock):
    """The next coordination events, taken from the events page when the home page is shown."""

    count = blocks.IntegerBlock(min_value=1, max_value=12, default=3, help_text=_("How many events to show."))

    class Meta:
        icon = "date"
        label = _("Upcoming events")
        template = "blocks/events_section.html"
        preview_value = {
            "heading": "Stay Informed and Engaged",
            "intro": "Discover upcoming coordination meetings and key education events.",
            "count": 3,
        }


class DocumentsSectionBlock(IntroducedSectionBlock):
    """The newest public documents of the library, with a link to it."""

    count = blocks.IntegerBlock(min_value=1, max_value=12, default=4, help_text=_("How many documents to show."))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Latest documents")
        template = "blocks/documents_section.html"
        preview_value = {
            "heading": "Access Key Sector Documents",
            "intro": "Find policies, reports, meeting materials, and data.",
            "count": 4,
        }


class PracticesSectionBlock(IntroducedSectionBlock):
    """Best practices editors choose to feature; the newest published ones fill the remaining places."""

    practices = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="hub.BestPracticePage"),
        max_num=12,
        default=[],
        help_text=_("Shown first, in this order. Leave empty to show the newest."),
    )
    count = blocks.IntegerBlock(min_value=1, max_value=12, default=3, help_text=_("How many practices to show."))

    class Meta:
        icon = "pick"
        label = _("Featured best practices")
        template = "blocks/practices_section.html"
        preview_value = {"heading": "Featured best practices", "intro": "", "practices": [], "count": 3}


class HomeSectionsBlock(blocks.StreamBlock):
    columns = ColumnsSectionBlock()
    figures = FiguresSectionBlock()
    cards = CardsSectionBlock()
    stakeholders = StakeholdersSectionBlock()
    events = EventsSectionBlock()
    documents = DocumentsSectionBlock()
    practices = PracticesSectionBlock()
