import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import TaskState, WorkflowState

from accounts.models import User
from hub.best_practices.forms import BestPracticeSubmissionForm
from hub.models import ActionTrack, BestPracticePage, Country, Stakeholder

SUBMIT = "/{}/knowledge-hub/best-practices/submit/"
SUBMISSIONS = "/{}/knowledge-hub/best-practices/submissions/"
LONG_ANSWER = "First paragraph of the answer.\n\n- a point\n- another point\n\nClosing words."


@pytest.fixture
def partner(db):
    return User.objects.create_user(email="partner@example.org", password="x" * 12)


@pytest.fixture
def moderator(db):
    user = User.objects.create_user(email="moderator@leg.tj", password="x" * 12, first_name="Mo")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def answers(language="en", **overrides):
    def ids(model, codes):
        return [
            str(pk)
            for pk in model.objects.filter(locale__language_code=language, code__in=codes).values_list("pk", flat=True)
        ]

    data = {
        "title": "Mobile libraries for mountain schools",
        "countries": ids(Country, ["tj"]),
        "action_tracks": ids(ActionTrack, ["1", "4"]),
        "organisations": ids(Stakeholder, ["unicef"]),
        "other_organisations": "Pamir Education Trust",
        "keywords": "libraries, reading, rural schools\nmountains; books",
        **dict.fromkeys(BestPracticeSubmissionForm.ANSWERS, LONG_ANSWER),
    }
    data.update(overrides)
    return data


def test_signing_in_is_required(client, demo):
    response = client.get(SUBMIT.format("ru"))
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/login/?next=/ru/knowledge-hub/best-practices/submit/")


def test_the_form_asks_the_twelve_questions_in_the_visitors_language(client, demo, partner):
    client.force_login(partner)
    page = BeautifulSoup(client.get(SUBMIT.format("tg")).content, "html.parser")
    labels = [element.get_text(" ", strip=True) for element in page.select(".field > label, .field legend")]
    numbered = [label for label in labels if label[:3].rstrip(". ").isdigit()]
    assert len(numbered) == 12
    with translation.override("tg"):
        expected = str(BestPracticeSubmissionForm.base_fields["introduction"].label)
    assert expected != "7. Introduction"
    assert any(label.startswith(expected) for label in labels)
    # Only the Tajik vocabulary is offered.
    tajik_tracks = set(ActionTrack.objects.filter(locale__language_code="tg").values_list("pk", flat=True))
    offered = {int(box["value"]) for box in page.select("input[name=action_tracks]")}
    assert offered == tajik_tracks


def test_invalid_input_keeps_everything_typed_and_says_what_to_fix(client, demo, partner):
    client.force_login(partner)
    data = answers("ru", keywords="одно, два", results="", action_tracks=[])

    response = client.post(SUBMIT.format("ru"), data)

    assert response.status_code == 200
    assert not BestPracticePage.objects.filter(title=data["title"]).exists()
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_title")["value"] == data["title"]
    assert page.select_one("#id_introduction").get_text().strip() == LONG_ANSWER
    assert page.select_one("#id_keywords").get_text().strip() == "одно, два"
    errors = page.select_one(".form-errors").get_text(" ", strip=True)
    with translation.override("ru"):
        assert str(BestPracticeSubmissionForm.base_fields["results"].error_messages["required"]) in errors
    assert "вы указали 2" in errors  # the keyword count, in Russian
    assert {a["href"] for a in page.select(".form-errors a")} == {"#id_keywords", "#id_results", "#id_action_tracks_0"}
    tajikistan = page.select_one(f"input[name=countries][value='{data['countries'][0]}']")
    assert tajikistan.has_attr("checked")


