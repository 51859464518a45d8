"""IATI files into the registry: idempotent, updating only what changed, refusing bad files with a reason."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from accounts.roles import EDITORS
from hub.models import Stakeholder
from projects import iati
from projects.demo import SAMPLE
from projects.importing import import_file
from projects.models import Finance, ImportRun, Participant, ProgressNote, Project

pytestmark = pytest.mark.django_db

TEACHERS = "XI-IATI-EC_INTPA-SAMPLE-TJ-TEACHERS"
EARLY_LEARNING = "XM-DAC-41122-SAMPLE-TJ-EARLY-LEARNING"


def snapshot():
    """Every registry row as plain values: what a second import must leave alone."""
    return {
        "projects": sorted(
            Project.objects.values_list(
                "locale__language_code", "iati_identifier", "title", "budget", "currency", "budget_usd", "status"
            )
        ),
        "participants": sorted(
            Participant.objects.values_list("project__iati_identifier", "stakeholder__code", "name", "role"),
            key=str,
        ),
        "finances": sorted(
            Finance.objects.values_list("project__iati_identifier", "kind", "year", "amount", "amount_usd"), key=str
        ),
        "notes": sorted(ProgressNote.objects.values_list("project__iati_identifier", "text")),
    }


def sample():
    return SAMPLE.read_bytes()


def english(identifier):
    return Project.objects.get(locale__language_code="en", iati_identifier=identifier)


def test_importing_the_demo_file_again_changes_nothing(demo):
    before = snapshot()
    report = import_file(sample())
    assert snapshot() == before
    assert (report.created, report.updated) == ([], [])
    assert len(report.unchanged) == 5
    assert {row["identifier"] for row in report.skipped} == {"46004-SAMPLE-KG-SCHOOLS", "44000-SAMPLE-TJ-HEALTH"}


def test_the_demo_file_is_read_as_it_says(demo):
    teachers = english(TEACHERS)
    # Three yearly budgets of EUR 4M, each at the rate of its year (1.082, 1.035, 1.16 USD).
    assert (teachers.budget, teachers.currency, teachers.budget_usd) == (
        Decimal("12000000.00"),
        "EUR",
        Decimal("13108000.00"),
    )
    assert (teachers.planned_start.isoformat(), teachers.actual_start.isoformat()) == ("2024-01-01", "2024-02-01")
    assert teachers.get_status_display() == "Active"
    roles = {(p.stakeholder.code if p.stakeholder else p.name, p.role) for p in teachers.participants.all()}
    assert roles == {("eu", "1"), ("cambridge-education", "4")}
    assert {region.code for region in teachers.regions.all()} == {"khatlon", "sughd"}
    assert teachers.sectors == "11130"
    early = english(EARLY_LEARNING)
    # Matched by IATI organisation identifier (UNICEF), by name (GPE), or kept by name (not in the directory).
    assert {(p.stakeholder.code if p.stakeholder else p.name) for p in early.participants.all()} == {
        "unicef",
        "gpe",
        "Aga Khan Foundation",
    }
    assert (early.currency, early.budget) == ("TJS", Decimal("38000000.00"))


def updated_sample():
    """The demo file as its publisher would update it: one budget revised and one title corrected."""
    text = sample().decode()
    text = text.replace(
        '<value value-date="2026-01-01">4000000</value>', '<value value-date="2026-01-01">5000000</value>'
    )
    return text.replace(
        "Teachers for competency-based education (sample)", "Teachers for competency-based schools (sample)"
    ).encode()


def test_an_updated_file_updates_only_what_changed_and_keeps_what_editors_added(demo):
    teachers = english(TEACHERS)
    russian = Project.objects.get(translation_key=teachers.translation_key, locale__language_code="ru")
    components = {area.code for area in teachers.areas_of_work.all()}
    notes = list(ProgressNote.objects.filter(project=teachers).values_list("text", flat=True))
    assert components and notes
    # An editor's own addition: an organisation the file does not name.
    teachers.participants.add(
        Participant(stakeholder=Stakeholder.objects.get(locale=teachers.locale, code="moes"), role="4")
    )
    teachers.save()
    others = {
        project.iati_identifier: project.updated_at
        for project in Project.objects.filter(locale=teachers.locale).exclude(pk=teachers.pk)
    }

    report = import_file(updated_sample())

    assert [row["identifier"] for row in report.updated] == [TEACHERS]
    assert set(report.updated[0]["fields"]) == {"title", "budget", "budget_usd", "finances"}
    assert report.created == []
    teachers = english(TEACHERS)
    assert teachers.title == "Teachers for competency-based schools (sample)"
    assert teachers.budget == Decimal("13000000.00")
    assert {area.code for area in teachers.areas_of_work.all()} == components
    assert list(ProgressNote.objects.filter(project=teachers).values_list("text", flat=True)) == notes
    assert "moes" in {p.stakeholder.code for p in teachers.participants.all() if p.stakeholder}
    # The translation keeps its own title and gets the new figures.
    russian.refresh_from_db()
    assert russian.title == "Учителя для компетентностного образования (пример)"
    assert russian.budget == Decimal("13000000.00")
    assert {
        project.iati_identifier: project.updated_at
        for project in Project.objects.filter(locale=teachers.locale).exclude(pk=teachers.pk)
    } == others
    # And that update, imported again, is unchanged.
    again = import_file(updated_sample())
    assert again.updated == [] and len(again.unchanged) == 5


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol3;</iati-identifier></iati-activity>
</iati-activities>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE a [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&secret;</iati-identifier></iati-activity>
</iati-activities>"""
REFUSED = {
    "malformed": (b"<iati-activities version='2.03'><iati-activity>", "line 1"),
    "not IATI": (b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "<iati-activities>"),
    "an old version": (b"<iati-activities version='1.05'/>", "1.05"),
    "an XML bomb": (BILLION_LAUGHS, "entities"),
    "an external entity": (EXTERNAL_ENTITY, "entities"),
    "not XML at all": (b"%PDF-1.7 binary", "line 1"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_file_changes_nothing_and_says_why(demo, case):
    data, reason = REFUSED[case]
    before = snapshot()
    with pytest.raises(iati.Refused) as refusal:
        import_file(data)
    assert reason in str(refusal.value)
    assert snapshot() == before


def test_an_oversized_file_is_refused_before_it_is_parsed(demo, monkeypatch):
    monkeypatch.setattr(iati, "MAX_BYTES", 1000)
    before = snapshot()
    with pytest.raises(iati.Refused, match="largest accepted"):
        import_file(sample())
    assert snapshot() == before


def test_refusals_are_in_the_editors_language(demo):
    for language, word in (("ru", "XML"), ("tg", "XML")):
        with translation.override(language), pytest.raises(iati.Refused) as refusal:
            import_file(REFUSED["not IATI"][0])
        message = str(refusal.value)
        assert word in message and not message.startswith("This is XML")
        assert re.search("[а-яё]", message.lower())


@pytest.fixture
def editor(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(email="editor@example.org")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def upload(client, data, name="activities.xml"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/admin/projects/import/", {"file": SimpleUploadedFile(name, data, "application/xml")})


def test_an_editor_imports_a_file_in_the_admin_and_reads_the_report(
    demo, client, editor, django_capture_on_commit_callbacks
):
    Project.objects.filter(iati_identifier=EARLY_LEARNING).delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, sample())
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/projects/import/{run.pk}/"
    report = client.get(response.url)
    text = report.content.decode()
    assert "Done: 1 created, 0 updated, 4 unchanged, 2 skipped." in text
    assert "Tajikistan (TJ) is not among its recipient countries." in text
    assert "Aga Khan Foundation" in text  # not in the directory: listed for the editor to add
    # 19M TJS at each year's rate (0.0915 and 0.0913 USD).
    assert english(EARLY_LEARNING).budget_usd == Decimal("3473200.00")
    assert (run.done, run.total) == (7, 7)


def test_a_refused_upload_says_why_in_the_admin_and_imports_nothing(
    demo, client, editor, django_capture_on_commit_callbacks
):
    before = snapshot()
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        response = upload(client, BILLION_LAUGHS, "bomb.xml")
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert str(ImportRun.objects.get().report["refused"]) in page
    assert snapshot() == before


def test_the_import_needs_the_right_to_add_projects(demo, client, django_user_model):
    client.force_login(django_user_model.objects.create_user(email="member@example.org"))
    assert upload(client, sample()).status_code in (302, 403)
    assert not ImportRun.objects.exists()


def test_the_command_imports_a_folder_and_reports(demo, tmp_path, capsys):
    (tmp_path / "a.xml").write_bytes(updated_sample())
    (tmp_path / "b.xml").write_bytes(b"not xml")
    with pytest.raises(CommandError, match="1 of 2 files refused"):
        call_command("import_iati", str(tmp_path))
    out = capsys.readouterr()
    assert "0 created, 1 updated, 4 unchanged, 2 skipped" in out.out
    assert "7/7 activities" in out.out
    assert "not well-formed" in out.err
    assert english(TEACHERS).budget == Decimal("13000000.00")


def test_a_currency_without_a_rate_is_reported_and_has_no_dollar_value(demo):
    text = sample().decode().replace('default-currency="EUR"', 'default-currency="GBP"')
    report = import_file(text.encode())
    assert any("GBP" in warning for warning in report.warnings)
    teachers = english(TEACHERS)
    assert (teachers.currency, teachers.budget_usd) == ("GBP", None)


def test_the_import_benchmark_creates_then_leaves_then_updates_and_cleans_up(demo, capsys):
    call_command("bench_iati", activities=20)
    out = capsys.readouterr().out
    assert "first import" in out and "20 created, 0 updated, 0 unchanged" in out
    assert "same file again" in out and "0 created, 0 updated, 20 unchanged" in out
    assert "one in ten changed" in out and "0 created, 2 updated, 18 unchanged" in out
    assert not Project.objects.filter(iati_identifier__startswith="XX-SYNTHETIC-").exists()
