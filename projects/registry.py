"""The registry as a reader sees it: filters, totals, and who does what where.

Every view loads the filtered projects once, with their organisations,
components, regions and money prefetched, and computes in Python: the number
of queries is the same with 2,000 projects as with 10. Figures always come
from the source-language rows (see models); only titles are taken from the
reader's language.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hub.directory.models import Stakeholder
from hub.filters import LinkFilters
from hub.taxonomy import AreaOfWork, Region

from .models import Finance, Participant, Project

ZERO = Decimal(0)
DONOR, PARTNER = Participant.Role.FUNDING, Participant.Role.IMPLEMENTING


def originals():
    """The registry's projects: the source-language rows, which hold the figures."""
    # By language code, a join, rather than Locale.get_default(), a query of its own on every call.
    return Project.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class OrganisationFacet:
    param: str
    label: str
    role: str

    def restrict(self, projects, value):
        return projects.filter(
            pk__in=Participant.objects.filter(role=self.role, stakeholder__code=value).values("project_id")
        )


@dataclass(frozen=True)
class VocabularyFacet:
    param: str
    label: str
    field_name: str

    def restrict(self, projects, value):
        return projects.filter(**{f"{self.field_name}__code": value}).distinct()


@dataclass(frozen=True)
class StatusFacet:
    param: str
    label: str

    def restrict(self, projects, value):
        return projects.filter(status=value)


@dataclass(frozen=True)
class YearFacet:
    """Projects running at some time in a calendar year (a bad year matches nothing rather than failing)."""

    param: str
    label: str

    def restrict(self, projects, value):
        if not (value.isdigit() and 1900 <= int(value) <= 2200):
            return projects.none()
        year = int(value)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        started = projects.filter(actual_start__lte=last) | projects.filter(
            actual_start__isnull=True, planned_start__lte=last
        )
        return started.exclude(actual_end__lt=first).exclude(actual_end__isnull=True, planned_end__lt=first)


FACETS = [
    OrganisationFacet("donor", _("Donor"), DONOR),
    OrganisationFacet("partner", _("Implementing partner"), PARTNER),
    VocabularyFacet("component", _("CBE component"), "areas_of_work"),
    VocabularyFacet("region", _("Region"), "regions"),
    StatusFacet("status", _("Status")),
    YearFacet("year", _("Year")),
]


class ProjectFilter(LinkFilters):
    facet_types = FACETS
    sorts = {
        "title": (_("A–Z"), ("title", "pk")),
        "budget": (_("Largest budget"), ("-budget_usd", "title", "pk")),
        "start": (_("Newest start"), ("-actual_start", "-planned_start", "title", "pk")),
        "end": (_("Ending soonest"), ("actual_end", "planned_end", "title", "pk")),
    }


def loaded(projects):
    """`projects` with everything the registry's views read, in a fixed number of queries."""
    return list(
        projects.prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("stakeholder").order_by("sort_order")),
            Prefetch("finances", queryset=Finance.objects.order_by("year", "kind")),
            "areas_of_work",
            "regions",
        )
    )


@dataclass
class Labels:
    """Names in the reader's language: organisations, components, regions, and project titles."""

    organisations: dict
    components: dict
    regions: dict
    titles: dict = field(default_factory=dict)

    @classmethod
    def for_projects(cls, projects):
        labels = cls(
            organisations=Stakeholder.labels(
                {p.stakeholder.code for project in projects for p in project.participants.all() if p.stakeholder}
            ),
            components=AreaOfWork.labels(),
            regions=Region.labels(),
        )
        language = get_language()
        if language != settings.LANGUAGE_CODE:
            labels.titles = dict(
                Project.objects.filter(
                    locale__language_code=language,
                    translation_key__in=[project.translation_key for project in projects],
                ).values_list("translation_key", "title")
            )
        return labels

    def organisation(self, participant, full=False):
        """The organisation's acronym (or its full name) in the reader's language, or the name the source gave."""
        if participant.stakeholder is None:
            return participant.name
        row = self.organisations.get(participant.stakeholder.code, participant.stakeholder)
        return row.name if full else row.short_name

    def title(self, project):
        return self.titles.get(project.translation_key, project.title)

    def is_translated(self, project):
        return not self.titles or project.translation_key in self.titles


def organisations(project, labels, wanted, full=False):
    """The project's organisations whose role passes `wanted`, named in the reader's language."""
    return [
        {
            "code": p.stakeholder.code if p.stakeholder else None,
            "name": labels.organisation(p, full=full),
            "iati_ref": p.iati_ref or None,
            "role": p.get_role_display(),
        }
        for p in project.participants.all()
        if wanted(p.role)
    ]