def test_a_submission_goes_through_moderation_and_is_published(client, demo, partner, moderator):
    client.force_login(partner)
    response = client.post(SUBMIT.format("en"), answers())
    assert response.status_code == 302 and response["Location"] == SUBMISSIONS.format("en")

    practice = BestPracticePage.objects.get(title="Mobile libraries for mountain schools")
    assert not practice.live and practice.owner == partner and practice.locale.language_code == "en"
    assert (
        practice.introduction
        == "<p>First paragraph of the answer.</p><ul><li>a point</li><li>another point</li></ul><p>Closing words.</p>"
    )
    assert [k.name for k in practice.keywords.all()] == ["libraries", "reading", "rural schools", "mountains", "books"]
    state = practice.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Not public until approved.
    assert client.get(practice.url).status_code == 404
    assert "Awaiting review" in client.get(SUBMISSIONS.format("en")).text
    assert any("moderator@leg.tj" in message.to for message in mail.outbox)

    # The moderator sees it in the admin's review queue and approves it.
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Mobile libraries for mountain schools" in dashboard.text
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[practice.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)

    practice.refresh_from_db()
    assert practice.live
    client.logout()
    assert client.get(practice.url).status_code == 200
    assert "Mobile libraries for mountain schools" in client.get("/en/knowledge-hub/best-practices/").text
    client.force_login(partner)
    assert "Published" in client.get(SUBMISSIONS.format("en")).text


def test_changes_requested_reach_the_submitter_who_revises_and_resubmits(client, demo, partner, moderator):
    client.force_login(partner)
    client.post(SUBMIT.format("ru"), answers("ru"))
    practice = BestPracticePage.objects.get(title="Mobile libraries for mountain schools")
    task_state = practice.current_workflow_state.current_task_state

    client.force_login(moderator)
    reject = reverse("wagtailadmin_pages:workflow_action", args=[practice.pk, "reject", task_state.pk])
    client.post(reject, {"comment": "Please add the budget."})
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED

    client.force_login(partner)
    status = BeautifulSoup(client.get(SUBMISSIONS.format("ru")).content, "html.parser")
    with translation.override("ru"):
        from django.utils.translation import gettext

        assert gettext("Changes requested") in status.get_text()
    assert "Please add the budget." in status.get_text()
    revise = status.select_one("a[href*='/edit/']")["href"]

    form = BeautifulSoup(client.get(revise).content, "html.parser")
    assert form.select_one("#id_implementation").get_text().strip().startswith("First paragraph of the answer.")
    response = client.post(revise, answers("ru", implementation="The budget was 120,000 US dollars."))
    assert response.status_code == 302

    practice.refresh_from_db()
    assert practice.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "120,000" in practice.get_latest_revision_as_object().implementation
    assert not practice.live


def test_others_cannot_revise_a_submission(client, demo, partner):
    client.force_login(partner)
    client.post(SUBMIT.format("en"), answers())
    practice = BestPracticePage.objects.get(title="Mobile libraries for mountain schools")
    other = User.objects.create_user(email="other@example.org", password="y" * 12)
    client.force_login(other)
    assert client.get(f"/en/knowledge-hub/best-practices/submissions/{practice.pk}/edit/").status_code == 404
    status = BeautifulSoup(client.get(SUBMISSIONS.format("en")).content, "html.parser")
    assert status.select(".table") == [] and "Mobile libraries" not in status.select_one("main h1").find_next("p").text


def test_a_cancelled_submission_can_be_sent_again(client, demo, partner):
    client.force_login(partner)
    client.post(SUBMIT.format("en"), answers())
    practice = BestPracticePage.objects.get(title="Mobile libraries for mountain schools")
    practice.current_workflow_state.cancel(user=partner)
    practice.refresh_from_db()
    assert practice.current_workflow_state is None

    status = BeautifulSoup(client.get(SUBMISSIONS.format("en")).content, "html.parser")
    revise = status.select_one("a[href*='/edit/']")["href"]
    assert client.post(revise, answers(title="Mobile libraries, revised")).status_code == 302

    practice.refresh_from_db()
    assert practice.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
