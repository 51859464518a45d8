"""StreamField blocks for hub pages: sector pages and news articles."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from home.blocks import FiguresSectionBlock

PROSE_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ul", "ol"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        form_classname = "title"
        preview_value = "The CBE transformation"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PROSE_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph.html"
        preview_value = "<p>Tajikistan's education sector is moving to Competency-Based Education.</p>"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text=_("The quotation, without quotation marks."))
    attribution = blocks.CharBlock(required=False, max_length=200, help_text=_("Who said or wrote it."))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        preview_value = {"text": "Ad-hoc solutions are not scalable.", "attribution": "UNICEF Tajikistan"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text (or marked decorative) and an optional caption."""

    image = ImageBlock(help_text=_("Give alt text unless the image is decorative; it is translated with the page."))
    caption = blocks.CharBlock(required=False, max_length=300, help_text=_("Shown under the image."))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image.html"


class DocumentBlock(blocks.StructBlock):
    """A document from the library, shown as a download card."""

    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False, max_length=300, help_text=_("Why the reader might want it."))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of sector pages and news: prose first, with figures, images and documents."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    figures = FiguresSectionBlock()
    document = DocumentBlock()
