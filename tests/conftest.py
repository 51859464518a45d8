import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from home.models import HomePage
from hub.demo import load_demo

DATA_DIR = Path(settings.BASE_DIR) / "home" / "data"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def seed(language):
    """The demo data file a language's page was built from."""
    return json.loads((DATA_DIR / f"home_page.{language}.json").read_text(encoding="utf-8"))


MEDIA_FOLDERS = ("media", "private-media")


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory):
    """Where the demo's generated files (documents, images, previews) are kept for the run."""
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_files):
    """The demo is loaded once per run, committed; every database test then rolls back to it.

    Loading it takes about 10 s on SQLite and twice that on PostgreSQL, too
    long to repeat for each of the tests that read it.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_files / "media", PRIVATE_MEDIA_ROOT=demo_files / "private-media"),
    ):
        load_demo()


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path, demo_files, django_db_setup):
    """Each test gets its own copy of the demo's media folders and an empty cache (Wagtail caches renditions)."""
    for folder in MEDIA_FOLDERS:
        if (demo_files / folder).exists():
            shutil.copytree(demo_files / folder, tmp_path / folder)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo home page, with the whole demo under it in three languages (loaded once per run)."""
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def home(demo):
    """The demo home page in all three languages."""
    return demo


def run_manage(*args, **env):
    """Run manage.py in a fresh process, as an operator would, with extra environment variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        # An operator's shell never carries the browser tests' async escape hatch.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def hub_seed(name, language):
    return json.loads(
        (Path(settings.BASE_DIR) / "hub" / "data" / f"{name}.{language}.json").read_text(encoding="utf-8")
    )


def restore_rows_made_by_migrations():
    """A live-server test empties every table afterwards, migration-made rows included."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
