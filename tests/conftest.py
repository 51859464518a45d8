import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from home.demo import load_home_page
from hub.demo import load_hub, load_vocabularies

DATA_DIR = Path(settings.BASE_DIR) / "home" / "data"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def seed(language):
    """The demo data file a language's page was built from."""
    return json.loads((DATA_DIR / f"home_page.{language}.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path):
    """Each test gets its own media folders and an empty cache (Wagtail caches renditions)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    cache.clear()


@pytest.fixture
def home(db, django_capture_on_commit_callbacks):
    """The demo home page in all three languages, loaded by the real demo loader.

    wagtail-localize publishes translations on commit, which a test's
    transaction never reaches, so the callbacks run here.
    """
    with django_capture_on_commit_callbacks(execute=True):
        return load_home_page()


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


@pytest.fixture
def demo(db):
    """The whole demo, loaded as load_demo_content does: vocabularies, home page, hub, in three languages."""
    load_vocabularies()
    home = load_home_page()
    load_hub(home)
    return home


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
