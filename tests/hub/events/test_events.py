import datetime
import threading
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale

from accounts.models import User
from hub.events.registrations import register
from hub.models import ActionItem, Event, EventRegistration, Stakeholder
from tests.conftest import LANGUAGES, hub_seed, restore_rows_made_by_migrations, seed, sitemap_text

EVENTS = "/{}/events/"
QUARTERLY = "leg-quarterly-meeting"
PAST_MEETING = "leg-meeting-previous-quarter"
MEETING_LINK = "meet.example.org"
DUSHANBE = zoneinfo.ZoneInfo("Asia/Dushanbe")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def seed_events(language):
    return {row["slug"]: row for row in hub_seed("events", language)["events"]}


def titles(response, selector=".event-list .event a"):
    return [a.get_text(strip=True) for a in soup(response).select(selector)]


def event(slug, language="en"):
    return Event.objects.get(slug=slug, locale__language_code=language)


def member(email="member@example.org"):
    return User.objects.create_user(email=email, password="x" * 12)


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(cal):
    return {str(item["UID"]): item for item in cal.walk("VEVENT")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_events_page_lists_upcoming_and_past_events_in_the_visitors_language(client, demo, language):
    seeds = seed_events(language)
    upcoming = [row for row in seeds.values() if row["starts_in_days"] > 0]
    response = client.get(EVENTS.format(language))
    assert response.status_code == 200
    assert titles(response) == [row["title"] for row in sorted(upcoming, key=lambda row: row["starts_in_days"])]
    assert titles(client.get(EVENTS.format(language), {"when": "past"})) == [seeds[PAST_MEETING]["title"]]

    detail = soup(client.get(f"{EVENTS.format(language)}{QUARTERLY}/"))
    assert detail.html["lang"] == language
    assert detail.h1.get_text(strip=True) == seeds[QUARTERLY]["title"]
    assert seeds[QUARTERLY]["venue"] in detail.get_text()
    assert [li.get_text(strip=True) for li in detail.select("#agenda ~ div li")] == seeds[QUARTERLY]["agenda"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_the_next_three_events(client, demo, language):
    seeds = seed_events(language)
    soonest = sorted((row for row in seeds.values() if row["starts_in_days"] > 0), key=lambda r: r["starts_in_days"])
    page = client.get(f"/{language}/")
    assert titles(page, ".cards.events .event h3 a") == [row["title"] for row in soonest[:3]]
    english = [section["type"] for section in seed("en")["sections"]]
    heading = seed(language)["sections"][english.index("events")]["heading"]
    assert heading in [h2.get_text(strip=True) for h2 in soup(page).select("section h2")]


def test_filters_by_type_and_organiser(client, demo):
    seeds = seed_events("ru")
    assert titles(client.get(EVENTS.format("ru"), {"type": "workshop"})) == [
        seeds["digital-learning-workshop"]["title"]
    ]
    assert titles(client.get(EVENTS.format("ru"), {"organiser": "moes"})) == [seeds[QUARTERLY]["title"]]
    assert titles(client.get(EVENTS.format("ru"), {"organiser": "moes", "when": "past"})) == [
        seeds[PAST_MEETING]["title"]
    ]
    assert titles(client.get(EVENTS.format("ru"), {"organiser": "moes", "type": "training"})) == []
    organisers = soup(client.get(EVENTS.format("ru"))).select("#facet-organiser ~ ul a")
    assert "МОН" in [a.get_text(strip=True) for a in organisers]  # organisers in the visitor's language


def test_the_organiser_filter_lists_the_busiest_organisers_and_the_one_chosen(client, demo):
    """A thousand partners would make the filter a directory: it lists the 20 organisers of most events, A–Z."""
    english = Locale.objects.get(language_code="en")
    organisations = Stakeholder.objects.bulk_create(
        [Stakeholder(locale=english, code=f"org-{n:02}", name=f"Org {n:02}", category="ngo") for n in range(30)]
    )
    soon = timezone.now() + datetime.timedelta(days=1)
    through = Event.organisers.through
    for n, organisation in enumerate(organisations):
        events = Event.objects.bulk_create(
            [
                Event(locale=english, slug=f"org-{n}-{k}", title=f"Event {n} {k}", start=soon, end=soon)
                for k in range(n + 2)  # org-29 organises most, org-00 fewest (the demo's organise one or two)
            ]
        )
        through.objects.bulk_create([through(event_id=e.pk, stakeholder_id=organisation.pk) for e in events])

    def organisers(query=None):
        links = soup(client.get(EVENTS.format("en"), query or {})).select("#facet-organiser ~ ul a")
        return [a["data-code"] for a in links]

    assert organisers() == [f"org-{n:02}" for n in range(10, 30)]
    chosen = organisers({"organiser": "org-00"})
    assert "org-00" in chosen and len(chosen) == 21
    assert titles(client.get(EVENTS.format("en"), {"organiser": "org-00"})) == ["Event 0 0", "Event 0 1"]


def test_month_calendar_is_a_table_with_each_event_on_its_days(client, demo):
    workshop = event("digital-learning-workshop")
    first, last = workshop.start_date, workshop.end_date
    assert (last - first).days == 1
    response = client.get(f"/tg/events/calendar/{first.year}/{first.month}/")
    assert response.status_code == 200
    page = soup(response)
    table = page.select_one("table.calendar")
    assert table.caption.get_text(strip=True).endswith(str(first.year))
    assert len(table.select("thead th[scope=col]")) == 7
    title = seed_events("tg")["digital-learning-workshop"]["title"]
    days_with_workshop = [
        cell.select_one(".visually-hidden").get_text()
        for cell in table.select("td")
        if title in cell.get_text() and cell.select_one(".visually-hidden")
    ]
    assert len(days_with_workshop) == (2 if first.month == last.month else 1)
    # The same month as an agenda for narrow screens: one entry per day with events, dated in words.
    agenda_days = [item for item in page.select(".agenda > ol > li") if title in item.get_text()]
    assert len(agenda_days) == (2 if first.month == last.month else 1)
    assert agenda_days[0].time["datetime"] == first.isoformat()
    assert client.get("/en/events/calendar/").status_code == 200
    for bad in ("2026/13/", "1999/12/", "2026/0/"):
        assert client.get(f"/en/events/calendar/{bad}").status_code == 404


@pytest.mark.parametrize(("language", "label"), [("en", "Today"), ("ru", "Сегодня"), ("tg", "Имрӯз")])
def test_today_is_labelled_in_words_not_marked_like_a_focus_ring(client, demo, language, label):
    page = soup(client.get(f"/{language}/events/calendar/"))
    today = page.select_one("td[aria-current=date]")
    assert today.select_one(".today-label").get_text() == label
    assert page.select("td .today-label") == [today.select_one(".today-label")]
    empty = soup(client.get(f"/{language}/events/calendar/2031/1/"))
    assert empty.select(".agenda > ol > li") == [] and empty.select_one(".agenda p")


def test_times_are_shown_in_dushanbe_time(client, demo):
    quarterly = event(QUARTERLY)
    quarterly.start = datetime.datetime(2027, 3, 3, 5, 0, tzinfo=datetime.UTC)  # 10:00 in Dushanbe
    quarterly.end = datetime.datetime(2027, 3, 3, 8, 0, tzinfo=datetime.UTC)
    quarterly.save()
    text = soup(client.get(f"/ru/events/{QUARTERLY}/")).select_one(".facts").get_text(" ")
    assert "3 марта 2027" in text and "10:00" in text and "13:00" in text


def test_anonymous_visitors_never_see_meeting_links(client, demo):
    urls = [
        f"/{language}/events/{path}"
        for language in LANGUAGES
        for path in (
            "",
            "?when=past",
            "calendar/",
            f"{QUARTERLY}/",
            f"{QUARTERLY}/ical/",
            "feed/",
            "feed/type/leg-meeting/",
        )
    ]
    urls += ["/en/events/feed/organiser/moes/", "/sitemap-events.xml", "/en/", "/en/stakeholders/moes/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MEETING_LINK not in response.content.decode(), url
    assert soup(client.get("/en/search/", {"q": "meet.example.org leg-quarterly"})).select(".search-results li") == []
    assert "Sign in" in soup(client.get(f"/en/events/{QUARTERLY}/")).select_one(".facts").get_text()

    client.force_login(member())
    page = client.get(f"/en/events/{QUARTERLY}/")
    assert f"https://{MEETING_LINK}/leg-quarterly" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    own_copy = client.get(f"/en/events/{QUARTERLY}/ical/")
    assert MEETING_LINK in str(vevents(parse(own_copy)).popitem()[1]["DESCRIPTION"])
    assert "private" in own_copy["Cache-Control"]
    assert MEETING_LINK not in client.get("/en/events/feed/").content.decode()  # feeds are public whoever asks


def test_a_member_registers_and_the_waiting_list_moves_up(client, demo):
    quarterly = event(QUARTERLY, "ru")
    Event.objects.filter(translation_key=quarterly.translation_key).update(capacity=1)
    first, second = Client(), Client()
    first.force_login(member("first@example.org"))
    second.force_login(member("second@example.org"))
    url = f"/ru/events/{QUARTERLY}/"

    assert Client().post(url + "register/", {"action": "register"})["Location"].startswith("/ru/accounts/login/")
    assert first.post(url + "register/", {"action": "register"}).status_code == 302
    assert "Вы зарегистрированы." in soup(first.get(url)).select_one(".registration").get_text()
    second.post(url + "register/", {"action": "register"})
    assert "под номером 1 в списке ожидания" in soup(second.get(url)).select_one(".registration").get_text()
    # The English page counts the same places: one event, whatever the language.
    assert "1 of 1 place taken" in soup(first.get(f"/en/events/{QUARTERLY}/")).select_one(".registration").get_text()

    first.post(url + "register/", {"action": "cancel"})
    statuses = dict(EventRegistration.objects.values_list("user__email", "status"))
    assert statuses == {"second@example.org": "confirmed"}

    first.post(url + "register/", {"action": "register"})
    assert dict(EventRegistration.objects.values_list("user__email", "status"))["first@example.org"] == "waitlisted"
    english = event(QUARTERLY)
    english.capacity = 2  # editors add a place: the waiting list moves up
    english.save()
    assert set(EventRegistration.objects.values_list("status", flat=True)) == {"confirmed"}
    # Opening the form's address registers nobody: it leads to the event.
    response = second.get(url + "register/")
    assert response.status_code == 302 and response["Location"] == url
    assert EventRegistration.objects.count() == 2


def test_registration_closes_when_the_event_cannot_take_it(client, demo):
    client.force_login(member())
    postponed = event("assessment-training")
    client.post(f"/en/events/{postponed.slug}/register/", {"action": "register"})
    past = event(PAST_MEETING)
    Event.objects.filter(pk=past.pk).update(registration_open=True)
    response = client.post(f"/en/events/{past.slug}/register/", {"action": "register"}, follow=True)
    assert "Registration for this event is closed." in response.content.decode()
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_members_asking_for_the_last_place_at_once_get_one_place_and_one_wait(monkeypatch):
    restore_rows_made_by_migrations()
    english = Locale.objects.get(language_code="en")
    start = timezone.now() + datetime.timedelta(days=3)
    last_place = Event.objects.create(
        locale=english,
        slug="last-place",
        title="One place left",
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_open=True,
        capacity=1,
    )
    people = [member(f"member{n}@example.org") for n in range(2)]
    # Widen the window between "is there a place?" and "take it" so that without a lock both would get it.
    checked = Event.accepts_registrations

    def slow_check(self):
        threading.Event().wait(0.3)
        return checked(self)

    monkeypatch.setattr(Event, "accepts_registrations", slow_check)
    ready, results, errors = threading.Barrier(2), [], []

    def attempt(person):
        try:
            ready.wait()
            results.append(register(last_place, person).status)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == ["confirmed", "waitlisted"]
    assert EventRegistration.objects.filter(event=last_place, status="confirmed").count() == 1


def feed_events(client, url):
    return vevents(parse(client.get(url)))


def test_feeds_are_valid_icalendar_with_timezone_uid_sequence_and_status(client, demo):
    response = client.get("/en/events/feed/")
    assert response["Cache-Control"].startswith("public")
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)  # RFC 5545 3.1: folded at 75 octets
    cal = Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    zones = cal.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Asia/Dushanbe"]
    items = vevents(cal)
    assert len(items) == Event.objects.filter(locale__language_code="en").count()
    for item in items.values():
        for required in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "STATUS", "SUMMARY"):
            assert required in item
    quarterly = event(QUARTERLY)
    entry = items[quarterly.calendar_uid]
    assert entry["DTSTART"].params["TZID"] == "Asia/Dushanbe"
    assert entry.decoded("DTSTART") == quarterly.start.astimezone(DUSHANBE)
    assert str(items[event("assessment-training").calendar_uid]["STATUS"]) == "TENTATIVE"
    workshop = items[event("digital-learning-workshop").calendar_uid]
    assert workshop["DTSTART"].params["VALUE"] == "DATE"
    assert workshop.decoded("DTEND") - workshop.decoded("DTSTART") == datetime.timedelta(days=2)

    # One event, one UID, in every language.
    assert set(feed_events(client, "/ru/events/feed/")) == set(items)
    assert set(feed_events(client, "/tg/events/feed/type/workshop/")) == {
        event("digital-learning-workshop").calendar_uid
    }
    assert set(feed_events(client, "/en/events/feed/organiser/moes/")) == {
        quarterly.calendar_uid,
        event(PAST_MEETING).calendar_uid,
    }
    assert client.get("/en/events/feed/organiser/nobody/").status_code == 404
    assert client.get("/en/events/feed/type/party/").status_code == 404


def test_changing_the_time_or_cancelling_raises_the_sequence_in_every_language(client, demo):
    quarterly = event(QUARTERLY)
    uid = quarterly.calendar_uid
    assert int(feed_events(client, "/ru/events/feed/")[uid]["SEQUENCE"]) == 0

    quarterly.title = "LEG quarterly meeting, retitled"
    quarterly.save()
    assert int(feed_events(client, "/ru/events/feed/")[uid]["SEQUENCE"]) == 0  # wording is not a reschedule

    quarterly.start += datetime.timedelta(hours=1)
    quarterly.end += datetime.timedelta(hours=1)
    quarterly.save()
    russian = feed_events(client, "/ru/events/feed/")[uid]
    assert int(russian["SEQUENCE"]) == 1
    assert russian.decoded("DTSTART") == quarterly.start.astimezone(DUSHANBE)  # the new time, at once

    quarterly.venue = "Ministry of Education and Science, room 12, Dushanbe"
    quarterly.save()
    assert int(feed_events(client, "/en/events/feed/")[uid]["SEQUENCE"]) == 2  # a new place is a reschedule

    quarterly.status = Event.Status.CANCELLED
    quarterly.save()
    for language in LANGUAGES:
        cancelled = feed_events(client, f"/{language}/events/feed/")[uid]
        assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 3
    page = soup(client.get(f"/tg/events/{QUARTERLY}/"))
    assert page.select_one(".status").get_text(strip=True) == "Бекор карда шуд"
    assert page.select_one(".message.error").get_text(strip=True) == "Ин чорабинӣ бекор карда шуд."


def test_a_translation_cannot_move_the_event(demo):
    """wagtail-localize builds translations from a snapshot: the facts still come from the original."""
    quarterly, russian = event(QUARTERLY), event(QUARTERLY, "ru")
    russian.start -= datetime.timedelta(days=7)
    russian.capacity = 999
    russian.save()
    russian.refresh_from_db()
    assert (russian.start, russian.capacity) == (quarterly.start, quarterly.capacity)
    assert event(QUARTERLY).sequence == 0


def test_action_items_are_for_members_on_the_meeting_the_owner_and_the_open_items_page(client, demo):
    seeds = seed_events("ru")[PAST_MEETING]["action_items"]
    open_items = [row["description"] for row in seeds if row["status"] != "done"]
    done_item = next(row["description"] for row in seeds if row["status"] == "done")
    meeting = f"/ru/events/{PAST_MEETING}/"

    anonymous = client.get(meeting).content.decode()
    assert all(row["description"] not in anonymous for row in seeds)
    assert client.get("/ru/events/action-items/")["Location"].startswith("/ru/accounts/login/")
    assert seeds[1]["description"] not in client.get("/ru/stakeholders/world-bank/").content.decode()

    client.force_login(member())
    rows = soup(client.get(meeting)).select("table.action-items tbody tr")
    assert [row.td.get_text(strip=True) for row in rows] == [row["description"] for row in seeds]
    overdue = [row for row in rows if row.select_one(".overdue")]
    assert [row.td.get_text(strip=True) for row in overdue] == [seeds[1]["description"]]

    listed = soup(client.get("/ru/events/action-items/")).select("table.action-items tbody tr td:first-child")
    assert sorted(cell.get_text(strip=True) for cell in listed) == sorted(open_items)
    assert done_item not in client.get("/ru/events/action-items/").content.decode()
    by_owner = soup(client.get("/ru/events/action-items/", {"owner": "world-bank"}))
    assert [cell.get_text(strip=True) for cell in by_owner.select("tbody td:first-child")] == [seeds[1]["description"]]
    owner_page = soup(client.get("/ru/stakeholders/world-bank/"))
    assert seeds[1]["description"] in owner_page.select_one("#owned-action-items").parent.get_text()
    assert seed_events("ru")[PAST_MEETING]["title"] in owner_page.select_one("#linked-events").parent.get_text()


def test_an_action_items_status_change_reaches_every_language(demo):
    item = ActionItem.objects.filter(event=event(PAST_MEETING), status="open").get()
    item.status = ActionItem.Status.DONE
    item.save()
    assert set(ActionItem.objects.filter(translation_key=item.translation_key).values_list("status", flat=True)) == {
        "done"
    }


def test_event_validation_messages(demo):
    from django.core.exceptions import ValidationError

    quarterly = event(QUARTERLY)
    quarterly.end = quarterly.start - datetime.timedelta(hours=1)
    quarterly.slug = "calendar"
    with pytest.raises(ValidationError) as problem:
        quarterly.full_clean()
    assert set(problem.value.message_dict) == {"end", "slug"}


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_directory_and_event_pages_need_the_same_queries_with_a_thousand_more(
    client, demo, django_assert_max_num_queries
):
    client.force_login(member())
    this_month = timezone.localdate()
    urls = [
        "/ru/events/",
        "/ru/events/?when=past",
        "/ru/events/?organiser=moes&type=leg-meeting",
        f"/ru/events/calendar/{this_month.year}/{this_month.month}/",
        f"/ru/events/{QUARTERLY}/",
        f"/ru/events/{PAST_MEETING}/",
        "/ru/events/action-items/",
        "/ru/events/feed/",
        "/ru/stakeholders/",
        "/ru/stakeholders/moes/",
        "/ru/",
    ]
    before = [count_queries(client, url) for url in urls]

    english = Locale.objects.get(language_code="en")
    organisations = Stakeholder.objects.bulk_create(
        [Stakeholder(locale=english, code=f"org-{n}", name=f"Organisation {n}", category="ngo") for n in range(1000)]
    )
    moes = Stakeholder.objects.get(code="moes", locale=english)
    now = timezone.now()
    events = Event.objects.bulk_create(
        [
            Event(
                locale=english,
                slug=f"event-{n}",
                title=f"Event {n}",
                start=now + datetime.timedelta(hours=n - 500),
                end=now + datetime.timedelta(hours=n - 499),
            )
            for n in range(1000)
        ]
    )
    through = Event.organisers.through
    through.objects.bulk_create(
        [through(event_id=e.pk, stakeholder_id=s.pk) for e, s in zip(events, organisations, strict=True)]
        + [through(event_id=e.pk, stakeholder_id=moes.pk) for e in events]
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(event=e, locale=english, description=f"Do {n}", owner=moes, due_date=now.date())
            for n, e in enumerate(events)
        ]
    )

    assert [count_queries(client, url) for url in urls] == before
    for url in urls:
        # Wagtail's routing and the signed-in member's session make most of these; the organisation page
        # also lists practices, news, events, action items and documents; documents need the member's groups.
        with django_assert_max_num_queries(42 if "stakeholders/moes" in url else 32):
            client.get(url)


