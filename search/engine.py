"""One search over everything a reader may see: pages, documents (the words inside them too), events, organisations.

Each kind of result is searched in the backend with its own privacy filter
(live public pages of the reader's language, `visible_documents`, the
language's events and directory), then counted for the facets. The "all"
list merges the kinds: the reader's language first, then the results whose title
is most nearly the query, then by score (`Search.rank`). Every query is
reduced to stems by `search.analysis`, the same on every backend, and the
words that matched are marked in an excerpt of the text around them.

Requests per search: on a search server, one multi-search for every kind's
count and first page (`search.backends.run_many`); on the database, one
count and one search per kind. Then one query for the search pages' URLs
where events or organisations are shown, plus promotions and the query log:
bounded, whatever the number of results.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from hub.best_practices.models import BestPracticePage
from hub.directory.models import Stakeholder
from hub.directory.pages import StakeholderDirectoryPage
from hub.documents.access import visible_documents
from hub.events.models import Event, EventIndexPage
from hub.news.models import NewsPage

from .analysis import LANGUAGES, WORD, excerpt, fold, matches, query_terms, stem, words
from .backends import run_many
from .index import BOOSTED, PLAIN, field_texts

PER_PAGE = 10
# The merged list is built from each kind's best results: deeper than this, a reader should narrow the search.
MAX_PAGES = 20
# Fields an excerpt leaves out: the result's heading says them already; the stemmed copies are not prose.
EXCERPT_SKIPS = ("title", "name", "acronym", BOOSTED, PLAIN)


@dataclass
class Hit:
    kind: "Kind"
    obj: object
    score: float
    title: str = ""
    url: str = ""
    language: str = ""
    date: datetime.date | None = None
    excerpt: list = field(default_factory=list)


class Kind:
    key = ""
    label = ""

    def objects(self, request, locale):
        raise NotImplementedError

    def title(self, obj):
        return obj.title

    def text(self, obj):
        """The text an excerpt is cut from: the object's own indexed fields, not its title or related rows."""
        fields = [f for f in obj.get_search_fields() if f.field_name not in EXCERPT_SKIPS]
        return " ".join(text for text, _ in field_texts(obj, fields, related=False))

    def languages(self, obj, language):
        """The languages of `obj`'s text; `language` is the search's, which pages and snippets are filtered to."""
        return (language,)

    def date(self, obj):
        return None

    def prepare(self, hits, request, locale, excerpts=True):
        """Give the hits of this kind their URLs (and what their excerpts need) in a bounded number of queries."""
        for hit in hits:
            hit.url = self.url(hit.obj, request)

    def url(self, obj, request):
        raise NotImplementedError


class PageKind(Kind):
    model = Page

    def objects(self, request, locale):
        pages = self.model.objects.live().public().filter(locale=locale, depth__gt=1)
        return pages.not_type(BestPracticePage, NewsPage) if self.model is Page else pages

    def prepare(self, hits, request, locale, excerpts=True):
        # The search returns plain pages; an excerpt needs each one's own fields: one query per page type.
        if excerpts:
            pages = Page.objects.filter(pk__in=[hit.obj.pk for hit in hits]).specific()
            specific = {page.pk: page for page in pages}
            for hit in hits:
                hit.obj = specific.get(hit.obj.pk, hit.obj)
        super().prepare(hits, request, locale)

    def url(self, obj, request):
        return obj.get_url(request)

    def date(self, obj):
        return getattr(obj, "date", None) or (obj.last_published_at and obj.last_published_at.date())


class Practices(PageKind):
    key, label, model = "practices", _("Best practices"), BestPracticePage


class News(PageKind):
    key, label, model = "news", _("News"), NewsPage


class Pages(PageKind):
    key, label = "pages", _("Pages")


class Documents(Kind):
    key, label = "documents", _("Documents")

    def objects(self, request, locale):
        return visible_documents(request)

    def url(self, obj, request):
        return obj.url

    def languages(self, obj, language):
        return obj.search_languages()

    def date(self, obj):
        return obj.publication_date


class RoutedKind(Kind):
    """Snippets shown on a routable page of their language (events, the directory)."""

    page_model = None
    route = ""

    def objects(self, request, locale):
        return self.model.objects.filter(locale=locale)

    def prepare(self, hits, request, locale, excerpts=True):
        # By id, not tree order (see home.templatetags.site_tags._section_page).
        page = self.page_model.objects.live().public().filter(locale=locale).order_by("pk").first()
        for hit in hits:
            hit.url = page.url + page.reverse_subpage(self.route, args=[self.route_arg(hit.obj)]) if page else ""


