"""A translator's work, as the admin receives it: for the walkthroughs of a page and of a snippet."""

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringSegment


def translate_offline(client, translation, prefix):
    """As a translator does it with a PO editor: download, fill every string with `prefix` + English, upload."""
    po = polib.pofile(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode())
    for entry in po:
        entry.msgstr = f"{prefix} {entry.msgid}"
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("translation.po", str(po).encode()), "next": "/"},
    )


def translate_in_editor(client, translation, prefix):
    """As wagtail-localize's editor saves them: one string at a time."""
    for segment in StringSegment.objects.filter(source=translation.source):
        saved = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            f"value={prefix} {segment.string.data}",
            content_type="application/x-www-form-urlencoded",
        )
        assert saved.status_code in (200, 201)