def test_sitemap_lists_every_event_in_every_language(client, demo):
    sitemap = sitemap_text(client)
    for language in LANGUAGES:
        assert f"/{language}/events/{QUARTERLY}/</loc>" in sitemap


def test_editors_see_events_and_follow_up_action_items_in_the_admin(client, demo):
    from django.urls import reverse

    client.force_login(User.objects.create_superuser(email="editor@leg.tj", password="x" * 12))
    events = client.get(reverse("wagtailsnippets_hub_event:list"), {"locale": "en"})
    assert events.status_code == 200 and seed_events("en")[QUARTERLY]["title"] in events.content.decode()

    listing = soup(client.get(reverse("action_items:index")))
    descriptions = [row["description"] for row in seed_events("en")[PAST_MEETING]["action_items"]]
    assert sorted(a.get_text(strip=True) for a in listing.select("tbody td.title .title-wrapper a")) == sorted(
        descriptions
    )
    item = ActionItem.objects.get(description=descriptions[1])
    response = client.post(
        reverse("action_items:edit", args=[item.pk]),
        {"status": "done", "due_date": item.due_date.isoformat(), "owner": item.owner_id},
    )
    assert response.status_code == 302
    assert set(ActionItem.objects.filter(translation_key=item.translation_key).values_list("status", flat=True)) == {
        "done"
    }


