"""Our Tajik catalogs for the packages editors and translators meet, which ship none.

Wagtail, wagtail-localize and django-allauth have Russian catalogs but no Tajik
ones, so a Tajik admin would be mostly English. Ours sit in
`locale/packages/<package>/tg/`, one directory on `LOCALE_PATHS` per package,
after the project's own catalog (whose strings win where both have one). They
hold only what is translated; the package's own catalogs say what there is.
"""

import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import polib
from django.conf import settings

PACKAGES = settings.PACKAGE_CATALOGS
DOMAINS = ("django", "djangojs")
LANGUAGE = "tg"
HEADER = {
    "Content-Type": "text/plain; charset=UTF-8",
    "Language": LANGUAGE,
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}
# A package's strings are listed by its Russian catalogs: every package here has them complete.
LISTED_BY = "ru"
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}")


def package_dir(package):
    return Path(find_spec(package).submodule_search_locations[0])


def locale_path(package):
    return Path(settings.BASE_DIR) / "locale" / "packages" / package


def our_catalog_path(package, domain):
    return locale_path(package) / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


@cache
def package_msgids(package, domain):
    """Every string the package can show, in that domain: from each of its apps' catalogs."""
    msgids = set()
    for po_path in sorted(package_dir(package).glob(f"**/locale/{LISTED_BY}/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(po_path)):
            if not entry.obsolete:
                msgids.add(entry.msgid)
    return frozenset(msgids)


def our_catalog(package, domain):
    path = our_catalog_path(package, domain)
    if path.exists():
        return polib.pofile(str(path))
    catalog = polib.POFile()
    catalog.metadata = dict(HEADER)
    return catalog


def forms(entry):
    """The entry's translations: one, or one per plural form."""
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    return all(forms(entry))


@dataclass(frozen=True)
class Coverage:
    package: str
    domain: str
    translated: int
    total: int

    @property
    def share(self):
        return self.translated / self.total if self.total else 1.0


def coverage():
    rows = []
    for package in PACKAGES:
        for domain in DOMAINS:
            total = package_msgids(package, domain)
            if not total:
                continue
            done = {entry.msgid for entry in our_catalog(package, domain) if translated(entry)} & total
            rows.append(Coverage(package, domain, len(done), len(total)))
    return rows


def add_translations(package, domain, translations):
    """Write `{msgid: msgstr or [singular, plural]}` into our catalog for the package; returns how many were new."""
    catalog = our_catalog(package, domain)
    known = package_msgids(package, domain)
    existing = {entry.msgid: entry for entry in catalog}
    added = 0
    for msgid, msgstr in translations.items():
        if msgid not in known:
            raise KeyError(f"{package} ({domain}) has no string {msgid!r}")
        entry = existing.get(msgid)
        if entry is None:
            entry = polib.POEntry(msgid=msgid)
            catalog.append(entry)
            existing[msgid] = entry
            added += 1
        if isinstance(msgstr, (list, tuple)):
            entry.msgid_plural = _plural_of(package, domain, msgid)
            entry.msgstr_plural = dict(enumerate(msgstr))
        else:
            entry.msgstr = msgstr
    catalog.sort(key=lambda entry: entry.msgid)
    path = our_catalog_path(package, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return added


@cache
def _plurals(package, domain):
    """{singular: plural} for the package's strings that have a plural form."""
    plurals = {}
    for po_path in package_dir(package).glob(f"**/locale/{LISTED_BY}/LC_MESSAGES/{domain}.po"):
        for entry in polib.pofile(str(po_path)):
            if entry.msgid_plural:
                plurals[entry.msgid] = entry.msgid_plural
    return plurals


def plural_msgids(package, domain):
    return set(_plurals(package, domain))


def _plural_of(package, domain, msgid):
    plural = _plurals(package, domain).get(msgid)
    if plural is None:
        raise KeyError(f"{msgid!r} has no plural form in {package}")
    return plural


class InterfaceStrings:
    """Tells the interface strings on a screen apart from its content, and says which are left in English.

    A visible string is the interface's if it is one of the packages' or the
    project's strings (as written in English, or as translated into Tajik);
    a string with placeholders ("%(count)s pages") matches whatever fills them.
    Content (page titles, the English source in the translation editor) is neither;
    `content` names what the site holds, so that a page called "News" is not
    taken for the interface's word.
    """

    def __init__(self, content=()):
        english, tajik = set(), set()
        for package in PACKAGES:
            for domain in DOMAINS:
                english |= package_msgids(package, domain) | set(_plurals(package, domain).values())
                for entry in our_catalog(package, domain):
                    if translated(entry):
                        tajik.update(forms(entry))
        project = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"))
        for entry in project:
            english.add(entry.msgid)
            tajik.update(forms(entry))
        tajik.discard("")
        # A string spelt the same in both (an abbreviation, a name) is not left untranslated.
        content = {normal(text) for text in content}
        self.english = {normal(text) for text in english - tajik if len(normal(text)) > 1} - content
        self.tajik = {normal(text) for text in tajik}
        self.english_patterns = _patterns(self.english)
        self.tajik_patterns = _patterns(self.tajik)

    def classify(self, text):
        """ "tg", "en", or None for what is not the interface's."""
        text = normal(text)
        if text in self.tajik:
            return LANGUAGE
        if text in self.english:
            return "en"
        if any(pattern.fullmatch(text) for pattern in self.tajik_patterns):
            return LANGUAGE
        if any(pattern.fullmatch(text) for pattern in self.english_patterns):
            return "en"
        return None


def normal(text):
    """As the reader sees it: markup in a string ("<span>%(count)s</span> pages") shows as its text."""
    return " ".join(TAG.sub("", text).split()).rstrip(":").strip()


def visible_texts(soup):
    """What a reader of an HTML page sees or hears, server side: its text, and the words in its attributes.

    Text marked as written in another language than the page (`lang`) is content, and is left out.
    """
    page_language = soup.html.get("lang") if soup.html else None
    for node in soup.find_all(string=True):
        parent = node.parent
        if parent is None or parent.name in ("script", "style", "template", "noscript", "title", "[document]"):
            continue
        marked = parent.find_parent(attrs={"lang": True}) if not parent.has_attr("lang") else parent
        if marked is not None and marked.name != "html" and marked["lang"] != page_language:
            continue
        if parent.find_parent(attrs={"hidden": True}) is None and node.strip():
            yield node.strip()
    for element in soup.find_all(attrs={"aria-label": True}):
        yield element["aria-label"]
    for element in soup.find_all(["img", "input", "textarea"]):
        for attribute in ("alt", "placeholder"):
            if element.get(attribute):
                yield element[attribute]


def english_share(strings, texts):
    """(strings left in English, interface strings seen) among the visible `texts` of one screen."""
    languages = [strings.classify(text) for text in texts]
    english = [text for text, language in zip(texts, languages, strict=True) if language == "en"]
    return english, sum(1 for language in languages if language)


def _patterns(texts):
    patterns = []
    for text in texts:
        placeholders = len(PLACEHOLDER.findall(text))
        words = re.findall(r"[^\W\d_]{2,}", PLACEHOLDER.sub(" ", text))
        # "%(a)s for %(b)s" would match any sentence with "for" in it: too little of it is the interface's.
        if placeholders and len(words) >= placeholders and sum(map(len, words)) >= 3:
            parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
            patterns.append(re.compile(".+?".join(parts)))
    return patterns
