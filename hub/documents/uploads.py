"""Checks on uploaded files: the content must be what the name says, and the name must be safe.

Wagtail checks the extension and the size; a renamed program passes both.
These checks read the first bytes (and, for Office and OpenDocument files,
the zip's table of contents) and refuse a file whose content does not match
its extension, with a message in the uploader's language.
"""

import os
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Magic numbers of programs and scripts, refused whatever they are called.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
# Office Open XML: the part every such file has.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
# OpenDocument: the `mimetype` member's exact content.
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_EXTENSIONS = {"csv", "txt"}
MAX_NAME_LENGTH = 80


def extension_of(name):
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def safe_filename(name, fallback="document"):
    """A name that is safe on every file system and in a URL: letters of any script, digits, '-', '_'."""
    stem, extension = os.path.splitext(os.path.basename(name or ""))
    stem = slugify(stem, allow_unicode=True)[:MAX_NAME_LENGTH].strip("-_") or fallback
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    return f"{stem}.{extension}" if extension else stem


def document_upload_to(instance, filename):
    return f"documents/{safe_filename(filename)}"


def _head(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _content_matches(upload, extension):
    head = _head(upload, 1024)
    if extension == "pdf":
        # PDF readers accept the header anywhere in the first kilobyte.
        return b"%PDF-" in head
    if extension in OOXML_PARTS or extension in OPENDOCUMENT_TYPES:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if extension in OOXML_PARTS:
                    return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
                return "mimetype" in names and archive.read("mimetype").strip() == OPENDOCUMENT_TYPES[extension]
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        finally:
            upload.seek(0)
    if extension in TEXT_EXTENSIONS:
        sample = _head(upload, 64 * 1024)
        if b"\x00" in sample:
            return False
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the sample's end is still text.
            return error.start >= len(sample) - 3
        return True
    return True


def validate_document_file(upload):
    """Refuse programs, and files whose content is not what their extension says."""
    if getattr(upload, "_committed", False):
        return  # already stored and checked when it was uploaded
    extension = extension_of(upload.name)
    if _head(upload).startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            _("This file is a program or script, which cannot be uploaded. Choose a document."), code="executable"
        )
    if not _content_matches(upload, extension):
        raise ValidationError(
            _(
                "This file's content is not a .%(extension)s document: it may be damaged or renamed. "
                "Save it again from the program that made it and upload that copy."
            ),
            code="content_mismatch",
            params={"extension": extension},
        )


# SVG is XML that a browser runs as a page when opened directly: these make it active.
SVG_ACTIVE_CONTENT = re.compile(
    rb"<\s*script|<\s*foreignObject|\son[a-z]+\s*=|javascript:|<\s*iframe|<\s*embed|<\s*object|<!ENTITY",
    re.IGNORECASE,
)


def validate_svg(upload):
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if SVG_ACTIVE_CONTENT.search(content):
        raise ValidationError(
            _("This SVG contains scripts or embedded content, which are not allowed. Export it as a plain drawing."),
            code="svg_script",
        )
