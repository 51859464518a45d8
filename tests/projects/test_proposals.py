"""Members of a project's organisations propose progress notes; moderators accept or decline them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import MODERATORS
from hub.models import Stakeholder
from projects.models import ProgressNote, Project, ProposedUpdate

pytestmark = pytest.mark.django_db

TEACHERS = "/{}/projects/xi-iati-ec_intpa-sample-tj-teachers/"


def member_of(code, language="ru"):
    # The Russian row of the organisation: membership holds across languages.
    organisation = Stakeholder.objects.get(code=code, locale__language_code=language)
    return User.objects.create_user(email=f"someone@{code}.example", organisation=organisation)


def teachers():
    return Project.objects.get(locale__language_code="en", iati_identifier="XI-IATI-EC_INTPA-SAMPLE-TJ-TEACHERS")


def test_a_member_of_the_projects_donor_proposes_an_update_and_a_moderator_publishes_it(client, demo):
    client.force_login(member_of("eu"))
    page = BeautifulSoup(client.get(TEACHERS.format("ru")).content, "html.parser")
    assert page.select_one("form.proposal")
    response = client.post(TEACHERS.format("ru"), {"date": "2026-11-20", "text": "Обучено ещё 300 учителей."})
    assert response.status_code == 302 and response["Location"].endswith("#progress")
    proposal = ProposedUpdate.objects.get()
    assert (proposal.status, proposal.language, proposal.organisation.code) == ("pending", "ru", "eu")
    # Nothing public yet.
    assert "Обучено ещё 300" not in client.get(TEACHERS.format("en")).content.decode()

    moderator = User.objects.create_user(email="moderator@leg.example")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    review = client.get("/admin/projects/proposals/").content.decode()
    assert "Обучено ещё 300 учителей." in review
    edited = "Обучено ещё 300 учителей в Хатлоне."
    for _twice in range(2):  # a double submit accepts once
        client.post("/admin/projects/proposals/", {"proposal": proposal.pk, "action": "accept", "text": edited})
    notes = ProgressNote.objects.filter(project=teachers(), text=edited)
    assert notes.count() == 1 and notes.get().date == datetime.date(2026, 11, 20)
    client.logout()
    assert edited in client.get(TEACHERS.format("en")).content.decode()


def test_a_bad_proposal_is_kept_and_explained_in_the_members_language(client, demo):
    client.force_login(member_of("eu"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(TEACHERS.format("ru"), {"date": tomorrow.isoformat(), "text": "Текст сохранён"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert "в будущем" in page.select_one("#proposal-errors").get_text()
    assert page.select_one("textarea[name=text]").get_text().strip() == "Текст сохранён"
    assert not ProposedUpdate.objects.exists()


def test_only_members_of_the_projects_organisations_may_propose(client, demo):
    anonymous = BeautifulSoup(client.get(TEACHERS.format("en")).content, "html.parser")
    assert "sign in" in anonymous.select_one("#progress").find_parent("section").get_text()
    client.force_login(member_of("adb", "en"))  # ADB does not take part in the EU's project
    page = BeautifulSoup(client.get(TEACHERS.format("en")).content, "html.parser")
    assert page.select_one("form.proposal") is None
    assert client.post(TEACHERS.format("en"), {"date": "2026-01-01", "text": "x"}).status_code == 403
    assert not ProposedUpdate.objects.exists()


def test_a_declined_proposal_keeps_the_moderators_comment_and_publishes_nothing(client, demo):
    proposal = ProposedUpdate.objects.create(
        project=teachers(), language="en", date=datetime.date(2026, 1, 5), text="Wrong figure"
    )
    moderator = User.objects.create_user(email="moderator@leg.example")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    client.post("/admin/projects/proposals/", {"proposal": proposal.pk, "action": "decline", "comment": "Source?"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.comment) == ("declined", "Source?")
    assert not ProgressNote.objects.filter(text="Wrong figure").exists()


def test_editors_cannot_review_proposals(client, demo):
    from accounts.roles import EDITORS

    editor = User.objects.create_user(email="editor@leg.example")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get("/admin/projects/proposals/").status_code in (302, 403)
