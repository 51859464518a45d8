"""What needs translating: every page and snippet of the source language × every other language, with its state.

States, in the order a cell is given them:

- *missing*: no translation in that language;
- *out of date*: the source's strings changed after its translation was last
  synced (wagtail-localize's TranslationSource), with how many changed;
- *in review*: the translated page waits in the translation review workflow,
  or the snippet's translation in its review;
- *in progress*: some strings are not translated yet, the translated page is
  a draft, strings were translated after the translation was last applied, or
  a moderator sent it back;
- *complete*: everything translated (and, for a page, published).

The work is bounded by the number of rows, not by queries per row: a fixed
number of queries for the whole report, plus the string extraction of the
sources that changed after their last sync.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationLog, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from .models import SnippetReview

MISSING, OUT_OF_DATE, IN_REVIEW, IN_PROGRESS, COMPLETE = (
    "missing",
    "out_of_date",
    "in_review",
    "in_progress",
    "complete",
)
STATES = {
    MISSING: _("Missing"),
    OUT_OF_DATE: _("Out of date"),
    IN_REVIEW: _("In review"),
    IN_PROGRESS: _("In progress"),
    COMPLETE: _("Complete"),
}


@dataclass
class Cell:
    language: str
    state: str
    url: str  # where to act on it: translate, update or edit
    share: int | None = None  # per cent of the source's strings translated, when wagtail-localize made it
    changed: int = 0  # strings of the source changed since the last sync (out of date)
    target_pk: int | None = None
    translation_pk: int | None = None
    comment: str = ""  # the moderator's, when a snippet's translation was sent back
    submit_url: str = ""  # where a translator submits it for review
    review_url: str = ""  # where a moderator reviews a snippet's translation

    @property
    def label(self):
        return STATES[self.state]


@dataclass
class Row:
    key: str  # translation_key
    kind: str  # "page" or the snippet model's label
    type_label: str
    section: str
    title: str
    source_pk: int
    source_url: str
    cells: dict = field(default_factory=dict)  # language code -> Cell
    instance: object = None  # a snippet, loaded already


def target_languages(first=None):
    """The languages translated into, `first` (the reader's) at the head when it is one of them."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]
    return sorted(codes, key=lambda code: code != first)


def translatable_snippet_models():
    return [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
        and not any(isinstance(f, ParentalKey) for f in model._meta.get_fields())  # edited with their parent
    ]


def _edit_url(model, pk):
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    try:
        return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])
    except (AttributeError, NoReverseMatch):
        return ""


def _translate_url(model, pk):
    if issubclass(model, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[pk])
    meta = model._meta
    return reverse("wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, pk])


def _page_rows(source_locale):
    pages = (
        Page.objects.filter(locale=source_locale, depth__gt=1)
        .order_by("path")
        .values("pk", "title", "path", "depth", "translation_key", "content_type_id")
    )
    # The home page's children are the site's sections: named as the reader's language has them.
    sections = {page["path"]: page for page in pages if page["depth"] == 3}
    localized = dict(
        Page.objects.filter(
            translation_key__in=[page["translation_key"] for page in sections.values()],
            locale__language_code=get_language(),
        ).values_list("translation_key", "title")
    )
    sections = {path: localized.get(page["translation_key"], page["title"]) for path, page in sections.items()}
    rows = []
    for page in pages:
        model = ContentType.objects.get_for_id(page["content_type_id"]).model_class() or Page
        section = sections.get(page["path"][: 3 * Page.steplen], "") if page["depth"] >= 3 else ""
        rows.append(
            Row(
                key=str(page["translation_key"]),
                kind="page",
                type_label=str(model._meta.verbose_name),
                section=section or str(_("Home page")),
                title=page["title"],
                source_pk=page["pk"],
                source_url=_edit_url(Page, page["pk"]),
            )
        )
    return rows


def _snippet_rows(source_locale):
    rows = []
    for model in translatable_snippet_models():
        for obj in model.objects.filter(locale=source_locale):
            rows.append(
                Row(
                    key=str(obj.translation_key),
                    kind=model._meta.label_lower,
                    type_label=str(model._meta.verbose_name),
                    section=str(model._meta.verbose_name_plural),
                    title=str(obj),
                    source_pk=obj.pk,
                    source_url=_edit_url(model, obj.pk),
                    instance=obj,
                )
            )
    return rows


def _targets(source_locale):
    """{(kind, key, language): (pk, live)} of every translation that exists."""
    found = {}
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    for page in (
        Page.objects.exclude(locale=source_locale)
        .filter(depth__gt=1)
        .values("pk", "translation_key", "locale_id", "live")
    ):
        found["page", str(page["translation_key"]), languages[page["locale_id"]]] = (page["pk"], page["live"])
    for model in translatable_snippet_models():
        kind = model._meta.label_lower
        for pk, key, locale_id in model.objects.exclude(locale=source_locale).values_list(
            "pk", "translation_key", "locale_id"
        ):
            found[kind, str(key), languages[locale_id]] = (pk, True)
    return found


def _progress(source_ids, locale):
    """{source id: (strings, translated)} into `locale`, in one query."""
    done = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale=locale, has_error=False
    )
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .annotate(done=Exists(done))
        .values("source_id")
        .annotate(total=Count("pk"), translated=Count("pk", filter=Q(done=True)))
    )
    return {row["source_id"]: (row["total"], row["translated"]) for row in rows}


