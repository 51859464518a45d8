"""The worker against faults: a silent mail server, an email that cannot be made, a killed database connection."""

import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.core import mail
from django.core.checks import run_checks
from django.db import connection

from notifications import outbox
from notifications.models import Notification
from tests.conftest import child_process_env

from .conftest import deliver

Status = Notification.Status


@pytest.fixture
def silent_mail_server():
    """An SMTP port on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join()
    for accepted_connection in accepted:
        accepted_connection.close()
    listener.close()


def test_a_mail_server_that_never_answers_is_given_up_on_and_the_email_tried_again(
    member, settings, silent_mail_server
):
    port, accepted = silent_mail_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    notification = outbox.record(Notification.Kind.INVITATION, member, key="invitation:silent-server")

    def stuck(signum, frame):
        raise AssertionError("the worker is stuck inside the send")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(30)
    started = time.monotonic()
    try:
        outbox.deliver_due()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    assert time.monotonic() - started < 10
    assert accepted, "the worker never reached the mail server"
    notification.refresh_from_db()
    assert notification.status == Status.PENDING and notification.attempts == 1
    assert "timed out" in notification.last_error
    assert notification.next_attempt_at > notification.claimed_at


def test_the_mail_timeout_is_always_below_the_send_lease(settings):
    def errors():
        return [message.id for message in run_checks() if message.id == "notifications.E001"]

    assert 0 < settings.EMAIL_TIMEOUT < settings.NOTIFICATIONS_SEND_LEASE_SECONDS
    assert errors() == []
    settings.EMAIL_TIMEOUT = settings.NOTIFICATIONS_SEND_LEASE_SECONDS
    assert errors() == ["notifications.E001"]
    settings.EMAIL_TIMEOUT = None
    assert errors() == ["notifications.E001"]


def test_an_email_that_cannot_be_made_is_retried_then_given_up_and_the_others_go_out(member, settings, monkeypatch):
    broken = outbox.record(Notification.Kind.INVITATION, member, key="invitation:broken")
    fine = outbox.record(Notification.Kind.INVITATION, member, key="invitation:fine")
    render = outbox.render

    def render_all_but_the_broken_one(notification):
        if notification.pk == broken.pk:
            raise KeyError("a template variable that is not there")
        return render(notification)

    monkeypatch.setattr(outbox, "render", render_all_but_the_broken_one)

    [sent] = deliver()
    assert sent.to == [member.email]
    fine.refresh_from_db()
    broken.refresh_from_db()
    assert fine.status == Status.SENT
    assert broken.status == Status.PENDING and broken.attempts == 1 and "KeyError" in broken.last_error

    for _attempt in range(settings.NOTIFICATIONS_MAX_ATTEMPTS):
        deliver(broken.next_attempt_at)
        broken.refresh_from_db()
    assert broken.status == Status.FAILED and broken.attempts == settings.NOTIFICATIONS_MAX_ATTEMPTS
    assert len(mail.outbox) == 1


def status_of(notification):
    return Notification.objects.get(pk=notification.pk).status


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_worker_reconnects_after_the_database_kills_its_connection(member, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite is a file in the worker's own process: there is no server connection to lose")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "send_notifications", "--interval", "0.2"],
        cwd=settings.BASE_DIR,
        env=child_process_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        before = outbox.record(Notification.Kind.INVITATION, member, key="invitation:before-outage")
        assert wait_for(lambda: status_of(before) == Status.SENT)
        with connection.cursor() as cursor:  # as a DBA, a failover or a restart would
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            assert cursor.fetchone()[0] >= 1
        after = outbox.record(Notification.Kind.INVITATION, member, key="invitation:after-outage")
        assert wait_for(lambda: status_of(after) == Status.SENT), (tmp_path / "worker.log").read_text()
        assert worker.poll() is None  # still running
        assert "Database unavailable" in (tmp_path / "worker.log").read_text()
        assert Notification.objects.filter(key__startswith="invitation:", status=Status.SENT).count() == 2
    finally:
        worker.terminate()
        worker.wait(10)
        log.close()
