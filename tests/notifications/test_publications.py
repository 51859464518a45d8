"""News and best practices announced on publish: once per item, in each reader's language, to those who may see it."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from accounts.models import User
from hub.models import ActionItem, Event, NewsIndexPage, NewsPage, Stakeholder
from notifications.models import Notification, Subscription
from notifications.publishing import record_reminders

from .conftest import deliver


@pytest.fixture
def news_index(home):
    return NewsIndexPage.objects.get(locale=home.locale)


def publish_news(index, title, django_capture_on_commit_callbacks):
    page = NewsPage(
        title=title, slug=title.lower().replace(" ", "-"), date=datetime.date(2026, 11, 20), summary="A summary."
    )
    with django_capture_on_commit_callbacks(execute=True):
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


def subscribe(email, kind, language="en", **fields):
    user = User.objects.create_user(email, preferred_language=language, **fields)
    Subscription.objects.create(user=user, kind=kind, confirmed_at=timezone.now())
    return user


def test_news_is_announced_once_in_each_readers_language(news_index, django_capture_on_commit_callbacks):
    subscribe("en@example.org", "news")
    subscribe("tg@example.org", "news", "tg")
    subscribe("documents-only@example.org", "documents")
    page = publish_news(news_index, "UNESCO IITE workshop", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # an edit republished: no second email

    emails = {m.to[0]: m for m in deliver()}

    assert set(emails) == {"en@example.org", "tg@example.org"}
    assert emails["en@example.org"].subject.startswith("New on LEG.TJ: UNESCO IITE workshop")
    assert emails["tg@example.org"].subject.startswith("Нав дар LEG.TJ")
    assert settings.WAGTAILADMIN_BASE_URL + page.url in emails["en@example.org"].body


def test_a_page_for_one_group_is_announced_only_to_that_group(news_index, django_capture_on_commit_callbacks):
    partners = Group.objects.create(name="Development partners")
    insider = subscribe("insider@example.org", "news")
    insider.groups.add(partners)
    subscribe("outsider@example.org", "news")
    restriction = PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([partners])

    publish_news(news_index, "Partners only briefing", django_capture_on_commit_callbacks)

    assert [m.to for m in deliver()] == [["insider@example.org"]]
    assert not Notification.objects.filter(email="outsider@example.org").exists()


def test_members_of_the_owning_organisation_are_reminded_of_action_items_due_soon(db):
    english = Locale.get_default()
    owner = Stakeholder.objects.create(name="Partner Org", code="partner-test", locale=english)
    other = Stakeholder.objects.create(name="Other Org", code="other-test", locale=english)
    start = timezone.now() - datetime.timedelta(days=30)
    event = Event.objects.create(
        title="LEG meeting",
        slug="leg-meeting-test",
        start=start,
        end=start + datetime.timedelta(hours=2),
        locale=english,
    )
    due = timezone.localdate() + datetime.timedelta(days=2)
    ActionItem.objects.create(
        event=event, description="Share the assessment data", owner=owner, due_date=due, locale=english
    )
    responsible = User.objects.create_user("focal@partner.example", organisation=owner)
    User.objects.create_user("someone@other.example", organisation=other)
    User.objects.create_user("muted@partner.example", organisation=owner, reminder_emails=False)

    record_reminders()
    record_reminders()

    [reminder] = deliver()
    assert reminder.to == [responsible.email]
    assert "Share the assessment data" in reminder.body
