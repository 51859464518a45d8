"""Our Tajik catalogs for Wagtail, wagtail-localize and allauth: well formed, and what a Tajik admin gets."""

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import tajik_admin_client
from translations import catalogs


def our_entries():
    for package in catalogs.PACKAGES:
        for domain in catalogs.DOMAINS:
            path = catalogs.our_catalog_path(package, domain)
            if path.exists():
                for entry in polib.pofile(str(path)):
                    yield package, domain, entry


def test_every_translation_keeps_the_placeholders_of_its_english():
    """A placeholder lost or misspelt in a translation breaks the screen that formats it, for Tajik readers only."""

    def placeholders(text):
        return sorted(catalogs.PLACEHOLDER.findall(text))

    broken = []
    for package, _domain, entry in our_entries():
        if entry.msgid_plural:
            # The singular may say "one" for its count; the plural must format every value.
            wanted = placeholders(entry.msgid_plural)
            one, many = catalogs.forms(entry)
            if placeholders(many) != wanted or not set(placeholders(one)) <= set(wanted):
                broken.append((package, entry.msgid, entry.msgstr_plural))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            broken.append((package, entry.msgid, entry.msgstr))
    assert broken == []


def test_our_catalogs_hold_only_the_packages_own_strings_and_are_compiled():
    for package, domain, entry in our_entries():
        assert entry.msgid in catalogs.package_msgids(package, domain), (package, entry.msgid)
    for package in catalogs.PACKAGES:
        for domain in catalogs.DOMAINS:
            po_path = catalogs.our_catalog_path(package, domain)
            if po_path.exists():
                assert po_path.with_suffix(".mo").stat().st_mtime >= po_path.stat().st_mtime - 1, po_path


@pytest.mark.django_db
def test_a_tajik_admin_reads_wagtail_and_its_scripts_in_tajik(home):
    client = tajik_admin_client()
    dashboard = client.get("/admin/").content.decode()
    assert "Таҳрирҳои охирини шумо" in dashboard or "Хулосаи сомона" in dashboard
    assert "Your most recent edits" not in dashboard

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert "Захираи сиёҳнавис" in editor and "Save draft" not in editor

    scripts = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "\\u041f\\u0435\\u0448\\u043d\\u0430\\u043c\\u043e\\u0438\\u0448" in scripts or "Пешнамоиш" in scripts


def test_the_coverage_report_gives_translated_and_total_strings_per_package(capsys):
    call_command("admin_catalogs")
    report = capsys.readouterr().out
    for row in catalogs.coverage():
        assert f"{row.translated:>12}{row.total:>8}" in report
    assert {row.package for row in catalogs.coverage()} == set(catalogs.PACKAGES)