def test_editors_create_an_event_with_their_languages_organisations_and_clear_errors(client, demo):
    from django.urls import reverse

    client.force_login(User.objects.create_superuser(email="editor@leg.tj", password="x" * 12))
    url = reverse("wagtailsnippets_hub_event:add") + "?locale=ru"
    form = soup(client.get(url))
    offered = {int(box["value"]) for box in form.select("input[name=organisers]")}
    assert offered == set(Stakeholder.objects.filter(locale__language_code="ru").values_list("pk", flat=True))

    unicef = Stakeholder.objects.get(code="unicef", locale__language_code="ru")
    fields = {
        "title": "Встреча рабочей группы",
        "slug": "wg-meeting",
        "event_type": "working-group",
        "status": "scheduled",
        "start": "2027-02-10 10:00",
        "end": "2027-02-10 09:00",
        "time_zone": "Asia/Dushanbe",
        "organisers": [unicef.pk],
        "capacity": "",
        "action_items-TOTAL_FORMS": "0",
        "action_items-INITIAL_FORMS": "0",
        "action_items-MIN_NUM_FORMS": "0",
        "action_items-MAX_NUM_FORMS": "1000",
    }
    refused = client.post(url, fields)
    assert refused.status_code == 200
    assert "The event cannot end before it starts." in refused.content.decode()
    assert not Event.objects.filter(slug="wg-meeting").exists()

    assert client.post(url, {**fields, "end": "2027-02-10 12:00"}).status_code == 302
    created = Event.objects.get(slug="wg-meeting")
    assert created.start == datetime.datetime(2027, 2, 10, 10, 0, tzinfo=DUSHANBE)  # entered in Dushanbe time
    assert list(created.organisers.all()) == [unicef]


