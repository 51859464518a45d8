"""Nothing lost, nothing doubled: retries with back-off, a killed worker, and a thousand subscribers."""

import datetime
import io
import os
import signal
import subprocess
import sys
import time

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from notifications import outbox
from notifications.models import Notification, Subscription
from tests.conftest import child_process_env
from tests.hub.documents.test_documents import editor, upload  # noqa: F401

from .conftest import FlakyBackend, deliver

Status = Notification.Status


def subscribers(count, kind="documents"):
    users = User.objects.bulk_create(
        [User(email=f"partner{n}@example.org", preferred_language=("en", "ru", "tg")[n % 3]) for n in range(count)]
    )
    Subscription.objects.bulk_create(
        [Subscription(user=user, kind=kind, confirmed_at=timezone.now()) for user in users]
    )
    return users


@pytest.fixture
def flaky(settings, db):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FlakyBackend"
    FlakyBackend.calls = 0
    FlakyBackend.failures = 0
    return FlakyBackend


def test_with_the_provider_down_for_the_first_attempts_every_email_arrives_exactly_once(
    flaky, django_capture_on_commit_callbacks
):
    from tests.hub.documents.test_documents import make_document

    subscribers(3)
    with django_capture_on_commit_callbacks(execute=True):
        make_document("Joint sector review 2026", "dushanbe")
    flaky.failures = 5
    now = timezone.now()
    delivered = []
    for minute in range(0, 24 * 60, 1):
        delivered += deliver(now + datetime.timedelta(minutes=minute))
        if len(delivered) == 3:
            break
    assert sorted(m.to[0] for m in delivered) == [
        "partner0@example.org",
        "partner1@example.org",
        "partner2@example.org",
    ]
    rows = Notification.objects.filter(kind="publication")
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    assert sum(rows.values_list("attempts", flat=True)) == 3 + 5  # each failure retried, each success once
    # Nothing more goes out however often the worker runs again.
    assert deliver(now + datetime.timedelta(days=30)) == []
    assert len(mail.outbox) == 3


def test_failed_sends_back_off_and_finally_give_up(flaky, member, settings):
    flaky.failures = 100
    notification = outbox.record(Notification.Kind.INVITATION, member, key="invitation:test")
    now = timezone.now()
    deliver(now)
    notification.refresh_from_db()
    assert notification.status == Status.PENDING and notification.attempts == 1
    assert notification.next_attempt_at == now + datetime.timedelta(minutes=1)
    assert "503" in notification.last_error
    deliver(now + datetime.timedelta(seconds=30))  # not due yet
    notification.refresh_from_db()
    assert notification.attempts == 1
    later = now
    for _attempt in range(settings.NOTIFICATIONS_MAX_ATTEMPTS):
        later += datetime.timedelta(days=1)
        deliver(later)
    notification.refresh_from_db()
    assert notification.status == Status.FAILED and notification.attempts == settings.NOTIFICATIONS_MAX_ATTEMPTS


@pytest.fixture
def killed_worker(transactional_db, tmp_path):
    """Run the real worker in its own process, and kill -9 it while the provider holds its send."""
    member = User.objects.create_user(email="dilnoza@partner.example", preferred_language="ru")
    notification = outbox.record(Notification.Kind.INVITATION, member, key="invitation:killed")
    called = tmp_path / "provider-called"
    env = child_process_env(EMAIL_BACKEND="tests.notifications.conftest.HangingBackend", PROVIDER_CALLED=str(called))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "send_notifications", "--once"], cwd=django_settings.BASE_DIR, env=env
    )
    try:
        for _tick in range(600):
            if called.exists() or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert called.read_text() == member.email, "the worker never reached the provider"
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    notification.refresh_from_db()
    assert notification.status == Status.SENDING and notification.attempts == 1
    return notification


def test_a_send_the_killed_worker_never_handed_over_is_sent_once_after_the_lease(killed_worker, settings):
    lease = datetime.timedelta(seconds=settings.NOTIFICATIONS_SEND_LEASE_SECONDS)
    # Another worker, within the lease: the send may still be in flight, so it is left alone.
    assert deliver(killed_worker.claimed_at + lease / 2) == []
    after_lease = killed_worker.claimed_at + lease + datetime.timedelta(seconds=1)
    [message] = deliver(after_lease)
    assert message.to == [killed_worker.email]
    assert message.extra_headers["Message-ID"] == killed_worker.message_id  # the same message to mail clients
    assert deliver(after_lease + datetime.timedelta(hours=1)) == []
    killed_worker.refresh_from_db()
    assert killed_worker.status == Status.SENT and killed_worker.attempts == 2


def test_a_send_the_provider_confirmed_is_not_repeated_after_the_worker_was_killed(killed_worker, settings):
    # The provider's webhook reports the message, by the key the send carried in its metadata.
    event = AnymailTrackingEvent(
        event_type="delivered", message_id="esp-42", metadata={"notification": killed_worker.key}
    )
    tracking.send(sender=None, event=event, esp_name="Postmark")
    lease = datetime.timedelta(seconds=settings.NOTIFICATIONS_SEND_LEASE_SECONDS)
    assert deliver(killed_worker.claimed_at + lease + datetime.timedelta(seconds=1)) == []
    killed_worker.refresh_from_db()
    assert killed_worker.status == Status.SENT and killed_worker.provider_message_id == "esp-42"


def test_two_workers_never_claim_the_same_email(member):
    notification = outbox.record(Notification.Kind.INVITATION, member, key="invitation:race")
    now = timezone.now()
    assert outbox.claim(notification.pk, now) is True
    assert outbox.claim(notification.pk, now) is False


def upload_with_subscribers(client, count, capture_on_commit):
    Notification.objects.all().delete()
    Subscription.objects.all().delete()
    User.objects.filter(email__startswith="partner").delete()
    subscribers(count)
    # The request and what it leaves to run after its commit (recording the notifications).
    with CaptureQueriesContext(connection) as queries, capture_on_commit(execute=True):
        response = upload(client, f"report-{count}.pdf", make_pdf_bytes(count))
    assert response.status_code == 302
    return len(queries)


def make_pdf_bytes(count):
    from hub.demo_files import make_pdf

    return make_pdf(f"Report {count}", ["Sector review"])


def test_a_thousand_subscribers_are_recorded_in_the_same_few_queries_and_the_upload_sends_nothing(
    client,
    editor,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    few = upload_with_subscribers(client, 10, django_capture_on_commit_callbacks)
    many = upload_with_subscribers(client, 1000, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(kind="publication", status=Status.PENDING).count() == 1000
    assert mail.outbox == []  # the request only recorded them; the worker sends
    # PostgreSQL records all rows in one INSERT; SQLite (999 parameters a statement in Django 5.2)
    # in about sixteen. Either way a fixed number, far from one per subscriber.
    assert many <= few + 16, f"{few} queries for 10 subscribers, {many} for 1,000"


def test_the_worker_command_sends_reminders_and_forgets_year_old_sign_ins(member):
    from django.core.management import call_command

    from accounts.models import SignIn

    old = SignIn.objects.create(user=member, method=SignIn.Method.CODE)
    SignIn.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=400))
    recent = SignIn.objects.create(user=member, method=SignIn.Method.CODE)
    outbox.record(Notification.Kind.INVITATION, member, key="invitation:worker")

    call_command("send_notifications", "--once", stdout=io.StringIO())

    assert list(SignIn.objects.all()) == [recent]
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_a_sign_in_code_is_not_kept_once_sent(client, member):
    client.post("/en/accounts/login/", {"email": member.email})
    deliver()
    assert Notification.objects.get(kind="account").payload == {}
