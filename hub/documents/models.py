"""The sector document library: documents with metadata and an access level, and the library page.

Who may *edit* a document is Wagtail's collection permissions; who may *see*
it is its access level together with its collection's view restrictions
(`hub.documents.access`). A document is one file in one language, so it is not
translated; its publishers are the directory's organisations, shown in the
reader's language through their shared `code`.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.search import index

from hub.directory.models import Stakeholder
from search.index import STEMMED_FIELDS, Stemmed

from .storage import private_storage
from .uploads import document_upload_to, validate_document_file


class DocumentType(models.TextChoices):
    POLICY = "policy", _("Policy or strategy")
    REPORT = "report", _("Report")
    MEETING = "meeting", _("Meeting materials")
    DATA = "data", _("Data")
    GUIDANCE = "guidance", _("Guidance")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members (any signed-in partner)")
    RESTRICTED = "restricted", _("Restricted to chosen groups")


# The languages a document can be written in: the site's three, and the rest.
DOCUMENT_LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("tg", _("Tajik")), ("other", _("Other language"))]


class HubDocument(Stemmed, AbstractDocument):
    """A document of the library, swapped in for Wagtail's from the first migration."""

    file = models.FileField(
        _("file"), upload_to=document_upload_to, storage=private_storage, validators=[validate_document_file]
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Two or three sentences: what it is for."))
    document_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER)
    # Comma-separated codes of DOCUMENT_LANGUAGES ("en,ru"): one column that
    # every database filters the same way (see `language_filter`).
    languages = models.CharField(_("languages"), max_length=40, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    publishers = models.ManyToManyField(
        Stakeholder,
        verbose_name=_("publishing organisations"),
        blank=True,
        related_name="documents",
        # The English rows: every language's directory page finds them by code.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    best_practices = models.ManyToManyField(
        "hub.BestPracticePage",
        verbose_name=_("related best practices"),
        blank=True,
        related_name="documents",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    access = models.CharField(
        _("who may see it"),
        max_length=12,
        choices=Access.choices,
        default=Access.PUBLIC,
        help_text=_("Members-only and restricted documents never appear to visitors: not in lists, search or links."),
    )
    groups = models.ManyToManyField(
        Group,
        verbose_name=_("allowed groups"),
        blank=True,
        related_name="+",
        help_text=_("For restricted documents: the groups whose members may see it."),
    )
    # Filled from the file after upload (hub.documents.extraction); `processed_hash` says for which file.
    extracted_text = models.TextField(blank=True, editable=False)
    preview = models.ImageField(upload_to="previews", storage=private_storage, blank=True, editable=False)
    processed_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = (
        *("title", "file", "collection", "description", "document_type", "languages", "publication_date"),
        *("publishers", "best_practices", "access", "groups", "tags"),
    )
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description", boost=2),
        index.SearchField("extracted_text"),
        index.FilterField("access"),
        index.FilterField("collection_id"),
        index.FilterField("document_type"),
        index.FilterField("publication_date"),
        *STEMMED_FIELDS,
    ]

    class Meta(AbstractDocument.Meta):
        permissions = [("choose_document", "Can choose document")]
        indexes = [models.Index(fields=["access", "-publication_date"], name="hub_document_listing")]

    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        except Exception:
            # The admin form stores an upload before the row (to report a full disk as a form error);
            # if the row then fails, the file must not stay behind.
            if getattr(self, "_fresh_upload", None):
                self.file.storage.delete(self._fresh_upload)
            raise
        self._fresh_upload = None
        if self.file_hash and self.file_hash != self.processed_hash:
            from .extraction import process_document

            transaction.on_commit(lambda: process_document.enqueue(self.pk))

    def search_languages(self):
        # A document has no locale: the languages it is written in, or any of the site's when unknown.
        return tuple(code for code in self.language_codes if code in ("en", "ru", "tg")) or ("en", "ru", "tg")

    @property
    def language_codes(self):
        return [code for code in self.languages.split(",") if code]

    @property
    def language_labels(self):
        names = dict(DOCUMENT_LANGUAGES)
        return [names.get(code, code) for code in self.language_codes]

    @property
    def text_language(self):
        """The language of the title and description for a `lang` attribute: the document's, when it has one."""
        codes = self.language_codes
        return codes[0] if len(codes) == 1 and codes[0] != "other" else ""

    @property
    def is_pdf(self):
        return self.file_extension.lower() == "pdf"

    @property
    def access_mark(self):
        """What lists say beside a document that is not public, or ""."""
        return {Access.MEMBERS: _("Members only"), Access.RESTRICTED: _("Restricted")}.get(self.access, "")


def language_filter(code):
    """Documents written in `code`, from the comma-separated `languages` column."""
    return (
        models.Q(languages=code)
        | models.Q(languages__startswith=f"{code},")
        | models.Q(languages__endswith=f",{code}")
        | models.Q(languages__contains=f",{code},")
    )
