"""The admin's document and image forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE).

The document form stores the upload while validating, not while saving: a
storage failure (full disk, unreachable bucket) becomes a message on the form,
the row is never created, and `AtomicFileSystemStorage` leaves no partial file.
"""

import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .models import DOCUMENT_LANGUAGES, Access
from .uploads import extension_of, validate_svg

logger = logging.getLogger(__name__)

TOO_LARGE = _("This file is too large (%(file_size)s). The largest file allowed is %(max_filesize)s.")
NOT_STORED = _(
    "The file could not be stored (the server may be out of space). Nothing was saved; please try again later."
)


def original_events():
    from hub.events.models import Event

    return Event.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("-start")


class DocumentForm(BaseDocumentForm):
    # The relation is the event's (`Event.documents`, shared by its translations); offered here too.
    events = forms.ModelMultipleChoiceField(
        label=_("related events"),
        queryset=original_events(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Events whose pages list this document."),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=DOCUMENT_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the document is written in."),
    )

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "publishers": forms.CheckboxSelectMultiple,
            "best_practices": forms.CheckboxSelectMultiple,
            "groups": forms.CheckboxSelectMultiple,
            "access": forms.RadioSelect,
            "publication_date": AdminDateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "languages" in self.fields:
            self.initial["languages"] = self.instance.language_codes
        if "events" in self.fields:
            self.initial["events"] = (
                list(self.instance.events.filter(pk__in=original_events())) if self.instance.pk else []
            )
        if "file" in self.fields:
            self.fields["file"].error_messages["file_too_large"] = TOO_LARGE

    def clean_languages(self):
        return ",".join(self.cleaned_data["languages"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("access") == Access.RESTRICTED and "groups" in self.fields and not cleaned.get("groups"):
            self.add_error("groups", _("Choose at least one group for a restricted document."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.errors or "file" not in self.changed_data or not self.instance.file:
            return
        upload = self.instance.file
        try:
            upload.save(upload.name, upload.file, save=False)
        except OSError:
            logger.exception("Storing upload %r failed", upload.name)
            self.instance.file = self.original_file
            self.add_error("file", ValidationError(NOT_STORED, code="not_stored"))
            return
        self.instance._fresh_upload = upload.name

    def save(self, commit=True):
        # Wagtail deletes a replaced file before the row is saved; only once the new row is committed here.
        replaced, self.original_file = self.original_file, None
        instance = super().save(commit=commit)
        if commit and replaced and "file" in self.changed_data:
            transaction.on_commit(lambda: replaced.storage.delete(replaced.name))
        if commit and "events" in self.changed_data:
            self._save_events(instance)
        return instance

    def _save_events(self, document):
        before, after = set(self.initial["events"]), set(self.cleaned_data["events"])
        for event in before ^ after:
            others = [linked for linked in event.documents.all() if linked.pk != document.pk]
            event.documents = others + ([document] if event in after else [])
            event.save()  # and its translations, which share its documents


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages["file_too_large"] = TOO_LARGE

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and extension_of(upload.name) == "svg":
            validate_svg(upload)
        return upload
