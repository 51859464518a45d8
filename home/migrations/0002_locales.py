from django.db import migrations

# Locales exist in every database so pages, URL prefixes and translations
# agree from the first request; English comes from Wagtail's own migration.
LANGUAGE_CODES = ["en", "ru", "tg"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
