"""The registry as open data: the filtered list as CSV and as JSON of a documented, stable shape (see README).

Amounts are strings of decimal numbers, so no figure is rounded on its way
through a float; dates are ISO 8601; organisations, components and regions
are named by their language-independent codes, with names in the reader's
language beside them.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language

from hub.directory.csv import spreadsheet_safe

from . import registry
from .views import filtered_view, ordered

SCHEMA_VERSION = 1
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def text(value):
    return "" if value is None else str(value)


def organisations(project, labels, role):
    return [
        {key: row[key] for key in ("code", "name", "iati_ref")}
        for row in registry.organisations(project, labels, lambda own: own == role)
    ]


def record(project, labels, page_url):
    def day(value):
        return value.isoformat() if value else None

    return {
        "slug": project.slug,
        "url": f"{page_url}{project.slug}/",
        "iati_identifier": project.iati_identifier or None,
        "title": project.display_title,
        "status": project.status,
        "status_label": str(project.get_status_display()),
        "planned_start": day(project.planned_start),
        "planned_end": day(project.planned_end),
        "actual_start": day(project.actual_start),
        "actual_end": day(project.actual_end),
        "budget": {
            "amount": text(project.budget) or None,
            "currency": project.currency,
            "usd": text(project.budget_usd) or None,
            "usd_rate": text(project.usd_rate) or None,
            "usd_rate_date": day(project.usd_rate_date),
        },
        "donors": organisations(project, labels, registry.DONOR),
        "implementing_partners": organisations(project, labels, registry.PARTNER),
        "components": [
            {"code": a.code, "name": str(labels.components.get(a.code, a))} for a in project.areas_of_work.all()
        ],
        "regions": [{"code": r.code, "name": str(labels.regions.get(r.code, r))} for r in project.regions.all()],
        "district": project.district or None,
        "sectors": project.sectors.split(),
        "finances": [
            {
                "year": row.year,
                "kind": row.kind,
                "amount": text(row.amount),
                "currency": row.currency,
                "usd": text(row.amount_usd) or None,
            }
            for row in project.finances.all()
        ],
    }


def selection(request, page):
    filters, projects, labels, _facets = filtered_view(request, page)
    registry.annotate(projects, labels)
    return filters, ordered(filters, projects), labels


def json_view(request, page):
    filters, projects, labels = selection(request, page)
    page_url = page.get_full_url(request)
    data = {
        "schema_version": SCHEMA_VERSION,
        "licence": LICENCE,
        "source": page_url,
        "language": get_language(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "filters": filters.selected,
        "count": len(projects),
        "projects": [record(project, labels, page_url) for project in projects],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


COLUMNS = [
    "slug",
    "iati_identifier",
    "title",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "budget_usd",
    "usd_rate",
    "usd_rate_date",
    "donors",
    "implementing_partners",
    "components",
    "regions",
    "district",
    "sectors",
    "url",
]


def csv_view(request, page):
    _filters, projects, labels = selection(request, page)
    page_url = page.get_full_url(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for project in projects:
        row = record(project, labels, page_url)
        budget = row["budget"]
        cells = [
            row["slug"],
            row["iati_identifier"],
            row["title"],
            row["status"],
            row["planned_start"],
            row["planned_end"],
            row["actual_start"],
            row["actual_end"],
            budget["amount"],
            budget["currency"],
            budget["usd"],
            budget["usd_rate"],
            budget["usd_rate_date"],
            "; ".join(o["name"] for o in row["donors"]),
            "; ".join(o["name"] for o in row["implementing_partners"]),
            ";".join(c["code"] for c in row["components"]),
            ";".join(r["code"] for r in row["regions"]),
            row["district"],
            " ".join(row["sectors"]),
            row["url"],
        ]
        writer.writerow([spreadsheet_safe(text(cell)) for cell in cells])
    # A BOM so that Excel opens Cyrillic names as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projects.csv"'
    return response