def test_the_meeting_lists_its_minutes_and_documents_in_every_language(client, demo):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    minutes = Document(title="Minutes of the previous quarter")
    minutes.file.save("minutes.txt", ContentFile(b"Agreed: common school building standard."), save=True)
    paper = Document(title="Draft school building standard")
    paper.file.save("standard.txt", ContentFile(b"Draft."), save=True)
    meeting = event(PAST_MEETING)
    meeting.minutes = minutes
    meeting.documents = [paper]
    meeting.save()

    for language in LANGUAGES:
        page = soup(client.get(f"/{language}/events/{PAST_MEETING}/"))
        links = page.select("#event-documents ~ p a") + page.select("#event-documents ~ .document-list h3 a")
        assert [a.get_text(strip=True).split(": ")[-1] for a in links] == [minutes.title, paper.title]
        assert client.get(links[0]["href"]).status_code == 200


def test_the_tajik_calendar_names_each_day_of_the_week_differently(client, demo):
    page = BeautifulSoup(client.get("/tg/events/calendar/").content, "html.parser")
    days = [abbr.get_text(strip=True) for abbr in page.select("thead abbr")]
    assert days == ["Дш", "Сш", "Чш", "Пш", "Ҷ", "Ш", "Яш"]  # Django's catalog calls Tuesday "Яш" too


