"""Plain text: typed answers ↔ rich text (no editor JavaScript on public pages), and text files as people save them."""

import html
import re

from django.utils.html import strip_tags

BULLET = re.compile(r"^\s*(?:[•\-*–]|\d+[.)])\s+")
NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def plain_text_to_html(text):
    """Blank lines separate paragraphs; lines starting with •, - or * become a list, "1." a numbered one."""
    parts, bullets, paragraph = [], [], []
    numbered = False

    def flush_paragraph():
        if paragraph:
            parts.append("<p>" + html.escape(" ".join(paragraph), quote=False) + "</p>")
            paragraph.clear()

    def flush_bullets():
        if bullets:
            tag = "ol" if numbered else "ul"
            items = "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in bullets)
            parts.append(f"<{tag}>{items}</{tag}>")
            bullets.clear()

    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            # A blank line ends a paragraph; a list runs on until a line of text.
            flush_paragraph()
        elif BULLET.match(stripped):
            flush_paragraph()
            if bullets and numbered != bool(NUMBERED.match(stripped)):
                flush_bullets()
            numbered = bool(NUMBERED.match(stripped))
            bullets.append(BULLET.sub("", stripped))
        else:
            flush_bullets()
            paragraph.append(stripped)
    flush_paragraph()
    flush_bullets()
    return "".join(parts)


def strip_list_marker(text):
    return BULLET.sub("", text)


def html_to_plain_text(value):
    """The reverse, for putting a stored answer back into a textarea."""
    value = re.sub(r"<li[^>]*>", "• ", value or "")
    value = re.sub(r"</li>", "\n", value)
    value = re.sub(r"</(p|ul|ol|h\d)>", "\n\n", value)
    return html.unescape(strip_tags(value)).strip()


def word_count(value):
    return len(strip_tags(value or "").split())


def decode_text(data):
    """Text as a spreadsheet or editor saved it: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251.

    Excel on Russian Windows saves "CSV" in Windows-1251; every byte string
    decodes in it, so this never fails.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at a sample's end is still UTF-8.
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            return data[: error.start].decode("utf-8-sig")
        return data.decode("cp1251", "replace")
