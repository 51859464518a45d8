"""What the library reads out of an uploaded document: its words (for search) and, for PDFs, a first-page preview.

Runs once per file, in a background task after the upload is committed
(`process_document`); `HubDocument.processed_hash` records which file the
text and preview belong to, so a replaced file is processed again and an
unchanged one never is.

Office and OpenDocument files are zips of XML: read with the standard
library's zipfile and defusedxml (no entity expansion), streamed event by
event, and never more than `MAX_XML_BYTES` in all parts together, so a zip
bomb costs at most that much reading and a few megabytes of memory.
"""

import io
import logging
import re
import xml.sax
import zipfile

import defusedxml.sax as SafeSax
from django.core.files.base import ContentFile
from django_tasks import task

from home import pagecache

from ..text import decode_text

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000  # plenty for search; keeps the index row bounded
MAX_XML_BYTES = 32 * 1024 * 1024  # all parts of one file together
PREVIEW_WIDTH = 320  # pixels: shown at 160 CSS px, sharp on 2x screens


class _Enough(Exception):
    """Raised inside the parser to stop it: the file has given all the text we keep."""


class _TextCollector(xml.sax.handler.ContentHandler):
    """The character data of XML parts in document order, counting against one budget for the whole file."""

    def __init__(self):
        super().__init__()
        self.texts, self.chars = [], 0

    def characters(self, content):
        self.texts.append(content)  # may be cut mid-word: joined as it came, spaces kept
        self.chars += len(content)
        if self.chars > MAX_TEXT_CHARS:
            raise _Enough

    def endElement(self, name):
        self.texts.append(" ")  # a run, cell or paragraph ends: keep words of neighbouring ones apart


class _Budget:
    """A file-like view of a zip member that stops when the file's shared byte budget is spent."""

    def __init__(self, handle, budget):
        self.handle, self.budget = handle, budget

    def read(self, size=-1):
        size = self.budget["left"] if size is None or size < 0 else min(size, self.budget["left"])
        data = self.handle.read(size) if size else b""
        self.budget["left"] -= len(data)
        return data

    def close(self):
        self.handle.close()


def _office_text(archive, names):
    """The words of the named XML parts, streamed (memory stays flat) and read up to MAX_XML_BYTES in all."""
    collector, budget = _TextCollector(), {"left": MAX_XML_BYTES}
    for name in names:
        if budget["left"] <= 0:
            logger.warning("Text cut at %s bytes of XML, before %s", MAX_XML_BYTES, name)
            break
        with archive.open(name) as handle:
            try:
                SafeSax.parse(_Budget(handle, budget), collector, forbid_dtd=True)
            except _Enough:
                break
            except xml.sax.SAXParseException:
                if budget["left"] > 0:
                    raise  # a damaged part, not one cut by the budget
    return " ".join("".join(collector.texts).split())


def _zip_parts(archive, pattern):
    return sorted(name for name in archive.namelist() if re.fullmatch(pattern, name))


PARTS = {
    "docx": r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml",
    # Shared strings hold the text cells; sheets hold numbers and inline strings.
    "xlsx": r"xl/(sharedStrings|worksheets/sheet\d+)\.xml",
    "pptx": r"ppt/slides/slide\d+\.xml",
    "odt": r"content\.xml",
    "ods": r"content\.xml",
}


def extract_text(handle, extension):
    """The document's words as plain text, or "" when it has none we can read."""
    extension = extension.lower()
    if extension == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(handle.read())
        try:
            texts = []
            for index in range(len(pdf)):
                page = pdf[index]
                texts.append(page.get_textpage().get_text_range())
                if sum(map(len, texts)) > MAX_TEXT_CHARS:
                    break
            return " ".join(texts)[:MAX_TEXT_CHARS]
        finally:
            pdf.close()
    if extension in PARTS:
        with zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
            return _office_text(archive, _zip_parts(archive, PARTS[extension]))[:MAX_TEXT_CHARS]
    if extension in {"txt", "csv"}:
        return decode_text(handle.read(MAX_TEXT_CHARS * 4))[:MAX_TEXT_CHARS]
    return ""


def render_preview(handle):
    """The first page of a PDF as WebP bytes, PREVIEW_WIDTH pixels wide."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(handle.read())
    try:
        page = pdf[0]
        image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil().convert("RGB")
    finally:
        pdf.close()
    output = io.BytesIO()
    image.save(output, "WEBP", quality=70, method=6)
    return output.getvalue()


@task()
def process_document(document_id):
    """Extract text and render a preview for the document's current file, once."""
    from wagtail.documents import get_document_model

    Document = get_document_model()
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file_hash or document.processed_hash == document.file_hash:
        return
    text, preview = "", None
    try:
        with document.open_file() as handle:
            text = extract_text(handle, document.file_extension)
            if document.is_pdf:
                handle.seek(0)
                preview = render_preview(handle)
    except Exception:  # a damaged file must not stop the upload; it is simply not searchable
        logger.exception("Could not read document %s", document_id)
    old_preview = document.preview.name
    if preview:
        document.preview.save(f"{document.pk}.webp", ContentFile(preview), save=False)
    else:
        document.preview = None
    document.extracted_text = text.replace("\x00", "")
    document.processed_hash = document.file_hash
    Document.objects.filter(pk=document.pk).update(
        extracted_text=document.extracted_text, preview=document.preview.name or "", processed_hash=document.file_hash
    )
    pagecache.changed(document)  # the library shows the new preview; update() sends no signal
    if old_preview and old_preview != document.preview.name:
        document.preview.storage.delete(old_preview)
    from wagtail.search.index import insert_or_update_object

    insert_or_update_object(document)
