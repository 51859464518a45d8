"""Demo content of the knowledge hub, from the JSON files in `hub/data/`.

The English rows and pages are written here; the Russian and Tajik ones are
made by wagtail-localize from the matching data files (see `home.demo`).
Vocabularies come first because pages link to them, and parents before
children because a translated page needs its translated parent.
"""

import datetime
import json
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, Locale

from home.demo import SOURCE_LANGUAGE, block_id, list_items, load_home_page, read_data, rich_text, translate

from .best_practices.workflows import ensure_submission_workflow
from .demo_files import MAKERS
from .models import (
    ActionTrack,
    AreaOfWork,
    BestPracticeIndexPage,
    BestPracticePage,
    Country,
    DocumentLibraryPage,
    Event,
    EventIndexPage,
    KnowledgeHubPage,
    NewsIndexPage,
    NewsPage,
    Region,
    SectorPage,
    Stakeholder,
    StakeholderDirectoryPage,
)
from .text import plain_text_to_html, strip_list_marker

DATA_DIR = Path(__file__).resolve().parent / "data"
BEST_PRACTICES = ["best_practice_digital_learning"]
NEWS = ["news_unesco_iite_2018"]


def data(name):
    return read_data(name, SOURCE_LANGUAGE, DATA_DIR)


def without_list_markers(value):
    """Data as it reads inside the pages: list items lose their "•", "-" or "1." marker."""
    if isinstance(value, str):
        return strip_list_marker(value)
    if isinstance(value, list):
        return [without_list_markers(item) for item in value]
    if isinstance(value, dict):
        return {key: without_list_markers(item) for key, item in value.items()}
    return value


def paragraphs_to_html(lines):
    return plain_text_to_html("\n\n".join(lines))


def load_vocabularies():
    english = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    rows = data("vocabularies")
    for model, key, fields in (
        (ActionTrack, "action_tracks", ("number", "title")),
        (Country, "countries", ("name",)),
        (AreaOfWork, "areas_of_work", ("name",)),
        (Region, "regions", ("name",)),
        (
            Stakeholder,
            "stakeholders",
            ("name", "acronym", "website", "category", "email", "description", "iati_identifier"),
        ),
    ):
        for row in rows[key]:
            # A field a row leaves out (an organisation with no IATI identifier) is empty.
            instance, _created = model.objects.update_or_create(
                locale=english, code=row["code"], defaults={name: row.get(name, "") for name in fields}
            )
            if model is Stakeholder:
                instance.areas_of_work = AreaOfWork.objects.filter(locale=english, code__in=row["area_codes"])
                instance.regions = Region.objects.filter(locale=english, code__in=row["region_codes"])
                instance.save()
            translate(instance, "vocabularies", DATA_DIR)


