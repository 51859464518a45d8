"""Loading demo content from the JSON files in `home/data/`.

English is the source. Russian and Tajik files have the same shape with
every text translated; their strings are fed into wagtail-localize's
translation memory and the translated pages are made by wagtail-localize,
exactly as a translator's work would be, so the translation UI shows them
as complete and a later edit of the English page can be re-synced.
"""

import html
import json
import uuid
from pathlib import Path

from django.core.files import File
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import Collection, DraftStateMixin, Locale, Page, Revision, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .models import AboutPage, HomePage

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE_LANGUAGE = "en"
TRANSLATED_LANGUAGES = ["ru", "tg"]
# Keys whose values are data, not text: they are never translated.
UNTRANSLATED_KEYS = {
    "type",
    "unit",
    "amount",
    "code",
    "number",
    "slug",
    "date",
    "website",
    "country_codes",
    "action_track_codes",
    "organisation_codes",
    "area_codes",
    "region_codes",
    "category",
    "email",
    "stakeholder_codes",
    "donor_code",
    "source",
    "iati_identifier",
    "event_type",
    "status",
    "start_time",
    "end_time",
    "online_url",
    "owner_code",
    "shown_when",
}


def read_data(name, language, data_dir=DATA_DIR):
    return json.loads((data_dir / f"{name}.{language}.json").read_text(encoding="utf-8"))


def parallel_strings(source, translated, where="", found=None):
    """Pair every source text with its translation by walking both files in step."""
    found = {} if found is None else found
    if isinstance(source, str):
        if source:
            if not isinstance(translated, str) or not translated.strip():
                raise CommandError(f"No translation for {where}: {source!r}")
            found[source] = translated
    elif isinstance(source, dict):
        for key, value in source.items():
            if key in UNTRANSLATED_KEYS or value in ("", [], None) or not isinstance(value, str | list | dict):
                continue  # numbers and flags are data, the same in every language
            if not isinstance(translated, dict) or key not in translated:
                raise CommandError(f"No translation for {where}/{key}")
            parallel_strings(value, translated[key], f"{where}/{key}", found)
    elif isinstance(source, list):
        if not isinstance(translated, list) or len(source) != len(translated):
            raise CommandError(f"{where} has {len(source)} items in English but not in the translation")
        for index, (item, translated_item) in enumerate(zip(source, translated, strict=True)):
            parallel_strings(item, translated_item, f"{where}[{index}]", found)
    return found


def rich_text(paragraphs=(), bullets=()):
    parts = [f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs]
    if bullets:
        parts.append("<ul>" + "".join(f"<li>{html.escape(text, quote=False)}</li>" for text in bullets) + "</ul>")
    return "".join(parts)


def block_id(*path):
    """A stable block id, so reloading the demo updates blocks instead of replacing them.

    wagtail-localize matches translated list items to their source by id.
    """
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "leg.tj/demo/" + "/".join(map(str, path))))


def list_items(items, *path):
    return [{"type": "item", "value": item, "id": block_id(*path, index)} for index, item in enumerate(items)]


def home_sections(sections):
    """Turn the data file's sections into the StreamField's stored form."""
    body = []
    for position, section in enumerate(sections):
        kind = section["type"]
        if kind == "columns":
            value = {
                "heading": section.get("heading", ""),
                "columns": list_items(
                    [
                        {
                            "heading": column["heading"],
                            "text": rich_text(column["paragraphs"], column.get("bullets", [])),
                        }
                        for column in section["columns"]
                    ],
                    position,
                ),
            }
        elif kind == "figures":
            from hub.models import Stakeholder

            donors = dict(Stakeholder.objects.filter(locale__language_code=SOURCE_LANGUAGE).values_list("code", "pk"))
            value = {
                "heading": section["heading"],
                "intro": section.get("intro", ""),
                "figures": list_items(
                    [
                        {
                            "source": figure.get("source", ""),
                            "donor": donors.get(figure.get("donor_code")),
                            "amount": str(figure["amount"]),
                            "unit": figure["unit"],
                            "label": figure["label"],
                        }
                        for figure in section["figures"]
                    ],
                    position,
                ),
            }
        elif kind == "cards":
            value = {
                "heading": section["heading"],
                "intro": section.get("intro", ""),
                "cards": list_items(section["cards"], position),
            }
        elif kind == "stakeholders":
            from hub.models import Stakeholder

            english = Stakeholder.objects.filter(locale__language_code=SOURCE_LANGUAGE)
            chosen = {row.code: row.pk for row in english.filter(code__in=section["stakeholder_codes"])}
            value = {
                "heading": section["heading"],
                "intro": section.get("intro", ""),
                # Before the directory's rows exist (a home-only load), the section stays empty.
                "stakeholders": list_items(
                    [chosen[code] for code in section["stakeholder_codes"] if code in chosen], position
                ),
            }
        elif kind in {"events", "documents", "practices"}:
            value = {"heading": section["heading"], "intro": section.get("intro", ""), "count": section["count"]}
            if kind == "practices":
                # None chosen: the section shows the newest, which exist only once the hub is loaded.
                value["practices"] = []
        else:
            raise CommandError(f"Unknown home page section type {kind!r}")
        body.append({"type": kind, "value": value, "id": block_id(position)})
    return json.dumps(body)


