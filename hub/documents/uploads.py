"""Checks on uploaded files: the content must be what the name says, and the name must be safe.

Wagtail checks the extension and the size; a renamed program passes both.
These checks read the first bytes (and, for Office and OpenDocument files,
the zip's table of contents) and refuse a file whose content does not match
its extension, with a message in the uploader's language. Nothing here reads
more than a bounded number of bytes, whatever a zip says it holds.
"""

import os
import re
import zipfile

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
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

# Zip bombs: a real report or spreadsheet expands a few times, never a
# hundredfold, and stays far below these totals.
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024  # small members (XML headers, empty parts) may compress far better


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


def is_zip_bomb(archive):
    """True when the zip would expand beyond what any office file does.

    The sizes it declares bound every read (zipfile stops there), so they can be trusted.
    """
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > MAX_ZIP_EXPANDED_BYTES:
        return True
    return any(
        member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1)
        for member in members
    )


class ZipBomb(ValueError):
    pass


def _office_parts_match(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            if is_zip_bomb(archive):
                raise ZipBomb
            names = set(archive.namelist())
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
            if "mimetype" not in names:
                return False
            expected = OPENDOCUMENT_TYPES[extension]
            with archive.open("mimetype") as member:
                return member.read(len(expected) + 16).strip() == expected
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, NotImplementedError):
        return False
    finally:
        upload.seek(0)


def _text_matches(upload):
    sample = _head(upload, 64 * 1024)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 ("Unicode text" in Excel): its NUL bytes are half of its characters
    return b"\x00" not in sample


def _content_matches(upload, extension):
    head = _head(upload, 1024)
    if extension == "pdf":
        # PDF readers accept the header anywhere in the first kilobyte.
        return b"%PDF-" in head
    if extension in OOXML_PARTS or extension in OPENDOCUMENT_TYPES:
        return head.startswith(b"PK\x03\x04") and _office_parts_match(upload, extension)
    if extension in TEXT_EXTENSIONS:
        return _text_matches(upload)
    return True


def validate_document_file(upload):
    """Refuse programs, zip bombs, and files whose content is not what their extension says."""
    if getattr(upload, "_committed", False):
        return  # already stored and checked when it was uploaded
    extension = extension_of(upload.name)
    if _head(upload).startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            _("This file is a program or script, which cannot be uploaded. Choose a document."), code="executable"
        )
    try:
        matches = _content_matches(upload, extension)
    except ZipBomb:
        raise ValidationError(
            _(
                "This file would expand to far more than any document does when opened, so it was refused. "
                "Save it again from the program that made it and upload that copy."
            ),
            code="zip_bomb",
        ) from None
    if not matches:
        raise ValidationError(
            _(
                "This file's content is not a .%(extension)s document: it may be damaged or renamed. "
                "Save it again from the program that made it and upload that copy."
            ),
            code="content_mismatch",
            params={"extension": extension},
        )


# SVG is XML that a browser runs as a page when it is opened directly, so an
# SVG is accepted only when every element and attribute in it is on this list
# of plain drawing (no script, animation, foreign content or external link):
# then it is inert wherever it is served, with or without our CSP header.
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
# Metadata that drawing programs write; browsers ignore elements in these namespaces.
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
}
SVG_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComposite", "feFlood", "feGaussianBlur", "feMerge", "feMergeNode",
    "feOffset", "feMorphology", "feDropShadow",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "id", "class", "style", "version", "baseProfile", "viewBox", "preserveAspectRatio", "width", "height",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "pathLength",
    "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "opacity", "color", "display", "visibility", "overflow", "clip-path", "clip-rule", "clipPathUnits", "mask",
    "maskUnits", "maskContentUnits", "filter", "filterUnits", "primitiveUnits", "in", "in2", "result", "mode",
    "stdDeviation", "dx", "dy", "values", "type", "operator", "k1", "k2", "k3", "k4", "radius",
    "flood-color", "flood-opacity", "stop-color", "stop-opacity", "offset", "gradientUnits", "gradientTransform",
    "spreadMethod", "fx", "fy", "fr", "patternUnits", "patternContentUnits", "patternTransform",
    "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient", "marker-start", "marker-mid",
    "marker-end", "font-family", "font-size", "font-weight", "font-style", "letter-spacing", "word-spacing",
    "text-anchor", "dominant-baseline", "alignment-baseline", "text-decoration", "startOffset", "lengthAdjust",
    "textLength", "rotate", "color-interpolation-filters", "shape-rendering", "text-rendering",
    "image-rendering", "vector-effect", "mix-blend-mode", "isolation", "enable-background", "data-name",
    "role", "aria-label", "aria-hidden", "focusable", "href", "media",
}  # fmt: skip
# CSS that fetches or runs something: only fragment references (url(#id)) are plain drawing.
UNSAFE_CSS = re.compile(r"@import|url\s*\(\s*(?!['\"]?#)|expression\s*\(|javascript|behavior\s*:|-moz-binding", re.I)


def _local_name(name):
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    return namespace, local


def _svg_attribute_is_safe(name, value):
    namespace, local = _local_name(name)
    if namespace in EDITOR_NAMESPACES or namespace == XML_NAMESPACE:
        return True
    if namespace == XLINK_NAMESPACE:
        return local == "title" or (local == "href" and value.strip().startswith("#"))
    if namespace or local not in SVG_ATTRIBUTES:
        return False
    if local == "href":
        # Only a reference inside the same drawing; a URL (javascript:, data:, http:) is refused.
        return value.strip().startswith("#")
    return not UNSAFE_CSS.search(value)


def _svg_element_is_safe(element):
    namespace, local = _local_name(element.tag)
    if namespace in EDITOR_NAMESPACES:
        return True
    if namespace != SVG_NAMESPACE or local not in SVG_ELEMENTS:
        return False
    if local == "style" and UNSAFE_CSS.search(element.text or ""):
        return False
    return all(_svg_attribute_is_safe(name, value) for name, value in element.attrib.items())


def svg_is_safe(content):
    """True when `content` parses as XML (no DTD, no entities) and holds only plain drawing."""
    try:
        root = SafeET.fromstring(content, forbid_dtd=True)
    except (SafeET.ParseError, DefusedXmlException, ValueError):
        return False
    return all(_svg_element_is_safe(element) for element in root.iter())


def validate_svg(upload):
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not svg_is_safe(content):
        raise ValidationError(
            _("This SVG contains scripts or embedded content, which are not allowed. Export it as a plain drawing."),
            code="svg_script",
        )
