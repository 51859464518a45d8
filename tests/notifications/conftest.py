import os
import re
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from accounts.models import User
from notifications import outbox


class ProviderDown(Exception):
    pass


class FlakyBackend(EmailBackend):
    """A mail provider that refuses the first `failures` sends, then accepts (Django's locmem outbox records them)."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise ProviderDown("503 Service Unavailable")
        return super().send_messages(messages)


class HangingBackend:
    """A provider that takes the message and never answers: the worker is stuck inside the send."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        Path(os.environ["PROVIDER_CALLED"]).write_text(messages[0].to[0])
        time.sleep(120)


def deliver(now=None):
    """Run the worker's pass and return what reached the provider in it."""
    before = len(mail.outbox)
    outbox.deliver_due(now)
    return mail.outbox[before:]


# allauth's codes look like "KJSK-BTMV": groups of capitals and digits on a line of their own.
CODE = re.compile(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", re.MULTILINE)


def sign_in_code(message):
    return CODE.search(message.body).group(1)


@pytest.fixture
def member(db):
    user = User.objects.create_user(email="dilnoza@partner.example", first_name="Dilnoza", preferred_language="ru")
    user.set_unusable_password()
    user.save()
    return user
