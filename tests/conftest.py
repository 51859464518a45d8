import json
import os
import shutil
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.test import Client, override_settings
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from home import pagecache
from home.models import HomePage
from hub.demo import load_demo
from projects.demo import load_projects

DATA_DIR = Path(settings.BASE_DIR) / "home" / "data"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def seed(language, name="home_page"):
    """The demo data file a language's page was built from."""
    return json.loads((DATA_DIR / f"{name}.{language}.json").read_text(encoding="utf-8"))


MEDIA_FOLDERS = ("media", "private-media")


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory):
    """Where the demo's generated files (documents, images, previews) are kept for the run."""
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_files, request):
    """The demo is loaded once per run, committed; every database test then rolls back to it.

    Loading it takes about 10 s on SQLite and twice that on PostgreSQL, too
    long to repeat for each of the tests that read it.
    """
    if not any(uses_database(item) for item in request.session.items):
        # pytest-django makes no test database when no collected test needs one: never load the
        # demo into the real one.
        yield
        return
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_files / "media", PRIVATE_MEDIA_ROOT=demo_files / "private-media"),
    ):
        load_projects(load_demo())
        # As `load_demo_content` does: on a search server this also creates the indexes with
        # Wagtail's mappings, which the rows saved one by one above could not.
        call_command("update_index", verbosity=0)
        serve_every_page()
    yield
    delete_search_indexes()


def uses_database(item):
    return bool(item.get_closest_marker("django_db")) or bool(
        {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def rolls_back(item):
    """A database test run in a transaction that is rolled back, not one that empties the database afterwards."""
    marker = item.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(
        item.fixturenames
    )
    return uses_database(item) and not transactional


def serve_every_page():
    """Serve each live page once, as its first reader would, so that its image renditions are made now.

    They are then part of the committed demo: the browser tests' shared server only ever reads, which
    SQLite needs (a test's open transaction holds its write lock).
    """
    client = Client()
    for page in Page.objects.live().public().specific():
        if page.url:
            assert client.get(page.url).status_code == 200, page.url


def on_search_server():
    """OpenSearch or Elasticsearch rather than the database backend (asked without touching the database)."""
    return "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]


def delete_search_indexes():
    """The run's own indexes on a search server (their prefix names the run: legtj/settings/test.py)."""
    if not on_search_server():
        return
    backend = get_search_backend()
    for name in backend.es.indices.get(index=f"{backend.index_prefix}*"):
        backend.es.indices.delete(index=name)


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path, demo_files, django_db_setup):
    """Each test gets its own copy of the demo's media folders and an empty cache (Wagtail caches renditions)."""
    for folder in MEDIA_FOLDERS:
        if (demo_files / folder).exists():
            shutil.copytree(demo_files / folder, tmp_path / folder)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    cache.clear()
    pagecache.forget_here()


@pytest.fixture(scope="session")
def search_server_writes(django_db_setup):
    """On a search server, what each test saved or deleted: the server has no rollback, the database has.

    None with the database backend, whose index rolls back with everything else.
    """
    if not on_search_server():
        yield None
        return
    written = set()

    def record(sender, instance, **kwargs):
        written.add((sender, instance.pk))

    senders = list(index.get_indexed_models())
    for sender in senders:
        post_save.connect(record, sender=sender, weak=False, dispatch_uid="tests-index-writes")
        post_delete.connect(record, sender=sender, weak=False, dispatch_uid="tests-index-writes")
    yield written
    for sender in senders:
        post_save.disconnect(sender=sender, dispatch_uid="tests-index-writes")
        post_delete.disconnect(sender=sender, dispatch_uid="tests-index-writes")


@pytest.fixture(autouse=True)
def _search_server_matches_the_database(request, search_server_writes):
    """Before a test that rolls back, put what earlier tests wrote back to the server as the database has it.

    Transactional tests empty the database at the end instead, and run after all the others.
    """
    if not search_server_writes:
        return
    written = list(search_server_writes)
    search_server_writes.clear()
    if rolls_back(request.node):
        request.getfixturevalue("db")
        for model, pk in written:
            row = model._default_manager.filter(pk=pk).first()
            if row is None:
                # Straight to the backend: a row that is gone has no specific class left to look up.
                get_search_backend().delete(model(pk=pk))
            else:
                index.insert_or_update_object(row)


@pytest.fixture
def demo(db):
    """The demo home page, with the whole demo under it in three languages (loaded once per run)."""
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def home(demo):
    """The demo home page in all three languages."""
    return demo


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_content():
    """What the site holds, as text: titles and names, which an interface-language check must not take for
    the interface's words (a page called "News")."""
    from wagtail.models import Collection, Page

    from hub.models import HubDocument
    from translations.status import translatable_snippet_models

    content = set(Page.objects.values_list("title", flat=True))
    content |= set(Collection.objects.values_list("name", flat=True))
    content |= set(HubDocument.objects.values_list("title", flat=True))
    for model in translatable_snippet_models():
        content.update(str(obj) for obj in model.objects.all())
    return content


def tajik_admin_client():
    """A superuser whose admin is in Tajik (Wagtail's profile language), signed in."""
    from django.test import Client
    from wagtail.users.models import UserProfile

    from accounts.models import User

    user = User.objects.create_superuser(email="tajik-admin@leg.tj")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "tg"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def operator_env(**extra):
    """This environment as an operator's shell has it: never with the browser tests' async escape hatch."""
    return {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **extra}


def run_manage(*args, **env):
    """Run manage.py in a fresh process, as an operator would, with extra environment variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=operator_env(**env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def database_url():
    """The test database, as DATABASE_URL names it for another process."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_process_env(**extra):
    """For a worker or a server in its own process: this run's test database, search indexes and secret key."""
    env = operator_env(
        DJANGO_SETTINGS_MODULE="legtj.settings.dev", DATABASE_URL=database_url(), SECRET_KEY=settings.SECRET_KEY
    )
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        env["CACHE_URL"] = settings.CACHES["default"]["LOCATION"]  # this worker's own database (settings/test.py)
    if on_search_server():
        env.update(
            SEARCH_INDEX_PREFIX=settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"],
            SEARCH_REFRESH_ON_WRITE="true",
        )
    return {**env, **extra}


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_pages(client):
    """Each page of each section the sitemap index (/sitemap.xml) lists, as the client gets it."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    return [client.get(loc.text.removeprefix("http://testserver")) for loc in index.iter(f"{SITEMAP_NS}loc")]


def sitemap_text(client):
    """The whole sitemap, every section and page, as one text."""
    return "\n".join(response.content.decode() for response in sitemap_pages(client))


def posted_back(html):
    """An admin edit form's fields as a browser without JavaScript would submit them, unchanged."""
    forms = BeautifulSoup(html, "html.parser").select('form[method="post" i]')
    form = max(forms, key=lambda form: len(form.select("[name]")))  # the editor, not the header's search
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "textarea":
            data.setdefault(name, []).append(field.get_text())
        elif field.name == "select":
            chosen = [option.get("value", option.get_text()) for option in field.select("option[selected]")]
            if not chosen and not field.has_attr("multiple") and field.select("option"):
                chosen = [field.select("option")[0].get("value", "")]
            data.setdefault(name, []).extend(chosen)
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif kind not in ("submit", "button", "file", "image", "reset"):
            data.setdefault(name, []).append(field.get("value", ""))
    return data


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