def test_the_places_taken_answer_the_open_page_in_its_language_and_the_same_for_everyone(client, demo):
    quarterly = event(QUARTERLY, "tg")
    Event.objects.filter(translation_key=quarterly.translation_key).update(capacity=3)
    register(quarterly, member())
    url = f"/tg/events/{QUARTERLY}/places/"

    answer = client.get(url)
    assert answer.json()["taken"] == 1 and answer.json()["capacity"] == 3
    page_text = soup(client.get(f"/tg/events/{QUARTERLY}/")).select_one("[data-places-url]").get_text(strip=True)
    assert answer.json()["text"] == page_text
    assert "public" in answer["Cache-Control"]
    signed_in = Client()
    signed_in.force_login(member("another@example.org"))
    assert signed_in.get(url).json() == answer.json()
    assert client.get(url, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
    assert client.get("/tg/events/no-such-event/places/").status_code == 404


@pytest.mark.parametrize("all_day", [False, True])
def test_the_home_page_keeps_an_event_exactly_until_the_events_page_counts_it_over(demo, all_day, monkeypatch):
    """The kept list (next_events) and the listing (not_over) must agree to the microsecond."""
    from django.utils import translation

    from hub.events.views import localized_events, over_at, upcoming

    quarterly = event(QUARTERLY)
    quarterly.all_day = all_day
    quarterly.save()
    last_moment = over_at(quarterly) - datetime.timedelta(microseconds=1)
    for moment, listed in ((last_moment, True), (over_at(quarterly), False)):
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        with translation.override("en"):
            assert upcoming(localized_events()).filter(pk=quarterly.pk).exists() is listed


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_page_reads_its_event_once_a_version(client, demo, language, django_assert_max_num_queries):
    url = f"/{language}/events/{QUARTERLY}/"
    first = client.get(url)

    # The content's version and the documents this reader may see: the event, its organisers and its places
    # taken are read once per content version.
    with django_assert_max_num_queries(4):
        again = client.get(url)
    assert again.content == first.content
    assert client.get(f"/{language}/events/no-such-event/").status_code == 404


def test_the_kept_listings_move_an_event_to_the_past_when_it_ends_not_when_the_first_listed_one_does(
    client, demo, monkeypatch, django_assert_max_num_queries
):
    """A long event listed first outlasts a short one listed after it: the short one's end changes both lists."""
    now = timezone.now()
    long, short = event("digital-learning-workshop"), event(QUARTERLY)
    long.start, long.end = now + datetime.timedelta(hours=1), now + datetime.timedelta(days=10)
    short.start, short.end = now + datetime.timedelta(hours=2), now + datetime.timedelta(hours=3)
    long.save()
    short.save()
    upcoming_url, past_url = EVENTS.format("en"), EVENTS.format("en") + "?when=past"
    assert titles(client.get(upcoming_url))[:2] == [long.title, short.title]
    assert short.title not in titles(client.get(past_url))
    with django_assert_max_num_queries(2):  # the content's version; the events and their organisers are kept
        client.get(upcoming_url)

    after = short.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after)
    assert titles(client.get(upcoming_url))[0] == long.title and short.title not in titles(client.get(upcoming_url))
    assert titles(client.get(past_url))[0] == short.title