def load_image(filename, title):
    """The image with this title, uploaded from the data folder the first time."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        with open(DATA_DIR / filename, "rb") as handle:
            image = Image(title=title, collection=Collection.get_first_root_node())
            image.file.save(filename, File(handle), save=False)
            image.save()
    return image


def translate(instance, name, data_dir=DATA_DIR, prepare=None):
    """Create or refresh the Russian and Tajik versions of `instance` from `name`.<lang>.json.

    `prepare` turns a data file into the texts as they appear in the
    instance's segments (for example without list markers).
    """
    prepare = prepare or (lambda data: data)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    english = prepare(read_data(name, SOURCE_LANGUAGE, data_dir))
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    for language in TRANSLATED_LANGUAGES:
        strings = parallel_strings(english, prepare(read_data(name, language, data_dir)), name)
        locale = Locale.objects.get(language_code=language)
        for segment in segments:
            text = html.unescape(segment.string.data)
            if text not in strings:
                raise CommandError(f"{name}.{language}.json has no translation for {text!r}")
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": StringValue.from_plaintext(strings[text]).data},
            )
        Translation.objects.get_or_create(source=source, target_locale=locale)
        draftable = isinstance(instance, DraftStateMixin)
        translation, _created = source.create_or_update_translation(locale, publish=not draftable, fallback=False)
        if draftable:
            # wagtail-localize's own publish waits for the commit and then saves a stale
            # copy of the page, undoing tree changes made since (children added under it).
            Revision.objects.get(pk=translation.latest_revision_id).publish()


def load_home_page():
    data = read_data("home_page", SOURCE_LANGUAGE)
    english = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    root = Page.get_first_root_node()
    fields = {
        "title": data["title"],
        "seo_title": data["seo_title"],
        "search_description": data["search_description"],
        "hero_kicker": data["hero_kicker"],
        "hero_heading": data["hero_heading"],
        "hero_text": data["hero_text"],
        "hero_image": load_image("dushanbe.svg", "Dushanbe illustration"),
        "hero_image_alt": data["hero_image_alt"],
        "body": home_sections(data["sections"]),
    }
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # A fresh Wagtail database holds a placeholder "Welcome" page with the slug we want.
        for placeholder in root.get_children().filter(slug="home").exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(slug="home", locale=english, **fields))
    else:
        for name, value in fields.items():
            setattr(home, name, value)
        home.save()
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True, hostname="localhost")
    site.root_page = home
    site.site_name = "LEG.TJ"
    site.save()

    translate(home, "home_page")
    load_about_page(home)
    return home


def load_about_page(home):
    data = read_data("about_page", SOURCE_LANGUAGE)
    fields = {"title": data["title"], "intro": data["intro"], "body": home_sections(data["sections"])}
    about = AboutPage.objects.child_of(home).first()
    if about is None:
        about = home.add_child(instance=AboutPage(slug=data["slug"], locale=home.locale, show_in_menus=True, **fields))
    else:
        for name, value in fields.items():
            setattr(about, name, value)
        about.save()
    about.save_revision().publish()
    translate(about, "about_page")
    return about
