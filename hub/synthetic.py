"""Synthetic best practices, news, documents, events and organisations for benchmarks and query-count tests.

Thousands of pages through `add_child` and revisions would take minutes, so
rows are inserted in bulk: the page tree's paths are computed here, the
base and specific tables are written with one INSERT per batch each, and the
many-to-many and keyword rows likewise. Every synthetic page's slug starts
with `synthetic-` and its title with "[Synthetic]", so it can never pass for
real content and `--delete` finds it.
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, Page

from home import pagecache

from .models import (
    ActionTrack,
    BestPracticeKeyword,
    BestPracticePage,
    Country,
    Event,
    HubDocument,
    NewsPage,
    NewsTag,
    Stakeholder,
)

SLUG_PREFIX = "synthetic-"
TITLE_PREFIX = "[Synthetic]"
BATCH = 500
WORDS = [
    "curriculum",
    "teachers",
    "assessment",
    "digital",
    "learning",
    "inclusion",
    "schools",
    "financing",
    "textbooks",
    "girls",
    "disability",
    "connectivity",
    "rural",
    "mathematics",
    "reading",
    "early",
    "childhood",
    "vocational",
    "skills",
    "data",
    "coordination",
]


def _paragraphs(rng, count):
    return "".join("<p>" + " ".join(rng.choices(WORDS, k=40)).capitalize() + ".</p>" for _ in range(count))


def _insert_pages(parent, model, pages):
    """Insert `pages` (unsaved `model` instances) as the last children of `parent`."""
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, parent.depth + 1, first_step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = page.first_published_at or now
    bases = Page.objects.bulk_create(
        [
            Page(**{field.attname: getattr(page, field.attname) for field in Page._meta.concrete_fields})
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    # Django refuses bulk_create on multi-table models; the specific table is a plain insert.
    specific_fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(pages), BATCH):
        model._base_manager._insert(pages[start : start + BATCH], fields=specific_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    pagecache.changed()  # rows made in bulk send no signals


def _link(model, field_name, pairs):
    relation = model._meta.get_field(field_name)
    through = relation.remote_field.through
    page_column, target_column = relation.m2m_field_name() + "_id", relation.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create(
        [through(**{page_column: page.pk, target_column: target.pk}) for page, target in pairs], batch_size=BATCH
    )


def _keywords(model, pages_with_names):
    rows = []
    for page, names in pages_with_names:
        for order, name in enumerate(names):
            row = model(page_id=page.pk, name=name, locale_id=page.locale_id, sort_order=order)
            row.slug = name.replace(" ", "-")
            rows.append(row)
    model.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def create_best_practices(collection, count, seed=1):
    rng = random.Random(seed)
    tracks = list(ActionTrack.objects.filter(locale=collection.locale))
    countries = list(Country.objects.filter(locale=collection.locale))
    organisations = list(Stakeholder.objects.filter(locale=collection.locale))
    existing = BestPracticePage.objects.child_of(collection).filter(slug__startswith=SLUG_PREFIX).count()
    pages = []
    for number in range(existing + 1, existing + count + 1):
        answer = _paragraphs(rng, 2)
        pages.append(
            BestPracticePage(
                title=f"{TITLE_PREFIX} Best practice {number:05d}: {' '.join(rng.choices(WORDS, k=5))}",
                slug=f"{SLUG_PREFIX}best-practice-{number:05d}",
                search_description="Synthetic content generated for benchmarks; not a real best practice.",
                first_published_at=timezone.now() - datetime.timedelta(hours=number),
                **dict.fromkeys(BestPracticePage.ANSWERS, answer),
            )
        )
    _insert_pages(collection, BestPracticePage, pages)
    _link(BestPracticePage, "action_tracks", [(p, t) for p in pages for t in rng.sample(tracks, k=min(2, len(tracks)))])
    _link(BestPracticePage, "countries", [(p, rng.choice(countries)) for p in pages] if countries else [])
    _link(
        BestPracticePage,
        "organisations",
        [(p, o) for p in pages for o in rng.sample(organisations, k=min(2, len(organisations)))],
    )
    _keywords(BestPracticeKeyword, [(p, sorted(set(rng.choices(WORDS, k=6)))) for p in pages])
    return pages


@transaction.atomic
def create_news(index, count, seed=2):
    rng = random.Random(seed)
    organisations = list(Stakeholder.objects.filter(locale=index.locale))
    existing = NewsPage.objects.child_of(index).filter(slug__startswith=SLUG_PREFIX).count()
    today = timezone.localdate()
    pages = []
    for number in range(existing + 1, existing + count + 1):
        pages.append(
            NewsPage(
                title=f"{TITLE_PREFIX} News {number:05d}: {' '.join(rng.choices(WORDS, k=5))}",
                slug=f"{SLUG_PREFIX}news-{number:05d}",
                date=today - datetime.timedelta(days=number),
                summary="Synthetic news generated for benchmarks; not real news.",
                body=[("paragraph", _paragraphs(rng, 3))],
            )
        )
    _insert_pages(index, NewsPage, pages)
    _link(NewsPage, "organisations", [(p, rng.choice(organisations)) for p in pages] if organisations else [])
    _keywords(NewsTag, [(p, sorted(set(rng.choices(WORDS, k=3)))) for p in pages])
    return pages


@transaction.atomic
def create_documents(count, seed=3):
    """Library rows with the text their files would give; no file is written (lists and search read only rows)."""
    rng = random.Random(seed)
    root = Collection.get_first_root_node()
    existing = HubDocument.objects.filter(title__startswith=TITLE_PREFIX).count()
    documents = []
    for number in range(existing + 1, existing + count + 1):
        text = " ".join(" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(30))
        documents.append(
            HubDocument(
                title=f"{TITLE_PREFIX} Document {number:05d}: {' '.join(rng.choices(WORDS, k=4))}",
                file=f"synthetic/document-{number:05d}.pdf",
                collection=root,
                description="Synthetic document generated for benchmarks; not a real document.",
                document_type="report",
                languages=rng.choice(["en", "ru", "tg", "en,ru"]),
                # One in ten for members only: the privacy filter is part of what is measured.
                access="members" if number % 10 == 0 else "public",
                extracted_text=text,
            )
        )
    HubDocument.objects.bulk_create(documents, batch_size=BATCH)
    pagecache.changed()
    return documents


@transaction.atomic
def create_organisations(locale, count, seed=4):
    """Directory rows in `locale`, each with a code of its own (the directory lists and links them by it)."""
    rng = random.Random(seed)
    existing = Stakeholder.objects.filter(locale=locale, code__startswith=SLUG_PREFIX).count()
    categories = [value for value, _label in Stakeholder.Category.choices]
    rows = [
        Stakeholder(
            name=f"{TITLE_PREFIX} Organisation {number:05d}: {' '.join(rng.choices(WORDS, k=3))}",
            acronym=f"SYN{number}",
            code=f"{SLUG_PREFIX}{number:05d}",
            category=rng.choice(categories),
            description="Synthetic organisation generated for benchmarks; not a real organisation.",
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        for number in range(existing + 1, existing + count + 1)
    ]
    pagecache.changed()
    return Stakeholder.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def create_events(locale, count, seed=5):
    """Events in `locale`, half of them past, one a day back and forth from today, each with two organisers."""
    rng = random.Random(seed)
    organisations = list(Stakeholder.objects.filter(locale=locale))
    existing = Event.objects.filter(locale=locale, slug__startswith=SLUG_PREFIX).count()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    types = [value for value, _label in Event.Type.choices]
    events = []
    for number in range(existing + 1, existing + count + 1):
        start = now + datetime.timedelta(days=number // 2 * (1 if number % 2 else -1), hours=9)
        events.append(
            Event(
                title=f"{TITLE_PREFIX} Event {number:05d}: {' '.join(rng.choices(WORDS, k=4))}",
                slug=f"{SLUG_PREFIX}event-{number:05d}",
                event_type=rng.choice(types),
                start=start,
                end=start + datetime.timedelta(hours=3),
                venue="Dushanbe",
                description=_paragraphs(rng, 2),
                locale=locale,
                translation_key=uuid.uuid4(),
            )
        )
    Event.objects.bulk_create(events, batch_size=BATCH)
    pagecache.changed()
    _link(
        Event, "organisers", [(e, o) for e in events for o in rng.sample(organisations, k=min(2, len(organisations)))]
    )
    return events


def delete_synthetic():
    """Remove every synthetic page (and with them their links and keywords), document, event and organisation."""
    HubDocument.objects.filter(title__startswith=TITLE_PREFIX, file__startswith="synthetic/").delete()
    Event.objects.filter(title__startswith=TITLE_PREFIX, slug__startswith=SLUG_PREFIX).delete()
    Stakeholder.objects.filter(name__startswith=TITLE_PREFIX, code__startswith=SLUG_PREFIX).delete()
    deleted = 0
    for page in Page.objects.filter(slug__startswith=SLUG_PREFIX, title__startswith=TITLE_PREFIX).order_by("-depth"):
        page.delete()
        deleted += 1
    return deleted