class Events(RoutedKind):
    key, label, model, page_model, route = "events", _("Events"), Event, EventIndexPage, "event"

    def route_arg(self, obj):
        return obj.slug

    def date(self, obj):
        return obj.start


class Organisations(RoutedKind):
    key, label, model = "organisations", _("Organisations"), Stakeholder
    page_model, route = StakeholderDirectoryPage, "stakeholder"

    def route_arg(self, obj):
        return obj.code

    def title(self, obj):
        return f"{obj.name} ({obj.acronym})" if obj.acronym and obj.acronym != obj.name else obj.name


KINDS = [Practices(), News(), Documents(), Events(), Organisations(), Pages()]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def backend_query(terms):
    """And over the query's words; each word Or over the stems it may have."""
    words_ = [PlainText(a[0]) if len(a) == 1 else Or([PlainText(s) for s in a]) for a in terms]
    return words_[0] if len(words_) == 1 else And(words_)


class Search:
    """A reader's query, run over every kind of result they may see, in their language."""

    def __init__(self, request, query, kind=None, backend="default", locale=None):
        self.request = request
        self.query = query
        self.terms = query_terms(query)
        self.kind = KINDS_BY_KEY.get(kind)
        self.backend = backend
        # SQLite's FTS5 scores with a negated BM25 (lower is better); the others score higher for better.
        self.sign = -1 if "sqlite" in type(get_search_backend(backend)).__module__ else 1
        self.locale = locale or Locale.get_active()
        self.language = self.locale.language_code
        self._objects = {}

    def objects(self, kind, locale=None):
        """What this reader may find of `kind`, built once a search (a page filter costs a restrictions query)."""
        locale = locale or self.locale
        if (kind, locale) not in self._objects:
            self._objects[kind, locale] = kind.objects(self.request, locale)
        return self._objects[kind, locale]

    def results(self, kind, locale=None):
        objects = self.objects(kind, locale)
        return get_search_backend(self.backend).search(backend_query(self.terms), objects).annotate_score("_score")

    @cached_property
    def first(self):
        """{kind: (number of results, the first page's hits)}: the facets and page one, in one request to a search
        server (one count and one slice per kind on the database)."""
        if not self.terms:
            return {}
        return dict(zip(KINDS, self.fetch(KINDS, PER_PAGE), strict=True))

    def fetch(self, kinds, limit, offset=0, locale=None):
        """[(total, hits)] of each kind's results from `offset`, searched together."""
        answers = run_many([(self.results(kind, locale), offset, limit) for kind in kinds])
        return [
            (total, [Hit(kind, obj, self.sign * (obj._score or 0)) for obj in found])
            for kind, (total, found) in zip(kinds, answers, strict=True)
        ]

    @property
    def counts(self):
        """{kind: number of results}, for the facets."""
        return {kind: total for kind, (total, _) in self.first.items()}

    @property
    def total(self):
        return sum(self.counts.values())

    def hits(self, kind, limit, offset=0):
        return self.window([kind], limit, offset)[0]

    def window(self, kinds, limit, offset=0):
        """Each kind's hits from `offset`: from the first page when it holds them, else searched together."""

        def held(kind):
            total, first = self.first[kind]
            return offset + limit <= len(first) or len(first) == total

        missing = [kind for kind in kinds if not held(kind)]
        fetched = dict(zip(missing, (hits for _, hits in self.fetch(missing, limit, offset)), strict=True))
        return [fetched[kind] if kind in fetched else self.first[kind][1][offset : offset + limit] for kind in kinds]

    def merged(self, limit):
        """The best `limit` results of all kinds: the reader's language first, then by score."""
        kinds = [kind for kind in KINDS if self.counts[kind]]
        hits = [hit for kind_hits in self.window(kinds, limit) for hit in kind_hits]
        hits.sort(key=self.rank)
        return hits[:limit]

    def rank(self, hit):
        """Sort key: the reader's language first; then how many of the query's words the title has, and how
        much of the title they are; then the backend's score.

        Scores of different kinds are only roughly comparable (a short snippet scores high for one word in
        it), and differ between backends, so a result named by what was asked for comes before one that
        only mentions it, and the title that is most nearly the query comes first: the same on every backend.
        """
        languages = hit.kind.languages(hit.obj, self.language)
        title_words = words(hit.kind.title(hit.obj))
        in_title = sum(any(matches(word, [term], languages) for word in title_words) for term in self.terms)
        return (self.language not in languages, -in_title, -in_title / max(len(title_words), 1), -hit.score)

    def page(self, number):
        """A paginator page of finished hits (title, URL, excerpt marked), `number` as the reader gave it."""
        paginator = Paginator(HitList(self), PER_PAGE)
        page = paginator.get_page(number)
        self.finish(page.object_list)
        return page

    def suggestions(self, limit):
        """Titles of each kind that start with the words typed so far, the last one perhaps unfinished."""
        hits = []
        for kind in KINDS:
            objects = self.objects(kind)
            found = get_search_backend(self.backend).autocomplete(self.query, objects)[: limit - len(hits)]
            hits += [Hit(kind, obj, 0) for obj in found]
            if len(hits) >= limit:
                break
        self.finish(hits, excerpts=False)
        return hits

    def finish(self, hits, excerpts=True):
        by_kind = {}
        for hit in hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        for kind, kind_hits in by_kind.items():
            kind.prepare(kind_hits, self.request, self.locale, excerpts)
            for hit in kind_hits:
                languages = kind.languages(hit.obj, self.language)
                hit.title = kind.title(hit.obj)
                hit.date = kind.date(hit.obj)
                hit.excerpt = excerpt(kind.text(hit.obj), self.terms, languages) if excerpts else []
                hit.language = "" if self.language in languages or len(languages) != 1 else languages[0]

    def elsewhere(self):
        """{locale: number of results} in the site's other languages (pages, events and organisations only)."""
        kinds = [kind for kind in KINDS if kind.key != "documents"]
        counts = {}
        for locale in Locale.objects.exclude(pk=self.locale.pk).filter(language_code__in=LANGUAGES):
            found = sum(total for total, _ in self.fetch(kinds, 0, locale=locale))
            if found:
                counts[locale] = found
        return counts


