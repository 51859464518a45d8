"""The registry as readers see it: totals, charts and the matrix on a hand-checked fixture, filters, bounded SQL."""

import datetime
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from hub.models import AreaOfWork, Region, Stakeholder
from projects.models import Finance, Participant, Project

pytestmark = pytest.mark.django_db

LIST = "/{}/projects/"
MATRIX = "/{}/projects/who-does-what-where/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def make(title, donors, budget, regions, components, start, end, partners=(), finances=()):
    english = Locale.objects.get(language_code="en")
    project = Project(
        locale=english,
        title=title,
        slug=title.lower().replace(" ", "-"),
        budget=Decimal(budget),
        budget_usd=Decimal(budget),
        planned_start=datetime.date(start, 1, 1),
        planned_end=datetime.date(end, 12, 31),
    )
    stakeholders = {s.code: s for s in Stakeholder.objects.filter(locale=english)}
    project.participants = [Participant(stakeholder=stakeholders[c], role="1") for c in donors] + [
        Participant(stakeholder=stakeholders[c], role="4") for c in partners
    ]
    project.finances = [Finance(kind=k, year=y, amount=Decimal(a), amount_usd=Decimal(a)) for k, y, a in finances]
    project.regions = list(Region.objects.filter(locale=english, code__in=regions))
    project.areas_of_work = list(AreaOfWork.objects.filter(locale=english, code__in=components))
    project.save()
    return project


@pytest.fixture
def fixture_projects(demo):
    """Four projects whose totals are worked out by hand below."""
    Project.objects.all().delete()
    make(
        "Alpha",
        ["eu"],
        1_000_000,
        ["khatlon"],
        ["teacher-training"],
        2024,
        2026,
        ["unicef"],
        [("budget", 2024, 400_000)],
    )
    make(
        "Beta",
        ["adb"],
        3_000_000,
        ["khatlon", "sughd"],
        ["teacher-training"],
        2026,
        2028,
        (),
        [("budget", 2026, 900_000)],
    )
    # The same component and region, but years that never meet Alpha's or Beta's: no overlap with them alone.
    make("Gamma", ["world-bank"], 500_000, ["sughd"], ["teacher-training"], 2020, 2021)
    make(
        "Delta",
        ["eu", "gpe"],
        2_000_000,
        ["gbao"],
        ["early-childhood"],
        2024,
        2025,
        (),
        [("disbursement", 2024, 250_000)],
    )


def table(page, chart):
    rows = page.select(f"#table-{chart} tbody tr")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in rows]


def test_totals_by_donor_component_region_and_year_are_right(client, fixture_projects):
    page = soup(client.get(LIST.format("en")))
    # Delta is co-funded: it counts in full for the EU and for GPE.
    assert table(page, "donor") == [
        ["ADB", "$3,000,000", "1"],
        ["EU", "$3,000,000", "2"],
        ["GPE", "$2,000,000", "1"],
        ["WB", "$500,000", "1"],
    ]
    assert table(page, "component") == [
        ["Teacher training", "$4,500,000", "3"],
        ["Early childhood education", "$2,000,000", "1"],
    ]
    assert table(page, "region") == [
        ["Khatlon region", "$4,000,000", "2"],
        ["Sughd region", "$3,500,000", "2"],
        ["Gorno-Badakhshan Autonomous Region", "$2,000,000", "1"],
    ]
    assert table(page, "year") == [["2024", "$400,000", "$0", "$250,000"], ["2026", "$900,000", "$0", "$0"]]
    # The bars: one per row, the largest full width, the others in proportion.
    bars = page.select("#chart-donor + svg rect")
    widths = [float(bar["width"]) for bar in bars]
    assert len(widths) == 4 and widths[0] == widths[1] == max(widths)
    assert widths[2] == pytest.approx(widths[0] * 2 / 3, abs=0.1) and widths[3] == pytest.approx(widths[0] / 6, abs=0.1)
    assert page.select_one("#chart-donor + svg")["role"] == "img"
    assert "4 projects, $6,500,000 in all" in page.select_one(".results-bar [role=status]").get_text(" ", strip=True)


def test_kept_totals_follow_a_change_to_the_registry_at_once(client, fixture_projects):
    """The list's facets and totals are kept between requests (projects.views.listing), never past a change."""
    status = soup(client.get(LIST.format("en"))).select_one(".results-bar [role=status]")
    assert "4 projects, $6,500,000 in all" in status.get_text(" ", strip=True)
    project = Project.objects.filter(locale__language_code="en", budget_usd=Decimal(500_000)).get()
    project.budget_usd = Decimal(1_500_000)
    project.save()
    page = soup(client.get(LIST.format("en")))
    assert "4 projects, $7,500,000 in all" in page.select_one(".results-bar [role=status]").get_text(" ", strip=True)
    assert ["WB", "$1,500,000", "1"] in table(page, "donor")


def cell(page, region, component):
    components = [th.get_text(strip=True) for th in page.select(".matrix thead th")]
    for row in page.select(".matrix tbody tr"):
        if row.th.get_text(strip=True) == region:
            return row.find_all("td")[components.index(component)]
    raise AssertionError(region)


