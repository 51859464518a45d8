import base64
import hashlib
import os
import subprocess
import sys

from bs4 import BeautifulSoup
from django.conf import settings

from accounts.models import User
from tests.conftest import run_manage


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_carry_a_strict_content_security_policy(client, home):
    response = client.get("/en/")
    policy = csp_directives(response)

    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]


def test_the_only_inline_script_is_the_one_the_policy_allows_by_hash(client, home):
    response = client.get("/en/")
    inline = [s.string for s in BeautifulSoup(response.content, "html.parser").find_all("script") if not s.get("src")]

    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp_directives(response)["script-src"]


def test_security_headers_are_sent(client, home):
    response = client.get("/en/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_deploy_checks_pass_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="legtj.settings.production",
        SECRET_KEY="a-long-random-test-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="leg.tj",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "legtj.settings.production", "ALLOWED_HOSTS": "leg.tj"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_cookies_and_transport_are_https_only():
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)",
        DJANGO_SETTINGS_MODULE="legtj.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="leg.tj",
    )

    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stderr


MEMBERS_PAGES = [
    "/en/stakeholders/unicef/",  # focal points
    "/ru/events/action-items/",
    "/en/documents/",  # members' documents
    "/en/",
    "/tg/events/",
    "/en/search/?q=school",
    "/ru/accounts/profile/",
]


def test_nothing_a_member_is_shown_may_be_stored_by_a_shared_cache(client, demo):
    client.force_login(User.objects.create_user(email="member@example.org"))
    for path in MEMBERS_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
        assert "private" in directives or "no-store" in directives, (path, response.get("Cache-Control"))
        assert "public" not in directives, path


def test_anonymous_pages_stay_cacheable_by_a_shared_cache_that_keys_on_the_cookie(client, demo):
    for path in ["/en/", "/ru/news/", "/en/stakeholders/unicef/", "/en/documents/"]:
        response = client.get(path)
        assert "private" not in response.get("Cache-Control", ""), path
        assert "Cookie" in response["Vary"], path  # the header's sign-in link differs for members


def test_the_admin_has_its_own_policy_and_only_the_preview_may_be_framed(client, home):
    client.force_login(User.objects.create_superuser(email="admin@leg.tj"))
    policy = csp_directives(client.get("/admin/"))
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["default-src"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    preview = client.get(f"/admin/pages/{home.pk}/edit/preview/")
    assert preview.status_code == 200
    assert csp_directives(preview)["frame-ancestors"] == ["'self'"]
