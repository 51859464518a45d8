"""CSV export and import of the stakeholder directory for editors.

Rows are the source-language stakeholders; translators translate the
descriptions afterwards. An import is all or nothing: any bad row is
reported by its line number and nothing is changed.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from hub.taxonomy import AreaOfWork, Region
from hub.text import decode_text

from .models import Stakeholder

COLUMNS = ["code", "name", "acronym", "category", "website", "email", "description", "areas_of_work", "regions"]
MAX_BYTES = 2 * 1024 * 1024
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LIMITS = {"name": 200, "acronym": 30, "code": 40}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The cell as text a spreadsheet shows rather than runs: behind an apostrophe, as OWASP advises."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def from_spreadsheet_safe(value):
    """What `spreadsheet_safe` wrote, as it was: an export imports back unchanged."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def export_csv():
    locale = Locale.get_default()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in Stakeholder.objects.filter(locale=locale).prefetch_related("areas_of_work", "regions").order_by("code"):
        cells = [
            row.code,
            row.name,
            row.acronym,
            row.category,
            row.website,
            row.email,
            row.description,
            ";".join(sorted(area.code for area in row.areas_of_work.all())),
            ";".join(sorted(region.code for region in row.regions.all())),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0


def _codes(value):
    return [code.strip() for code in value.split(";") if code.strip()]


def _check_row(line, row, known_areas, known_regions, seen):
    errors = []
    for name in ("code", "name"):
        if not row[name]:
            errors.append(_("Line %(line)s: %(column)s is required.") % {"line": line, "column": name})
    for name, limit in LIMITS.items():
        if len(row[name]) > limit:
            errors.append(
                _("Line %(line)s: %(column)s is longer than %(limit)s characters.")
                % {"line": line, "column": name, "limit": limit}
            )
    if row["code"] and not CODE.match(row["code"]):
        errors.append(
            _("Line %(line)s: code “%(code)s” may hold only lower-case letters, digits and hyphens.")
            % {"line": line, "code": row["code"]}
        )
    if row["code"] in seen:
        errors.append(
            _("Line %(line)s: code “%(code)s” is also on line %(other)s.")
            % {"line": line, "code": row["code"], "other": seen[row["code"]]}
        )
    seen.setdefault(row["code"], line)
    if row["category"] and row["category"] not in Stakeholder.Category.values:
        errors.append(
            _("Line %(line)s: unknown category “%(value)s”; use one of %(choices)s.")
            % {"line": line, "value": row["category"], "choices": ", ".join(Stakeholder.Category.values)}
        )
    for name, validator in (("website", URLValidator()), ("email", validate_email)):
        if row[name]:
            try:
                validator(row[name])
            except ValidationError:
                errors.append(
                    _("Line %(line)s: “%(value)s” is not a valid %(column)s.")
                    % {"line": line, "value": row[name], "column": name}
                )
    for name, known in (("areas_of_work", known_areas), ("regions", known_regions)):
        unknown = [code for code in _codes(row[name]) if code not in known]
        if unknown:
            errors.append(
                _("Line %(line)s: unknown %(column)s: %(codes)s.")
                % {"line": line, "column": name, "codes": ", ".join(unknown)}
            )
    return errors


def import_csv(uploaded):
    """Check every row, then create or update them all, or change nothing and report each bad row."""
    result = ImportResult()
    if uploaded.size > MAX_BYTES:
        result.errors.append(_("The file is larger than 2 MB."))
        return result
    text = decode_text(uploaded.read())
    if "\x00" in text:
        # No spreadsheet saves a NUL byte, and PostgreSQL cannot store one: the file is not the directory's CSV.
        result.errors.append(
            _("Line %(line)s holds a NUL byte, which no CSV file has. Save the file again as “CSV UTF-8”.")
            % {"line": text.count("\n", 0, text.index("\x00")) + 1}
        )
        return result
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(
            _("The first line must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
        return result

    locale = Locale.get_default()
    areas = {row.code: row for row in AreaOfWork.objects.filter(locale=locale)}
    regions = {row.code: row for row in Region.objects.filter(locale=locale)}
    rows, seen = [], {}
    try:
        for line, raw in enumerate(reader, start=2):
            row = {column: from_spreadsheet_safe(raw.get(column) or "").strip() for column in COLUMNS}
            result.errors += _check_row(line, row, areas, regions, seen)
            rows.append(row)
    except csv.Error:
        # A cell beyond the csv module's size limit: no directory row is that long.
        result.errors.append(
            _("Line %(line)s cannot be read as CSV. Save the file again as “CSV UTF-8”.")
            % {"line": reader.line_num + 1}
        )
        return result
    if result.errors:
        return result

    with transaction.atomic():
        for row in rows:
            fields = {name: row[name] for name in COLUMNS[1:7]}
            stakeholder, created = Stakeholder.objects.update_or_create(
                locale=locale, code=row["code"], defaults=fields
            )
            stakeholder.areas_of_work = [areas[code] for code in _codes(row["areas_of_work"])]
            stakeholder.regions = [regions[code] for code in _codes(row["regions"])]
            stakeholder.save()
            result.created += created
            result.updated += not created
    return result
