"""Demo content of the registry: illustrative exchange rates, the sample IATI file, and what editors add to it.

The sample file (`data/sample-iati.xml`) is imported as an editor would
import it; `data/projects.<lang>.json` then adds the editors' part (CBE
components, progress notes) and the Russian and Tajik texts through
wagtail-localize. Loading again changes nothing: the import is idempotent.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from wagtail.models import Locale

from home.demo import SOURCE_LANGUAGE, read_data, translate
from hub.demo import upsert_page
from hub.taxonomy import AreaOfWork

from .importing import import_file
from .models import ExchangeRate, ProgressNote, Project, ProjectsPage

DATA_DIR = Path(__file__).resolve().parent / "data"
SAMPLE = DATA_DIR / "sample-iati.xml"


def load_projects(home):
    data = read_data("projects", SOURCE_LANGUAGE, DATA_DIR)
    for row in json.loads((DATA_DIR / "exchange_rates.json").read_text(encoding="utf-8"))["rates"]:
        ExchangeRate.objects.update_or_create(
            currency=row["currency"],
            date=datetime.date.fromisoformat(row["date"]),
            defaults={"usd": Decimal(row["usd"])},
        )
    import_file(SAMPLE.read_bytes())
    english = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    for row in data["projects"]:
        project = Project.objects.get(locale=english, slug=row["slug"])
        project.areas_of_work = list(AreaOfWork.objects.filter(locale=english, code__in=row["area_codes"]))
        # Notes already there keep their rows, so their translations stay attached.
        existing = {note.text: note for note in project.progress_notes.all()}
        project.progress_notes = [
            existing.get(note["text"])
            or ProgressNote(date=datetime.date.fromisoformat(note["date"]), text=note["text"], locale=english)
            for note in row["progress"]
        ]
        project.save()
        translate(project, "projects", DATA_DIR, prepare=lambda data, slug=row["slug"]: only(data, slug))
    page = upsert_page(home, ProjectsPage, "projects", show_in_menus=False, **data["page"])
    translate(page, "projects", DATA_DIR, prepare=lambda data: data["page"])
    return page


def only(data, slug):
    """The strings of one project in a data file (the file lists them all)."""
    return next(row for row in data["projects"] if row["slug"] == slug)
