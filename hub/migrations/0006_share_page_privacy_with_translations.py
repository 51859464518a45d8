"""Translations made before a restriction was set stayed public: give them their restricted page's privacy.

From here on hub.privacy keeps them in step.
"""

from django.conf import settings
from django.db import migrations


def share_privacy(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    restricted = PageViewRestriction.objects.select_related("page__locale").prefetch_related("groups")
    sources = {}
    for restriction in restricted:
        key = restriction.page.translation_key
        # The source language's page decides where several translations are restricted.
        if key not in sources or restriction.page.locale.language_code == settings.LANGUAGE_CODE:
            sources[key] = restriction.page_id
    by_page = {}
    for restriction in restricted:
        by_page.setdefault(restriction.page_id, []).append(restriction)
    for key, source_id in sources.items():
        for page in Page.objects.filter(translation_key=key).exclude(pk=source_id):
            if page.pk in by_page:
                continue  # a translation with its own restriction keeps it
            for restriction in by_page[source_id]:
                copy = PageViewRestriction.objects.create(
                    page=page, restriction_type=restriction.restriction_type, password=restriction.password
                )
                copy.groups.set(restriction.groups.all())


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0005_document_library_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(share_privacy, migrations.RunPython.noop)]