class HitList:
    """The hits of one kind, or of all merged, as a sequence a Paginator can cut without fetching it all."""

    def __init__(self, search):
        self.search = search

    def count(self):
        if self.search.kind:
            return self.search.counts[self.search.kind]
        return min(self.search.total, PER_PAGE * MAX_PAGES)

    def __getitem__(self, window):
        if self.search.kind:
            return self.search.hits(self.search.kind, window.stop - window.start, window.start)
        return self.search.merged(window.stop)[window.start : window.stop]


VOCABULARY_TTL = 600  # seconds: a title published since is suggested a few minutes later at worst


def vocabulary(locale):
    """{stem: word as written} of the titles and names readers of `locale` may see: spelling suggestions."""
    key = f"search:vocabulary:{locale.language_code}"
    known = cache.get(key)
    if known is None:
        titles = [
            *Page.objects.live().public().filter(locale=locale, depth__gt=1).values_list("title", flat=True),
            *Event.objects.filter(locale=locale).values_list("title", flat=True),
            *Stakeholder.objects.filter(locale=locale).values_list("name", flat=True),
        ]
        known = {}
        for word in WORD.findall(" ".join(titles)):
            if len(word) > 2:
                known.setdefault(stem(fold(word), locale.language_code), word.lower())
        cache.set(key, known, VOCABULARY_TTL)
    return known


def suggestion(query, locale):
    """The query with each unknown word replaced by the title word closest to it, or None if nothing changes.

    Words are compared by their stems, so an ending typed wrong costs nothing and a misspelt root is
    compared with the roots of the titles («цифравое» → «цифровому»).
    """
    known = vocabulary(locale)
    suggested, changed = [], False
    for word in words(query):
        root = stem(word, locale.language_code)
        if root in known or len(word) < 3:
            suggested.append(word)
            continue
        # Same first letter: a reader's misspelling rarely starts wrong, and it keeps the comparison short.
        candidates = [w for w in known if w[:1] == root[:1] and abs(len(w) - len(root)) <= 2]
        close = difflib.get_close_matches(root, candidates, n=1, cutoff=0.75)
        suggested.append(known[close[0]] if close else word)
        changed = changed or bool(close)
    return " ".join(suggested) if changed else None
