import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import SignIn, User
from hub.models import BestPracticePage, Event, EventRegistration, Stakeholder
from notifications.models import Notification, Subscription
from tests.notifications.conftest import deliver


@pytest.fixture
def partner(db):
    unicef = Stakeholder.objects.create(name="Aga Khan Foundation", code="akf-test", locale=Locale.get_default())
    user = User.objects.create_user("firuza@unicef.org", first_name="Firuza", organisation=unicef)
    Subscription.objects.create(user=user, kind="best_practices", filters="track=3", confirmed_at=timezone.now())
    SignIn.objects.create(user=user, method=SignIn.Method.CODE, ip_address="203.0.113.9")
    return user


def practice(owner):
    answers = ("what_makes_it_best", "introduction", "implementation", "results", "lessons_learnt")
    answers += ("conclusions", "further_reading")
    return BestPracticePage(
        title="Digital learning in Tajikistan",
        slug="digital",
        owner=owner,
        **dict.fromkeys(answers, "<p>Answer.</p>"),
    )


def future_event(**fields):
    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        title="LEG meeting: Q1 review",
        slug="leg-q1",
        start=start,
        end=start + datetime.timedelta(hours=2),
        locale=Locale.get_default(),
        **fields,
    )


def test_a_member_downloads_everything_held_about_them(client, partner, home):
    event = future_event()
    EventRegistration.objects.create(event=event, user=partner, status="confirmed")
    home.add_child(instance=practice(partner))
    client.force_login(partner)

    response = client.get("/en/accounts/profile/export/")

    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "firuza@unicef.org" and data["profile"]["organisation"] == "Aga Khan Foundation"
    assert data["subscriptions"][0]["filters"] == "track=3"
    assert data["event_registrations"][0]["event"] == "LEG meeting: Q1 review"
    assert data["submissions"][0]["title"] == "Digital learning in Tajikistan"
    assert data["sign_ins"][0]["ip_address"] == "203.0.113.9"


def test_deleting_the_account_removes_personal_data_and_keeps_what_they_wrote(client, partner, home):
    page = home.add_child(instance=practice(partner))
    page.save_revision(user=partner).publish()
    client.force_login(partner)

    assert client.post("/en/accounts/profile/delete/", {}).status_code == 200  # must tick the box
    response = client.post("/en/accounts/profile/delete/", {"confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(email="firuza@unicef.org").exists()
    assert not Subscription.objects.exists() and not SignIn.objects.exists()
    page = BestPracticePage.objects.get(pk=page.pk)
    assert page.live and page.owner is None
    assert [o.code for o in page.organisations.all()] == ["akf-test"]
    assert client.get("/en/accounts/profile/").status_code == 302  # signed out


def test_registered_members_hear_of_changes_postponement_and_cancellation_in_their_language(
    partner, django_capture_on_commit_callbacks
):
    partner.preferred_language = "ru"
    partner.save()
    with django_capture_on_commit_callbacks(execute=True):
        event = future_event()
    EventRegistration.objects.create(event=event, user=partner, status="confirmed")
    deliver()

    with django_capture_on_commit_callbacks(execute=True):
        event.title = "LEG meeting: Q1 review (agenda updated)"
        event.save()  # not a change a participant must act on
    assert deliver() == []

    with django_capture_on_commit_callbacks(execute=True):
        event.start += datetime.timedelta(days=1)
        event.end += datetime.timedelta(days=1)
        event.save()
    [changed] = deliver()
    assert changed.to == [partner.email] and changed.extra_headers["Content-Language"] == "ru"

    with django_capture_on_commit_callbacks(execute=True):
        event.status = Event.Status.CANCELLED
        event.save()
    [cancelled] = deliver()
    assert cancelled.subject.startswith("Отменено")


def test_event_subscribers_hear_of_new_events_and_registrants_get_a_reminder(
    partner, django_capture_on_commit_callbacks
):
    from notifications.publishing import record_reminders

    Subscription.objects.create(user=partner, kind="events", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        event = future_event()
    [announcement] = deliver()
    assert "LEG meeting: Q1 review" in announcement.subject

    EventRegistration.objects.create(event=event, user=partner, status="confirmed")
    record_reminders(event.start - datetime.timedelta(days=2))
    assert deliver() == []  # too early
    record_reminders(event.start - datetime.timedelta(hours=20))
    record_reminders(event.start - datetime.timedelta(hours=19))
    [reminder] = deliver(event.start - datetime.timedelta(hours=19))
    assert reminder.to == [partner.email]
    assert Notification.objects.filter(kind="event_reminder").count() == 1


READING_PAGES = [
    "/ru/",
    "/ru/knowledge-hub/best-practices/",
    "/ru/knowledge-hub/best-practices/systems-approach-to-digital-learning/",
    "/ru/news/",
    "/ru/documents/",
    "/ru/events/",
    "/ru/stakeholders/",
    "/ru/search/?q=ЮНИСЕФ",
]


@pytest.mark.parametrize("path", READING_PAGES)
def test_anonymous_readers_get_no_cookie_and_nothing_from_another_site(client, home, path):
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup

    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    page = BeautifulSoup(response.content, "html.parser")
    loaded = [node.get("src") or node.get("href") for node in page.select("script[src], img[src], iframe, link[href]")]
    # Everything the page loads comes from the site itself (alternate-language links name it in full).
    assert [url for url in loaded if urlsplit(url).netloc not in ("", "testserver")] == []
