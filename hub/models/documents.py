from wagtail.documents.models import AbstractDocument, Document


class HubDocument(AbstractDocument):
    """The site's document model, swapped in from the first migration.

    The document library extends it with metadata and access levels.
    """

    admin_form_fields = Document.admin_form_fields
