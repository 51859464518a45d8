"""Checks on the repository itself: migrations, translation catalogs, code style."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.conftest import run_manage

CATALOGS = [Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po" for code in ("ru", "tg")]


def test_no_model_change_lacks_a_migration():
    result = run_manage("makemigrations", "--check", "--dry-run", DJANGO_SETTINGS_MODULE="legtj.settings.test")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parts[-3])
def test_catalog_is_complete(catalog):
    po = polib.pofile(str(catalog))

    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert len(po.translated_entries()) > 20


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parts[-3])
def test_compiled_catalog_matches_its_source(catalog):
    """The committed .mo is what Django reads: it must hold every current translation."""
    po = polib.pofile(str(catalog))
    mo = polib.mofile(str(catalog.with_suffix(".mo")))
    compiled = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}

    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (entry.msgstr, entry.msgstr_plural), entry.msgid


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parts[-3])
def test_catalog_compiles_with_gettext(catalog, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext's msgfmt is needed: apt-get install gettext")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalog)], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr


def test_code_passes_ruff():
    ruff = Path(settings.BASE_DIR) / ".venv" / "bin" / "ruff"
    command = str(ruff) if ruff.exists() else shutil.which("ruff")
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([command, *args], cwd=settings.BASE_DIR, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
