"""The registry in templates: money in the reader's language, bar charts as plain SVG, figures for the home page."""

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.db.models import Count, Max, Q, Sum
from django.utils import formats
from django.utils.translation import pgettext

from home.pagecache import remembered
from home.templatetags.site_tags import _section_page as section_page
from home.templatetags.site_tags import compact_amount
from projects.models import Participant, ProjectsPage
from projects.registry import DONOR, originals

register = template.Library()

# The chart's drawing units: 12-unit text is 12 px when the chart is 320 px wide, as on a small phone; the
# longest amount ("147,5 млн доллари ИМА") needs about 140 of them beside its bar.
CHART_WIDTH, ROW_HEIGHT, BAR_HEIGHT, LABEL_GAP, VALUE_SPACE = 320, 36, 12, 16, 150


@register.filter
def money(amount, currency="USD"):
    """A whole amount in the reader's language: $1,250,000 · 1 250 000 $ · 1 250 000 EUR."""
    if amount in (None, ""):
        return ""
    number = formats.number_format(
        Decimal(amount).quantize(Decimal(1)), decimal_pos=0, use_l10n=True, force_grouping=True
    )
    if currency == "USD":
        return pgettext("amount in US dollars", "$%(amount)s") % {"amount": number}
    return pgettext("amount in another currency", "%(amount)s %(currency)s") % {"amount": number, "currency": currency}


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    label_y: int
    bar_y: int
    width: float
    value_x: float


@register.simple_tag
def bar_chart(rows, value_of, label_of="label", share_of="share"):
    """Bars for `rows` (each with a label, a 0–1 share and an amount), positioned for `projects/chart.html`."""
    bars = []
    room = CHART_WIDTH - VALUE_SPACE
    for position, row in enumerate(rows):
        share = getattr(row, share_of)
        width = round(max(share * room, 1 if getattr(row, value_of) else 0), 1)
        top = position * ROW_HEIGHT
        bars.append(
            Bar(
                label=str(getattr(row, label_of)),
                value=compact_amount(getattr(row, value_of), "usd"),
                label_y=top + 12,
                bar_y=top + LABEL_GAP,
                width=width,
                value_x=width + 4,
            )
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": len(bars) * ROW_HEIGHT, "bar_height": BAR_HEIGHT}


@dataclass(frozen=True)
class Figure:
    amount: Decimal
    unit: str
    label: str


@register.simple_tag(takes_context=True)
def registry_figures(context, figures):
    """The figures of a key-figures section as shown, and the registry's date if any comes from it.

    A figure whose editor chose a registry source shows the registry's number
    while the registry holds one (projects, or the donor's projects), else the
    amount typed. All of them cost one query together, made once while the content is unchanged.
    """
    aggregates = {"count": Count("pk"), "total": Sum("budget_usd"), "latest": Max("updated_at")}
    for position, figure in enumerate(figures):
        if figure.get("source") == "registry_donor" and figure.get("donor"):
            donors = Participant.objects.filter(
                role=DONOR, stakeholder__translation_key=figure["donor"].translation_key
            )
            aggregates[f"donor_{position}"] = Sum("budget_usd", filter=Q(pk__in=donors.values("project_id")))
    found = {}
    if any(figure.get("source") for figure in figures):
        asked = ",".join(
            f"{figure.get('source')}:{figure['donor'].translation_key if figure.get('donor') else ''}"
            for figure in figures
        )
        found = remembered(context["request"], f"registry-figures:{asked}", lambda: originals().aggregate(**aggregates))
    shown, from_registry = [], False
    for position, figure in enumerate(figures):
        amount, unit = {
            "registry_count": (Decimal(found.get("count") or 0) or None, "count"),
            "registry_total": (found.get("total"), "usd"),
            "registry_donor": (found.get(f"donor_{position}"), "usd"),
        }.get(figure.get("source") or "", (None, None))
        from_registry |= amount is not None
        shown.append(
            Figure(amount, unit, figure["label"])
            if amount is not None
            else Figure(figure["amount"], figure["unit"], figure["label"])
        )
    return {"figures": shown, "as_of": found.get("latest") if from_registry else None}


@register.simple_tag(takes_context=True)
def projects_page(context):
    """The projects registry's page in the active language, if the site has one."""
    return section_page(context, ProjectsPage)