def _unapplied(translations):
    """The (source id, locale id) pairs whose strings were translated after wagtail-localize last wrote them out."""
    sources = {source_id for source_id, _locale_id in translations}
    applied = {
        (row["source_id"], row["locale_id"]): row["at"]
        for row in TranslationLog.objects.filter(source_id__in=sources)
        .values("source_id", "locale_id")
        .annotate(at=Max("created_at"))
    }
    edited = (
        # A string is shared by every source that has it; its translation is the one in the segment's context.
        StringTranslation.objects.filter(
            translation_of__segments__source_id__in=sources, translation_of__segments__context_id=F("context_id")
        )
        .values("translation_of__segments__source_id", "locale_id")
        .annotate(at=Max("updated_at"))
    )
    return {
        (row["translation_of__segments__source_id"], row["locale_id"])
        for row in edited
        if (key := (row["translation_of__segments__source_id"], row["locale_id"])) in translations
        and (applied.get(key) is None or row["at"] > applied[key])
    }


def changed_strings(source, instance, stored):
    """How many of `instance`'s strings its TranslationSource does not hold as they are now."""
    current = {
        (segment.path, segment.string.data)
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    }
    return len(current - stored)


def _changes(sources, rows_by_key):
    """{source id: strings changed since the last sync}, for the sources that may have changed."""
    maybe = []
    pages = {row.source_pk for row in rows_by_key.values() if row.kind == "page"}
    page_changes = dict(Page.objects.filter(pk__in=pages).values_list("translation_key", "latest_revision_created_at"))
    for source in sources:
        row = rows_by_key.get(str(source.object_id))
        if row is None:
            continue
        if row.kind == "page":
            changed_at = page_changes.get(source.object_id)
            if changed_at is None or changed_at <= source.last_updated_at:
                continue  # no revision since the sync: nothing to read
        maybe.append((source, row))
    if not maybe:
        return {}
    stored = defaultdict(set)
    for source_id, path, data in StringSegment.objects.filter(source_id__in=[s.pk for s, _row in maybe]).values_list(
        "source_id", "context__path", "string__data"
    ):
        stored[source_id].add((path, data))
    changes = {}
    for source, row in maybe:
        instance = row.instance
        if instance is None:  # a page: its latest revision is what the next sync would read
            instance = Page.objects.get(pk=row.source_pk).specific.get_latest_revision_as_object()
        changes[source.pk] = changed_strings(source, instance, stored[source.pk])
    return changes


def report(first_language=None):
    """Every source page and snippet as a Row, each with a Cell per target language."""
    source_locale = Locale.get_default()
    languages = target_languages(first_language)
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=languages)}
    rows = _page_rows(source_locale) + _snippet_rows(source_locale)
    by_key = {row.key: row for row in rows}
    targets = _targets(source_locale)
    sources = list(TranslationSource.objects.filter(locale=source_locale, object_id__in=list(by_key)))
    source_of = {str(source.object_id): source for source in sources}
    translations = {
        (t["source_id"], t["target_locale_id"]): t["pk"]
        for t in Translation.objects.filter(source__in=sources).values("pk", "source_id", "target_locale_id")
    }
    progress = {code: _progress([s.pk for s in sources], locale) for code, locale in locales.items()}
    unapplied = _unapplied(translations)
    reviews = {
        review.translation_id: review for review in SnippetReview.objects.filter(translation__in=translations.values())
    }
    changes = _changes(sources, by_key)
    in_review = set(
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    for row in rows:
        model = Page if row.kind == "page" else _snippet_model(row.kind)
        source = source_of.get(row.key)
        for code in languages:
            target = targets.get((row.kind, row.key, code))
            if target is None:
                row.cells[code] = Cell(code, MISSING, _translate_url(model, row.source_pk))
                continue
            pk, live = target
            cell = Cell(code, COMPLETE, _edit_url(model, pk), target_pk=pk)
            review, key = None, (source.pk if source else None, locales[code].pk)
            if key in translations:
                total, translated = progress[code].get(source.pk, (0, 0))
                cell.share = round(100 * translated / total) if total else 100
                cell.changed = changes.get(source.pk, 0)
                cell.translation_pk = translations[key]
                review = reviews.get(cell.translation_pk)
            if cell.changed:
                cell.state = OUT_OF_DATE
                cell.url = reverse("wagtail_localize:update_translations", args=[source.pk])
            elif (row.kind == "page" and str(pk) in in_review) or (review and review.status == review.IN_REVIEW):
                cell.state = IN_REVIEW
                if review:
                    cell.review_url = reverse("translations_review_snippet", args=[review.translation_id])
            elif (
                (cell.share is not None and cell.share < 100)
                or not live
                or key in unapplied
                or (review and review.status == review.NEEDS_CHANGES)
            ):
                cell.state = IN_PROGRESS
                cell.comment = review.comment if review and review.status == review.NEEDS_CHANGES else ""
                if row.kind == "page":
                    cell.submit_url = reverse("translations_submit_for_review", args=[pk])
                elif cell.translation_pk:
                    cell.submit_url = reverse("translations_submit_snippet_for_review", args=[cell.translation_pk])
            row.cells[code] = cell
    return languages, rows


def _snippet_model(label):
    return next(model for model in translatable_snippet_models() if model._meta.label_lower == label)


def counts(rows, languages):
    """{language: {state: number}}, for the dashboard."""
    totals = {code: dict.fromkeys(STATES, 0) for code in languages}
    for row in rows:
        for code in languages:
            totals[code][row.cells[code].state] += 1
    return totals
