from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.models import AboutPage, HomePage
from home.pagecache import kept_here, remembered
from home.routing import site_and_root

register = template.Library()

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    short_name: str
    url: str
    absolute_url: str
    is_current: bool
    available: bool = True  # the page exists in this language; if not, its link shows the English with a notice


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    is_current: bool


def _localized_root(context):
    """The home page in the active language, looked up once per request."""
    request = context["request"]
    if not hasattr(request, "_localized_root"):
        page = context.get("page")
        if isinstance(page, HomePage):
            # Home pages only ever sit at a site's root: no lookup needed.
            request._localized_root = page
        else:
            request._localized_root = site_and_root(request)[1]
    return request._localized_root


@register.simple_tag(takes_context=True)
def language_alternates(context, page=None):
    """The current page in each language: for the switcher and hreflang links.

    A page not translated into a language is marked so, and links to its
    English in that language's interface (home.routing serves it with a
    notice); views that are not pages exist in every language.
    """
    request = context["request"]
    current = get_language()
    urls = {}
    fallback_path = request.path
    pages = isinstance(page, Page)
    if pages:
        # A routable page's sub-URL (a year, a stakeholder) carries over to the other languages.
        own_url = page.get_url(request) or ""
        raw_subpath = request.path[len(own_url) :] if own_url and request.path.startswith(own_url) else ""
        subpath = raw_subpath
        if raw_subpath and hasattr(page, "alternate_subpath"):
            subpath = page.alternate_subpath(raw_subpath)
        # This page's address in the visitor's language: what the other languages' prefixes go in front of.
        here = request.path[: len(request.path) - len(raw_subpath)] + subpath
        translations = remembered(
            request, f"translations:{request.get_host()}:{page.pk}", lambda: _translation_urls(page, request)
        )
        urls = {code: url + subpath for code, url in translations.items()}
        fallback_path = here
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(fallback_path, code)
        alternates.append(
            Alternate(
                code=code,
                name=settings.LANGUAGE_NATIVE_NAMES[code],
                short_name=settings.LANGUAGE_SHORT_NAMES[code],
                url=url,
                absolute_url=request.build_absolute_uri(url),
                is_current=code == current,
                available=not pages or code in urls,
            )
        )
    return alternates


@register.simple_tag(takes_context=True)
def url_in_my_language(context, page):
    """`page`'s address under the reader's language: an English item listed to a Tajik reader stays in Tajik."""
    url = page.get_url(context["request"]) or ""
    prefix = f"/{settings.LANGUAGE_CODE}/"  # only English items are listed in another language
    return f"/{get_language()}/{url[len(prefix) :]}" if url.startswith(prefix) else url


@register.simple_tag(takes_context=True)
def content_language(context, page=None):
    """The language `page`'s text is written in: the visitor's, or English where it has no translation yet."""
    if isinstance(page, Page) and getattr(context["request"], "shown_untranslated", False):
        return settings.LANGUAGE_CODE
    return get_language()


def _translation_urls(page, request):
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation.get_url(request) for translation in translations}


def _home_url(context):
    root = _localized_root(context)
    return root.get_url(context["request"]) if root else "/"


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page, then its live public children that editors put in menus."""
    request = context["request"]

    def links():
        root = _localized_root(context)
        if root is None:
            return []
        pages = [root, *root.get_children().live().public().in_menu()]
        return [(_("Home") if index == 0 else page.title, page.get_url(request)) for index, page in enumerate(pages)]

    menu = remembered(request, f"menu:{request.get_host()}:{get_language()}", links)
    return [MenuItem(title=title, url=url, is_current=url == request.path) for title, url in menu]


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    return _home_url(context)


@register.filter
def shown_cards(cards):
    """The cards whose claim holds for this site's set-up (see CardBlock.shown_when)."""
    oauth = bool(settings.SOCIALACCOUNT_APPS)
    hidden = "no_oauth" if oauth else "oauth"
    return [card for card in cards if card.get("shown_when") != hidden]


@register.simple_tag
def freshness_seconds():
    """How often an open page asks whether it has changed (js/site.js)."""
    return settings.FRESHNESS_POLL_SECONDS


@register.simple_tag
def contact_email():
    return settings.CONTACT_EMAIL


@register.simple_tag
def theme_init_script():
    """Inline, hash-allowed by the CSP, so the theme is set before the first paint."""
    # The script is a file in the repository, never user input.
    return format_html("<script>{}</script>", mark_safe(settings.THEME_INIT_SCRIPT))  # noqa: S308


@register.filter
def compact_amount(amount, unit):
    """Format a key figure in the active language: $147.5M, 147,5 млн долл. США, …"""
    amount = Decimal(amount)
    if unit == "usd":
        millions = (amount / MILLION).normalize()
        decimals = max(0, -millions.as_tuple().exponent)
        number = formats.number_format(millions, decimal_pos=min(decimals, 1), use_l10n=True)
        return pgettext("amount in millions of US dollars", "$%(amount)sM") % {"amount": number}
    return formats.number_format(amount.normalize(), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page to `page`: one query for the ancestors, none while the content is unchanged."""
    request = context["request"]

    def links():
        ancestors = page.get_ancestors().filter(depth__gt=1)
        return [(_("Home") if a.depth == 2 else a.title, a.get_url(request)) for a in ancestors]

    trail = remembered(request, f"trail:{request.get_host()}:{get_language()}:{page.pk}", links)
    return [MenuItem(title=title, url=url, is_current=False) for title, url in trail]


# Open Graph wants territory-qualified locales.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "tg": "tg_TJ"}


@register.simple_tag
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def directory_url(context):
    """The stakeholder directory in the active language, if the site has one."""
    from hub.models import StakeholderDirectoryPage

    directory = _section_page(context, StakeholderDirectoryPage)
    return directory.get_url(context["request"]) if directory else ""


@register.simple_tag(takes_context=True)
def events_page(context):
    """The events page in the active language, if the site has one."""
    from hub.models import EventIndexPage

    return _section_page(context, EventIndexPage)


@register.simple_tag(takes_context=True)
def library_page(context):
    """The sector document library in the active language, if the site has one."""
    from hub.models import DocumentLibraryPage

    return _section_page(context, DocumentLibraryPage)


@register.simple_tag(takes_context=True)
def about_page(context):
    """The about page in the active language, if the site has one everyone may read."""
    return _section_page(context, AboutPage, public=True)


def _section_page(context, model, public=False):
    """The live child of the localized home page of type `model`, kept until the content changes."""
    request = context["request"]

    def find():
        root = _localized_root(context)
        if root is None:
            return None
        pages = model.objects.child_of(root).live()
        # By id, not tree order: walking the tree in path order to the first row of a small table scans
        # every page before it (30 ms under 20,000 pages on PostgreSQL); there is one such page per language.
        return (pages.public() if public else pages).order_by("pk").first()

    name = f"section:{request.get_host()}:{get_language()}:{model._meta.label}:{public}"
    return kept_here(request, name, find)


@register.simple_tag
def described_field(field):
    """The field's widget, pointing screen readers at its help and its errors (the ids form_field.html renders)."""
    described_by = [f"{field.auto_id}_helptext"] if field.help_text else []
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