def donors(project):
    return {p.stakeholder.code for p in project.participants.all() if p.role == DONOR and p.stakeholder}


def annotate(projects, labels):
    """Give each project what a listing shows: its title in the reader's language, donors, partners, places."""
    for project in projects:
        project.display_title = labels.title(project)
        project.translated = labels.is_translated(project)
        people = project.participants.all()
        project.donor_names = [labels.organisation(p) for p in people if p.role == DONOR]
        project.partner_names = [labels.organisation(p) for p in people if p.role == PARTNER]
        project.component_names = [str(labels.components.get(a.code, a)) for a in project.areas_of_work.all()]
        project.region_names = [str(labels.regions.get(r.code, r)) for r in project.regions.all()]
    return projects


@dataclass
class Total:
    code: str
    label: str
    usd: Decimal = ZERO
    projects: int = 0
    share: float = 0.0


def totals_by(projects, keys, label_of):
    """Budgets in US dollars summed by `keys(project)` (each key gets a project's whole budget)."""
    found = {}
    for project in projects:
        for key in keys(project):
            total = found.setdefault(key, Total(key, label_of(key)))
            total.usd += project.budget_usd or ZERO
            total.projects += 1
    ordered = sorted(found.values(), key=lambda total: (-total.usd, total.label.casefold()))
    largest = max((total.usd for total in ordered), default=ZERO)
    for total in ordered:
        total.share = float(total.usd / largest) if largest else 0.0
    return ordered


@dataclass
class YearTotal:
    year: int
    budget: Decimal = ZERO
    commitment: Decimal = ZERO
    disbursement: Decimal = ZERO
    share: float = 0.0


def totals_by_year(projects):
    years = {}
    for project in projects:
        for row in project.finances.all():
            if row.amount_usd is None or row.kind == Finance.Kind.EXPENDITURE:
                continue
            total = years.setdefault(row.year, YearTotal(row.year))
            setattr(total, row.kind, getattr(total, row.kind) + row.amount_usd)
    ordered = [years[year] for year in sorted(years)]
    largest = max((total.budget for total in ordered), default=ZERO)
    for total in ordered:
        total.share = float(total.budget / largest) if largest else 0.0
    return ordered


def totals(projects, labels):
    organisations = labels.organisations
    return {
        "donor": totals_by(
            projects, donors, lambda code: organisations[code].short_name if code in organisations else code
        ),
        "component": totals_by(
            projects,
            lambda p: [a.code for a in p.areas_of_work.all()],
            lambda code: str(labels.components.get(code, code)),
        ),
        "region": totals_by(
            projects, lambda p: [r.code for r in p.regions.all()], lambda code: str(labels.regions.get(code, code))
        ),
        "year": totals_by_year(projects),
    }


@dataclass
class Cell:
    region: str
    component: str
    region_label: str = ""
    component_label: str = ""
    projects: list = field(default_factory=list)
    donors: list = field(default_factory=list)
    usd: Decimal = ZERO
    overlap: bool = False
    url: str = ""


def years_overlap(first, second):
    a, b = first.years(), second.years()
    return bool(a and b and a.start <= b[-1] and b.start <= a[-1])


def duplicated(projects):
    """Two projects with different donors running at the same time: the duplication the LEG exists to avoid."""
    for index, first in enumerate(projects):
        for second in projects[index + 1 :]:
            funders = donors(first) | donors(second)
            if len(funders) >= 2 and donors(first) != donors(second) and years_overlap(first, second):
                return True
    return False


def matrix(projects, labels, url):
    """Rows of cells, regions × components; `url(region, component)` links to the projects behind a cell."""
    regions = sorted(labels.regions.values(), key=lambda row: row.code)
    components = sorted(labels.components.values(), key=lambda row: str(row).casefold())
    cells = {(r.code, c.code): Cell(r.code, c.code, str(r), str(c)) for r in regions for c in components}
    for project in projects:
        for region in project.regions.all():
            for component in project.areas_of_work.all():
                cell = cells.get((region.code, component.code))
                if cell:
                    cell.projects.append(project)
                    cell.usd += project.budget_usd or ZERO
    for cell in cells.values():
        codes = sorted({code for project in cell.projects for code in donors(project)})
        cell.donors = [
            labels.organisations[code].short_name if code in labels.organisations else code for code in codes
        ]
        cell.overlap = duplicated(cell.projects)
        cell.url = url(cell.region, cell.component)
    return {
        "regions": regions,
        "components": components,
        "rows": [(region, [cells[(region.code, c.code)] for c in components]) for region in regions],
        # In the table's order: region by region.
        "overlaps": [cells[(r.code, c.code)] for r in regions for c in components if cells[(r.code, c.code)].overlap],
    }
