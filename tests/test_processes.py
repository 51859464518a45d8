"""Production runs several web processes over one database and one cache (Redis): what an editor changes through
one process, every other process serves on its very next request.

Two real gunicorn processes, A and B. The editor works in A's admin as a browser without JavaScript would
(GET the form, POST it back with its CSRF token); an anonymous reader asks B. Needs a shared cache, so it
runs in the production-like configuration (CACHE_URL=redis://…) and skips on the embedded default, where
each process has its own memory cache.
"""

import os
import re
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from django.test import Client
from wagtail.models import Collection

from accounts.models import User
from home.demo import load_home_page
from home.models import HomePage
from hub.documents.models import Access
from tests.conftest import child_process_env, free_port, restore_rows_made_by_migrations
from tests.hub.documents.test_documents import make_document, pdf_bytes

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("CACHE_URL", "").startswith("redis"),
        reason="two processes share a cache only through Redis: set CACHE_URL=redis://… (scripts/services.sh)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """The media folders both servers and the test share."""
    root = tmp_path_factory.mktemp("two-processes")
    return {"MEDIA_ROOT": str(root / "media"), "PRIVATE_MEDIA_ROOT": str(root / "private-media")}


@pytest.fixture(scope="module")
def servers(media, django_db_setup, tmp_path_factory):
    """Two gunicorn processes over the test database and the shared Redis: {"A": url, "B": url}."""
    env = child_process_env(DEBUG="false", **media)
    logs = tmp_path_factory.mktemp("server-logs")
    processes, log_files, urls = [], [], {}
    try:
        for name in ("A", "B"):
            port = free_port()
            log_files.append(open(logs / f"{name}.log", "w"))  # noqa: SIM115 (closed after the processes)
            processes.append(
                subprocess.Popen(
                    # --preload: Django is loaded before the port opens, so the first request is an ordinary one.
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "legtj.wsgi",
                        "--preload",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                    ],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    # A file, not a pipe: a pipe nobody reads would stop the server once its buffer fills.
                    stderr=log_files[-1],
                )
            )
            urls[name] = f"http://127.0.0.1:{port}"
        for (name, url), process in zip(urls.items(), processes, strict=True):
            wait_until_serving(url, process, logs / f"{name}.log")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        for log in log_files:
            log.close()


def wait_until_serving(url, process, log):
    """Until the server answers a request; a loaded machine may take its time loading Django."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server at {url} stopped: {log.read_text()[-2000:]}")
        try:
            requests.get(f"{url}/admin/login/", timeout=30, allow_redirects=False)
            return
        except requests.RequestException:
            time.sleep(0.2)
    pytest.fail(f"the server at {url} never answered")


@pytest.fixture
def site(servers, media, settings):
    """The home page in three languages and an editor signed in to process A's admin."""
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = media["MEDIA_ROOT"], media["PRIVATE_MEDIA_ROOT"]
    restore_rows_made_by_migrations()
    load_home_page()
    editor = User.objects.create_superuser(email="editor@leg.tj")
    client = Client()
    client.force_login(editor)
    admin = requests.Session()
    admin.cookies.set("sessionid", client.cookies["sessionid"].value)
    return servers, admin


def post_admin_form(admin, url, **data):
    """GET an admin form and POST it back with its CSRF token, as a browser would (a modal's form comes as JSON)."""
    form = admin.get(url, timeout=30)
    assert form.status_code == 200, url
    html = form.json()["html"] if form.headers["Content-Type"].startswith("application/json") else form.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = admin.post(url, data={"csrfmiddlewaretoken": token, **data}, timeout=30, allow_redirects=False)
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


def anonymous(url):
    return requests.get(url, timeout=30, allow_redirects=False)


def test_a_page_published_or_unpublished_through_one_process_is_served_so_by_the_other(site):
    (urls, admin) = site
    home = HomePage.objects.get(locale__language_code="en")
    heading = home.hero_heading
    home.hero_heading = "A new heading, published through A"
    home.save_revision()
    assert heading in anonymous(f"{urls['B']}/en/").text  # a draft is not served

    post_admin_form(admin, f"{urls['A']}/admin/pages/{home.pk}/unpublish/")
    assert anonymous(f"{urls['B']}/en/").status_code == 404

    post_admin_form(admin, f"{urls['A']}/admin/bulk/wagtailcore/page/publish/?id={home.pk}")
    served = anonymous(f"{urls['B']}/en/")
    assert served.status_code == 200
    assert "A new heading, published through A" in served.text


def test_a_documents_new_access_level_set_through_one_process_is_applied_by_the_other(site):
    (urls, admin) = site
    document = make_document("Donor mapping", "mapping")
    assert anonymous(f"{urls['B']}{document.url}").content == pdf_bytes("mapping")

    post_admin_form(
        admin,
        f"{urls['A']}/admin/documents/edit/{document.pk}/",
        title=document.title,
        collection=document.collection_id,
        access=Access.MEMBERS,
        document_type="report",
    )

    refused = anonymous(f"{urls['B']}{document.url}")
    assert refused.status_code == 403
    assert b"%PDF" not in refused.content


def test_a_collection_restriction_set_through_one_process_is_applied_by_the_other_at_once(site):
    (urls, admin) = site
    working_papers = Collection.get_first_root_node().add_child(name="Working papers")
    document = make_document("Draft sector review", "review", collection=working_papers)
    # B has now worked out (and cached) which collections are restricted: none.
    assert anonymous(f"{urls['B']}{document.url}").content == pdf_bytes("review")

    post_admin_form(admin, f"{urls['A']}/admin/collections/{working_papers.pk}/privacy/", restriction_type="login")

    refused = anonymous(f"{urls['B']}{document.url}")
    assert refused.status_code in (403, 404)
    assert b"%PDF" not in refused.content


def test_a_page_restriction_set_through_one_process_is_applied_by_the_other_at_once(site):
    (urls, admin) = site
    home = HomePage.objects.get(locale__language_code="en")
    # B has now kept the page's route and its view restrictions: none.
    assert anonymous(f"{urls['B']}/en/").status_code == 200

    post_admin_form(admin, f"{urls['A']}/admin/pages/{home.pk}/privacy/", restriction_type="login")

    refused = anonymous(f"{urls['B']}/en/")
    assert refused.status_code == 302 and "login" in refused.headers["Location"]
