"""The worker against faults: a mail server that accepts and never answers, and one email that cannot be made."""

import signal
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.checks import run_checks

from notifications import outbox
from notifications.models import Notification

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
    for connection in accepted:
        connection.close()
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