def test_the_month_calendar_is_read_once_a_version_and_shows_a_change_at_once(
    client, demo, django_assert_max_num_queries
):
    workshop = event("digital-learning-workshop", "ru")
    url = f"/ru/events/calendar/{workshop.start_date.year}/{workshop.start_date.month}/"
    first = client.get(url)
    assert workshop.title in first.text
    with django_assert_max_num_queries(2):
        assert client.get(url).content == first.content
    # Each filter is its own month: the kept unfiltered one does not answer for it.
    other_type = next(value for value in Event.Type.values if value != workshop.event_type)
    assert workshop.title not in client.get(url, {"type": other_type}).text
    assert workshop.title in client.get(url, {"type": workshop.event_type}).text

    workshop.title = "Семинар, переименованный"
    workshop.save()
    renamed = soup(client.get(url))
    assert [a["href"] for a in renamed.select("td a") if a.get_text(strip=True).endswith(workshop.title)]
    assert [a["href"] for a in renamed.select("td a") if workshop.title in a.get_text()][0] == (
        f"/ru/events/{workshop.slug}/"
    )


def test_the_feed_is_written_once_a_version_and_lets_an_old_event_go_on_time(
    client, demo, monkeypatch, django_assert_max_num_queries
):
    """The iCalendar feed is kept (thousands of events take a second to write out) until the content changes or
    its earliest ending event is more than FEED_HISTORY old, when that event leaves it."""
    from hub.events.calendars import FEED_HISTORY

    now = timezone.now()
    old = event(QUARTERLY)
    old.start, old.end = (
        now - FEED_HISTORY + datetime.timedelta(hours=1),
        now - FEED_HISTORY + datetime.timedelta(hours=2),
    )
    old.save()
    url = "/en/events/feed/"
    assert old.calendar_uid in feed_events(client, url)
    with django_assert_max_num_queries(1):  # the content's version: the events and the text are kept
        assert old.calendar_uid in feed_events(client, url)

    later = now + datetime.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert old.calendar_uid not in feed_events(client, url)
    assert event("digital-learning-workshop").calendar_uid in feed_events(client, url)