def upsert_page(parent, model, slug, **fields):
    """The English page `slug` under `parent`, created or updated, and published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    relations = {
        name: fields.pop(name) for name in list(fields) if name in {"countries", "action_tracks", "organisations"}
    }
    children = {name: fields.pop(name) for name in list(fields) if name in {"keywords", "tags"}}
    if page is None:
        page = model(slug=slug, locale=parent.locale, **fields)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    for name, codes in relations.items():
        related = getattr(model, name).field.related_model
        setattr(page, name, list(related.objects.filter(locale=parent.locale, code__in=codes)))
    for name, names in children.items():
        existing = {child.name: child for child in getattr(page, name).all()} if page.pk else {}
        child_model = getattr(page, name).model
        rows = [existing.get(text) or child_model(name=text, locale=parent.locale) for text in names]
        for position, row in enumerate(rows):
            row.sort_order = position
        setattr(page, name, rows)
    if page.pk is None:
        parent.add_child(instance=page)
    else:
        page.save()
    page.save_revision().publish()
    return page


def load_demo():
    """The whole demo in three languages: vocabularies first (the home page's stakeholders section links them),
    then the home page, then the hub under it. Returns the English home page."""
    load_vocabularies()
    home = load_home_page()
    load_hub(home)
    return home


def load_hub(home):
    """The knowledge hub, its sector pages, the best practices and the news, in three languages."""
    pages = data("hub_pages")

    hub = upsert_page(home, KnowledgeHubPage, "knowledge-hub", show_in_menus=True, **pages["knowledge_hub"])
    translate(hub, "hub_pages", DATA_DIR)

    collection = upsert_page(
        hub,
        BestPracticeIndexPage,
        "best-practices",
        title=pages["best_practices"]["title"],
        intro=pages["best_practices"]["intro"],
    )
    translate(collection, "hub_pages", DATA_DIR)
    ensure_submission_workflow(collection)

    for position, sector in enumerate(pages["sectors"]):
        page = upsert_page(
            hub,
            SectorPage,
            sector["slug"],
            title=sector["title"],
            intro=sector["intro"],
            body=sector_body(sector, position),
        )
        translate(page, "hub_pages", DATA_DIR)

    for name in BEST_PRACTICES:
        practice = data(name)
        page = upsert_page(
            collection,
            BestPracticePage,
            practice["slug"],
            title=practice["title"],
            search_description=practice["search_description"],
            countries=practice["country_codes"],
            action_tracks=practice["action_track_codes"],
            organisations=practice["organisation_codes"],
            other_organisations=practice["other_organisations"],
            keywords=practice["keywords"],
            **{answer: paragraphs_to_html(practice[answer]) for answer in BestPracticePage.ANSWERS},
        )
        translate(page, name, DATA_DIR, prepare=without_list_markers)

    directory = upsert_page(home, StakeholderDirectoryPage, "stakeholders", show_in_menus=True, **pages["directory"])
    translate(directory, "hub_pages", DATA_DIR)

    events_page = upsert_page(home, EventIndexPage, "events", show_in_menus=True, **pages["events"])
    translate(events_page, "hub_pages", DATA_DIR)
    load_events()

    library = upsert_page(home, DocumentLibraryPage, "documents", show_in_menus=True, **pages["library"])
    translate(library, "hub_pages", DATA_DIR)
    load_documents()

    news_index = upsert_page(home, NewsIndexPage, "news", show_in_menus=True, **pages["news"])
    translate(news_index, "hub_pages", DATA_DIR)
    for name in NEWS:
        item = data(name)
        page = upsert_page(
            news_index,
            NewsPage,
            item["slug"],
            title=item["title"],
            date=datetime.date.fromisoformat(item["date"]),
            summary=item["summary"],
            organisations=item["organisation_codes"],
            tags=item["tags"],
            body=json.dumps(
                [{"type": "paragraph", "value": paragraphs_to_html(item["body"]), "id": block_id(name, "body")}]
            ),
        )
        translate(page, name, DATA_DIR, prepare=without_list_markers)
    return hub


def sector_body(sector, position):
    body = []
    for index, block in enumerate(sector["body"]):
        path = ("sector", position, index)
        if block["type"] == "figures":
            value = {
                "heading": block["heading"],
                "intro": block.get("intro", ""),
                "figures": list_items(
                    [{"amount": str(f["amount"]), "unit": f["unit"], "label": f["label"]} for f in block["figures"]],
                    *path,
                ),
            }
        else:
            value = rich_text(block.get("paragraphs", []), block.get("bullets", []))
        body.append({"type": block["type"], "value": value, "id": block_id(*path)})
    return json.dumps(body)


def local_datetime(day, clock):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(clock)))


def load_events():
    """Illustrative coordination events around today's date, so the demo always has upcoming ones."""
    english = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    stakeholders = {row.code: row for row in Stakeholder.objects.filter(locale=english)}
    today = timezone.localdate()
    for row in data("events")["events"]:
        day = today + datetime.timedelta(days=row["starts_in_days"])
        if "all_day_days" in row:
            start = local_datetime(day, "00:00")
            end = local_datetime(day + datetime.timedelta(days=row["all_day_days"] - 1), "23:59")
        else:
            start, end = local_datetime(day, row["start_time"]), local_datetime(day, row["end_time"])
        event = Event.objects.filter(locale=english, slug=row["slug"]).first()
        event = event or Event(locale=english, slug=row["slug"])
        event.title = row["title"]
        event.event_type, event.status = row["event_type"], row["status"]
        event.start, event.end, event.all_day = start, end, "all_day_days" in row
        event.venue, event.online_url = row["venue"], row["online_url"]
        event.registration_open, event.capacity = row["registration_open"], row["capacity"]
        event.description, event.agenda = rich_text(row["description"]), rich_text(bullets=row["agenda"])
        event.organisers = [stakeholders[code] for code in row["organiser_codes"]]
        # Reuse the rows in order, so their translations stay attached across reloads.
        items = list(event.action_items.all()) if event.pk else []
        items += [event.action_items.model(locale=english) for _ in range(len(row["action_items"]) - len(items))]
        for position, (item, values) in enumerate(zip(items, row["action_items"], strict=False)):
            item.description = values["description"]
            item.owner = stakeholders[values["owner_code"]]
            item.due_date = today + datetime.timedelta(days=values["due_in_days"])
            item.status = values["status"]
            item.sort_order = position
        event.action_items = items[: len(row["action_items"])]
        event.save()
        translate(event, "events", DATA_DIR)


COLLECTION_EDITOR_PERMISSIONS = [
    "add_document",
    "change_document",
    "choose_document",
    "add_image",
    "change_image",
    "choose_image",
]


def collection_editors(collection, name):
    """A group that may add, edit and choose documents and images in `collection` only."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    # Wagtail checks collection permissions against its own models' permissions, whatever the swapped model.
    for permission in Permission.objects.filter(
        content_type__app_label__in=["wagtaildocs", "wagtailimages"], codename__in=COLLECTION_EDITOR_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


def load_documents():
    """Collections with their editors, and a few documents made at load time, one of each access level."""
    english = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    rows = data("documents")
    root = Collection.get_first_root_node()
    collections = {"": root}
    for row in rows["collections"]:
        collection = root.get_children().filter(name=row["name"]).first() or root.add_child(name=row["name"])
        collection_editors(collection, row["editors"])
        collections[row["name"]] = collection
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in rows["reader_groups"]}
    Document = get_document_model()
    today = timezone.localdate()
    for row in rows["documents"]:
        document = Document.objects.filter(title=row["title"]).first() or Document(title=row["title"])
        if not document.pk:
            content = MAKERS[row["format"]](row["title"], row["content"])
            document.file.save(f"{row['slug']}.{row['format']}", ContentFile(content), save=False)
            document._set_document_file_metadata()
        document.collection = collections[row["collection"]]
        document.description, document.document_type = row["description"], row["document_type"]
        document.access, document.languages = row["access"], ",".join(row["languages"])
        document.publication_date = today - datetime.timedelta(days=row["published_days_ago"])
        document.save()
        document.groups.set([groups[name] for name in row.get("groups", [])])
        document.publishers.set(Stakeholder.objects.filter(locale=english, code__in=row["publisher_codes"]))
        document.best_practices.set(
            BestPracticePage.objects.filter(locale=english, slug__in=row["best_practice_slugs"])
        )
        for event in Event.objects.filter(locale=english, slug__in=row["event_slugs"]):
            event.documents = [*event.documents.all(), document]
            event.save()  # and its translations, which share the event's documents
