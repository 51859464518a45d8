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