def test_the_matrix_names_donors_and_budgets_and_marks_overlaps(client, fixture_projects):
    page = soup(client.get(MATRIX.format("en")))
    khatlon = cell(page, "Khatlon region", "Teacher training")
    # EU (2024–26) and ADB (2026–28) both fund teacher training in Khatlon in 2026.
    assert "overlap" in khatlon["class"]
    assert khatlon.select_one(".donors").get_text() == "ADB, EU"
    assert khatlon.select_one(".amount").get_text() == "$4M"
    link = khatlon.a["href"]
    assert "region=khatlon" in link and "component=teacher-training" in link
    # ADB (2026–28) and the World Bank (2020–21) in Sughd never run at the same time.
    sughd = cell(page, "Sughd region", "Teacher training")
    assert "overlap" not in (sughd.get("class") or [])
    assert sughd.select_one(".donors").get_text() == "ADB, WB"
    # One co-funded project is co-financing, not duplication.
    assert "overlap" not in (
        cell(page, "Gorno-Badakhshan Autonomous Region", "Early childhood education").get("class") or []
    )
    assert "1 possible overlap" in page.select_one("p[role=status]").get_text()
    assert [li.get_text(" ", strip=True) for li in page.select("ul.overlaps li")] == [
        "Khatlon region · Teacher training : ADB, EU"
    ]
    # Following a cell's link lists exactly the projects behind it.
    listed = soup(client.get(link))
    assert [a.get_text(strip=True) for a in listed.select(".project-list h2 a")] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    "query, titles",
    [
        ("donor=eu", ["Alpha", "Delta"]),
        ("partner=unicef", ["Alpha"]),
        ("component=early-childhood", ["Delta"]),
        ("region=sughd", ["Beta", "Gamma"]),
        ("year=2021", ["Gamma"]),
        ("year=2026&sort=budget", ["Beta", "Alpha"]),
        ("sort=start", ["Beta", "Alpha", "Delta", "Gamma"]),
        ("donor=no-such-donor", []),
        ("year=abc", []),
        ("year=99999999999999999999", []),
    ],
)
def test_filters_and_sorts_select_the_right_projects(client, fixture_projects, query, titles):
    page = soup(client.get(LIST.format("en") + "?" + query))
    assert [a.get_text(strip=True) for a in page.select(".project-list h2 a")] == titles
    if not titles:
        assert "No project matches" in page.select_one(".project-list").get_text()


def test_a_facet_counts_what_it_would_show_under_the_other_filters(client, fixture_projects):
    page = soup(client.get(LIST.format("en") + "?region=khatlon"))
    donors = {a["data-code"]: a.select_one(".count").get_text() for a in page.select("#facet-donor ~ ul a")}
    assert donors == {"adb": "(1)", "eu": "(1)"}
    regions = {a["data-code"] for a in page.select("#facet-region ~ ul a")}
    assert regions == {"khatlon", "sughd", "gbao"}  # its own facet ignores the region chosen


def bulk_projects(count, start=0):
    """`count` projects with donors, partners, places and money, written in a few statements."""
    english = Locale.objects.get(language_code="en")
    stakeholders = list(Stakeholder.objects.filter(locale=english))
    regions = list(Region.objects.filter(locale=english))
    areas = list(AreaOfWork.objects.filter(locale=english))
    projects = Project.objects.bulk_create(
        [
            Project(
                locale=english,
                title=f"Synthetic project {n}",
                slug=f"synthetic-{n}",
                budget=Decimal(1000 + n),
                budget_usd=Decimal(1000 + n),
                planned_start=datetime.date(2020 + n % 6, 1, 1),
                planned_end=datetime.date(2024 + n % 6, 12, 31),
            )
            for n in range(start, start + count)
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(project=p, stakeholder=stakeholders[n % len(stakeholders)], role="1")
            for n, p in enumerate(projects)
        ]
        + [
            Participant(project=p, stakeholder=stakeholders[(n + 3) % len(stakeholders)], role="4")
            for n, p in enumerate(projects)
        ]
    )
    Finance.objects.bulk_create(
        [Finance(project=p, kind="budget", year=2022, amount=100, amount_usd=100) for p in projects]
    )
    Project.regions.through.objects.bulk_create(
        [Project.regions.through(project=p, region=regions[n % len(regions)]) for n, p in enumerate(projects)]
    )
    Project.areas_of_work.through.objects.bulk_create(
        [Project.areas_of_work.through(project=p, areaofwork=areas[n % len(areas)]) for n, p in enumerate(projects)]
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_registry_needs_as_many_queries_for_2000_projects_as_for_10(client, demo, django_assert_max_num_queries):
    Project.objects.all().delete()
    bulk_projects(10)
    urls = [url.format("ru") for url in (LIST, LIST + "?donor=eu&year=2023&sort=budget", MATRIX, LIST + "data/json/")]
    few = {url: queries(client, url) for url in urls}
    bulk_projects(1990, start=10)
    for url in urls:
        with django_assert_max_num_queries(few[url]):
            assert client.get(url).status_code == 200
        assert few[url] <= 40, url


def test_open_data_has_its_documented_shape_and_the_lists_filters(client, fixture_projects):
    data = json.loads(client.get(LIST.format("en") + "data/json/?donor=eu").content)
    assert data["schema_version"] == 1 and data["licence"]["name"] == "CC BY 4.0"
    assert data["filters"] == {"donor": "eu"} and data["count"] == 2
    alpha = data["projects"][0]
    assert alpha["title"] == "Alpha" and alpha["url"].endswith("/en/projects/alpha/")
    assert alpha["budget"] == {
        "amount": "1000000.00",
        "currency": "USD",
        "usd": "1000000.00",
        "usd_rate": None,
        "usd_rate_date": None,
    }
    assert alpha["donors"] == [{"code": "eu", "name": "EU", "iati_ref": None}]
    assert alpha["implementing_partners"][0]["code"] == "unicef"
    assert alpha["regions"] == [{"code": "khatlon", "name": "Khatlon region"}]
    assert alpha["finances"] == [
        {"year": 2024, "kind": "budget", "amount": "400000.00", "currency": "USD", "usd": "400000.00"}
    ]
    response = client.get(LIST.format("ru") + "data/csv/?donor=eu")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("slug,iati_identifier,title,status")
    assert [line.split(",")[0] for line in lines[1:]] == ["alpha", "delta"]
