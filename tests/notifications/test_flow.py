"""The member's whole journey: code by email, sign in, preferences, an email about a new document, unsubscribe."""

import re

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import SignIn
from hub.documents.models import Access
from notifications.models import Notification, Subscription
from tests.hub.documents.test_documents import make_document

from .conftest import CODE, deliver, sign_in_code


def request_code(client, email, language="en", fresh_session=False):
    if fresh_session:
        client.cookies.clear()  # as a script hammering the form would
    return client.post(f"/{language}/accounts/login/", {"email": email})


def sign_in(client, email):
    response = request_code(client, email)
    assert response.status_code == 302
    [message] = deliver()
    code = sign_in_code(message)
    return client.post("/en/accounts/login/code/confirm/", {"code": code}), message, code


def test_a_member_signs_in_by_code_subscribes_and_gets_a_new_document_in_russian_then_unsubscribes(
    client, member, django_capture_on_commit_callbacks
):
    response, message, _code = sign_in(client, member.email)
    assert response.status_code == 302
    assert message.to == [member.email]
    assert client.get("/en/accounts/profile/").status_code == 200
    assert SignIn.objects.get(user=member).method == SignIn.Method.CODE

    # Preferences: Russian, and Russian reports only.
    response = client.post(
        "/en/accounts/profile/",
        {"first_name": "Dilnoza", "last_name": "Rahimova", "preferred_language": "ru", "event_emails": "on"},
    )
    assert response.status_code == 302 and response["Location"] == "/ru/accounts/profile/"
    client.post(
        "/ru/notifications/subscribe/",
        {"kind": "documents", "filters": "type=report&language=ru&page=2", "frequency": "immediate"},
    )
    subscription = Subscription.objects.get(user=member)
    assert subscription.filters == "language=ru&type=report"  # only the filters, in a stable order
    assert not subscription.is_confirmed

    [confirmation] = deliver()
    confirm_url = re.search(r"https?://\S+/notifications/confirm/\S+/", confirmation.body).group(0)
    assert client.get(confirm_url.split("testserver", 1)[1]).status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_confirmed

    with django_capture_on_commit_callbacks(execute=True):
        make_document("Отчёт о мониторинге", "mirzo", languages="ru", document_type="report")
        make_document("Annual report", "zarafshon", languages="en", document_type="report")
    [email] = deliver()
    assert email.to == [member.email]
    assert email.extra_headers["Content-Language"] == "ru"
    assert "Отчёт о мониторинге" in email.subject and email.subject.startswith("Новое на LEG.TJ")
    html = email.alternatives[0][0]
    assert '<html lang="ru">' in html and "Отчёт о мониторинге" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click in the mail client: RFC 8058's POST, without a session or CSRF token.
    unsubscribe_url = email.extra_headers["List-Unsubscribe"].strip("<>").split("testserver", 1)[1]
    anonymous = client.__class__(enforce_csrf_checks=True)
    response = anonymous.post(
        unsubscribe_url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(user=member).exists()
    with django_capture_on_commit_callbacks(execute=True):
        make_document("Второй отчёт", "vahdat", languages="ru", document_type="report")
    assert deliver() == []


def test_the_unsubscribe_link_in_the_body_asks_before_it_acts(client, member, django_capture_on_commit_callbacks):
    """Mail scanners open every link: a GET shows one button, and only the POST unsubscribes."""
    Subscription.objects.create(user=member, kind="documents", confirmed_at="2026-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        make_document("Agenda", "pamir")
    [email] = deliver()
    url = re.search(r"https?://\S+/notifications/unsubscribe/\S+/", email.body).group(0).split("testserver", 1)[1]
    page = client.get(url)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert Subscription.objects.filter(user=member).exists()
    client.post(url, {"scope": "all"})
    member.refresh_from_db()
    assert not member.subscriptions.exists() and not member.event_emails


def test_a_code_works_once(client, member):
    response, _message, code = sign_in(client, member.email)
    assert response.status_code == 302
    client.post("/en/accounts/logout/")
    client.get("/en/")
    response = client.post("/en/accounts/login/code/confirm/", {"code": code})
    assert response.status_code != 302 or "/accounts/profile" not in response.get("Location", "")
    assert client.get("/en/accounts/profile/").status_code == 302  # still signed out


def test_an_expired_code_is_refused(client, member, settings):
    request_code(client, member.email)
    code = sign_in_code(deliver()[0])
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = -1
    client.post("/en/accounts/login/code/confirm/", {"code": code})
    assert client.get("/en/accounts/profile/").status_code == 302


def test_a_wrong_code_is_refused_in_the_visitors_language(client, member):
    request_code(client, member.email, "ru")
    deliver()
    response = client.post("/ru/accounts/login/code/confirm/", {"code": "WRONG1"})
    assert response.status_code == 200
    assert "Неверный код" in response.content.decode()


def test_the_eleventh_code_request_in_an_hour_for_one_address_is_refused(client, member):
    for _attempt in range(10):
        assert request_code(client, member.email, fresh_session=True).status_code == 302
    response = request_code(client, member.email, fresh_session=True)
    assert response.status_code == 200
    assert "Too many attempts" in response.text and "wait up to an hour" in response.text
    assert Notification.objects.filter(kind=Notification.Kind.ACCOUNT).count() == 10


def test_code_requests_from_one_ip_address_are_limited_whatever_the_address(client, db):
    statuses = [request_code(client, f"visitor{n}@example.org", fresh_session=True).status_code for n in range(31)]
    assert statuses[:30] == [302] * 30 and statuses[30] == 200
    assert Notification.objects.count() == 30


def test_behind_the_proxy_each_visitor_has_their_own_ip_budget(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # TRUSTED_PROXY_COUNT=1: one proxy that appends the visitor's address

    def from_visitor(ip, n):
        client.cookies.clear()
        # The visitor may send a forged entry first; the proxy appends the address that connected to it.
        forwarded = f"10.9.9.9, {ip}"
        return client.post("/en/accounts/login/", {"email": f"v{n}@example.org"}, HTTP_X_FORWARDED_FOR=forwarded)

    statuses = [from_visitor("203.0.113.5", n).status_code for n in range(31)]
    assert statuses[:30] == [302] * 30 and statuses[30] == 200  # the 31st from one visitor: "Too many"
    # Another visitor behind the same proxy is not locked out.
    assert from_visitor("198.51.100.7", 99).status_code == 302
    # A request that bypassed the proxy (no header) is counted by the address that connected, not refused.
    client.cookies.clear()
    assert client.post("/en/accounts/login/", {"email": "direct@example.org"}).status_code == 302


def test_unknown_addresses_get_no_code_and_no_hint(client, db):
    """The page says the same as for a member (no account enumeration); the address learns nobody has it."""
    response = request_code(client, "stranger@example.org")
    assert response.status_code == 302
    [message] = deliver()
    assert "no account" in message.body
    assert not CODE.search(message.body)


def test_the_admin_signs_in_through_the_same_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_private_documents_are_announced_only_to_those_who_may_see_them(
    member, django_capture_on_commit_callbacks, django_user_model
):
    from django.contrib.auth.models import Group

    readers = Group.objects.create(name="Assessment readers")
    reader = django_user_model.objects.create_user(email="reader@partner.example")
    reader.groups.add(readers)
    for user in (member, reader):
        Subscription.objects.create(user=user, kind="documents", confirmed_at="2026-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        make_document("Assessment raw data", "khujand", Access.RESTRICTED, groups=[readers])
    assert [m.to for m in deliver()] == [["reader@partner.example"]]

    # Made private after it was announced: the email not yet sent is cancelled, not sent.
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("Draft", "kulob")
    document.access = Access.RESTRICTED
    document.save()
    assert deliver() == []
    assert set(Notification.objects.filter(kind="publication").values_list("status", flat=True)) == {
        "sent",
        "cancelled",
    }


def test_weekly_subscribers_get_one_digest(member, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    from notifications.publishing import record_digests

    Subscription.objects.create(user=member, kind="documents", frequency="weekly", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        make_document("First", "hisor")
        make_document("Second", "rasht")
    assert deliver() == []
    next_week = timezone.now() + datetime.timedelta(days=7)
    record_digests(next_week)
    record_digests(next_week)
    [digest] = deliver(next_week)
    assert "First" in digest.body and "Second" in digest.body
    assert mail.outbox == [digest]


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_the_privacy_notice_is_in_three_languages(client, db, language):
    response = client.get(f"/{language}/privacy/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    with translation.override(language):
        assert f"<h1>{translation.gettext('Privacy notice')}</h1>" in response.content.decode()
        description = translation.gettext(
            "The knowledge hub of the Local Education Group of Tajikistan, where the Ministry of Education and "
            "Science and development partners coordinate education."
        )
    if language != "en":
        assert "<h1>Privacy notice</h1>" not in response.content.decode()
        assert description.startswith(("База знаний", "Маркази дониш"))
    # A view that is not a page still describes the site to search engines and link previews.
    assert f'<meta name="description" content="{description}">' in response.content.decode()
    assert not response.cookies  # no tracker, no cookie for an anonymous reader
