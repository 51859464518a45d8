import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import restore_rows_made_by_migrations

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is needed at {CHROMIUM}: apt-get install chromium chromium-driver")
    # Playwright's sync API keeps an event loop in this thread for the whole
    # session; Django would otherwise refuse the tests' database calls
    # (including the flush after each live-server test) made beside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """One live server for the whole run, over the demo that `django_db_setup` loaded and committed."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture
def demo_site(demo_server, db):
    """The demo as it was loaded, in Chromium, for tests that only read.

    The server's own connection sees the committed demo, not the test's
    transaction, so such a test writes nothing the server needs. Tests that
    change data through the browser use `hub_site`, which loads its own
    demo in an emptied database (about 13 s each instead of none).
    """
    return demo_server


def committed_session(django_db_blocker, email, **fields):
    """The session cookie of a signed-in user, committed so the shared server sees it; removed afterwards."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    from accounts.models import User

    with django_db_blocker.unblock():
        user = User.objects.create_user(email=email, **fields)
        client = Client()
        client.force_login(user)
    yield client.cookies["sessionid"].value
    with django_db_blocker.unblock():
        Session.objects.filter(session_key=client.cookies["sessionid"].value).delete()
        User.objects.filter(pk=user.pk).delete()


@pytest.fixture(scope="module")
def member_session(django_db_blocker):
    yield from committed_session(django_db_blocker, "browser-member@partner.example")


@pytest.fixture(scope="module")
def staff_session(django_db_blocker):
    yield from committed_session(django_db_blocker, "browser-staff@leg.tj", is_staff=True)


@pytest.fixture
def member_page(demo_site, member_session, new_page):
    """Open a page in the shared demo as the signed-in partner."""

    def make(**options):
        page = new_page(**options)
        add_session_cookie(page, demo_site, member_session)
        return page

    return make


def add_session_cookie(page, site, session_key):
    host = site.url.split("//")[1].split(":")[0]
    page.context.add_cookies([{"name": "sessionid", "value": session_key, "domain": host, "path": "/"}])


@pytest.fixture
def site(live_server):
    """A live server with the demo content, reached from Chromium."""
    from home.demo import load_home_page

    restore_rows_made_by_migrations()
    load_home_page()
    return live_server


@pytest.fixture
def hub_site(site):
    from hub.demo import load_demo

    load_demo()
    return site


@pytest.fixture
def new_page(browser):
    """Open a fresh browser context (its own storage) and report CSP violations and script errors."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
