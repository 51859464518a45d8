"""Words as the site search compares them: case folded, Tajik letters folded, reduced to a stem, in three languages.

No search engine the site runs on stems all three of its languages: SQLite's
FTS5 stems none, PostgreSQL and OpenSearch stem Russian and English but
nothing stems Tajik. So the site does it itself, once, the same way for every
backend: each indexed object carries a copy of its text with every word
replaced by its stem (`search.index`), and a query is reduced the same way
before it is sent. The backends then only have to match whole words, which
they all do alike.

- English and Russian use the Snowball stemmers (the algorithms PostgreSQL
  and OpenSearch use themselves).
- Tajik uses `tajik_stem` below: the noun endings a reader types (plural,
  izofat, object marker, possessives, the adjective -ӣ), peeled from the
  outside in. It does not touch verbs beyond what those endings remove.
- Tajik letters are folded to the Russian letters readers type for them on
  a Russian keyboard (ғ→г, ӣ→и, қ→к, ӯ→у, ҳ→х, ҷ→ч), and ё to е, so
  «Тоҷикистон» is found by «Таджикистон» typed as «Точикистон» too.
"""

import functools
import re

import snowballstemmer

WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-z]")
FOLD = str.maketrans("ғӣқӯҳҷё", "гикухче")

# Whatever the page's language: a word's script says which stemmers apply to it.
LANGUAGES = ("en", "ru", "tg")
_snowball = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}

# Tajik endings, folded (see FOLD), in the order they stack after a noun: stem + plural + izofat or
# possessive + object marker. «мактабҳоямонро»: мактаб | ҳо | ямон | ро.
TAJIK_OBJECT = ("ро",)
TAJIK_POSSESSIVE = ("амон", "атон", "ашон", "ямон", "ятон", "яшон", "ам", "ат", "аш", "ям", "ят", "яш")
TAJIK_IZOFAT = ("йи", "и")
TAJIK_PLURAL = ("хо", "гон", "вон", "ен", "он")  # -ён, folded
SHORTEST_STEM = 3


def fold(word):
    return word.casefold().translate(FOLD)


def _strip(word, endings):
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)], True
    return word, False


@functools.lru_cache(maxsize=200_000)
def tajik_stem(word):
    """The stem of a folded Tajik word: «мактабҳо», «мактаби», «мактабро», «мактабамон» all give «мактаб»."""
    word, _ = _strip(word, TAJIK_OBJECT)
    word, possessive = _strip(word, TAJIK_POSSESSIVE)
    if not possessive:
        # A word ending in -ӣ takes the izofat as -ии («миллӣ» → «миллии»): both reduce to the same stem.
        for _ in range(2):
            word, stripped = _strip(word, TAJIK_IZOFAT)
            if not stripped:
                break
    word, _ = _strip(word, TAJIK_PLURAL)
    return word


@functools.lru_cache(maxsize=200_000)
def stem(word, language):
    """The stem of one folded word, as `language` would have it (its script decides where the language cannot)."""
    if LATIN.search(word):
        return _snowball["en"].stemWord(word)
    if not CYRILLIC.search(word):
        return word
    if language == "tg":
        return tajik_stem(word)
    return _snowball["ru"].stemWord(word)


def words(text):
    return [fold(word) for word in WORD.findall(text or "")]


def stemmed(text, languages):
    """`text` with each word replaced by its stem in each of `languages` (one copy of each distinct stem)."""
    stems = {}
    for word in words(text):
        for language in languages:
            stems.setdefault(stem(word, language), None)
    return " ".join(stems)


def query_terms(query):
    """Each word of a query with the stems it may have in any of the site's languages: a word matches any of them."""
    terms = []
    for word in words(query):
        alternatives = tuple(dict.fromkeys(stem(word, language) for language in LANGUAGES))
        if alternatives not in terms:
            terms.append(alternatives)
    return terms


def matches(word, terms, languages=LANGUAGES):
    """Whether one folded word of a text is what some term of the query asks for."""
    stems = {stem(word, language) for language in languages}
    return any(stems.intersection(alternatives) for alternatives in terms)


# How far into a text an excerpt looks for the query's words (a PDF's text can run to megabytes).
EXCERPT_SCAN = 50_000


def excerpt(text, terms, languages=LANGUAGES, width=220):
    """About `width` characters of `text` around its first words the query asks for, as (chunk, is_match) pairs.

    The window starts at a word boundary before the first match and takes in the next matches that fit;
    without a match it is the text's beginning, so a result always says something about itself.
    """
    # A long document's words are read only until the window is full: its first matches are what is shown.
    text = " ".join((text or "")[:EXCERPT_SCAN].split())
    found = []
    for m in WORD.finditer(text):
        if found and m.start() > max(found[0].start(), width) + width:
            break
        if matches(fold(m.group()), terms, languages):
            found.append(m)
    start = 0
    if found and found[0].end() > width:
        start = text.rfind(" ", 0, max(found[0].start() - width // 4, 0)) + 1
    end = start + width
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    chunks = [("… " if start else "", False)]
    cursor = start
    for match in found:
        if match.start() < start:
            continue
        if match.end() > end:
            break
        chunks += [(text[cursor : match.start()], False), (match.group(), True)]
        cursor = match.end()
    chunks.append((text[cursor:end] + (" …" if end < len(text) else ""), False))
    return [(chunk, is_match) for chunk, is_match in chunks if chunk]
