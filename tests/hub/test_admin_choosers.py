"""Each role sees in the admin only what it may use: no title of a restricted document, image or page (item 3)."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from accounts.models import User
from accounts.roles import TRANSLATORS
from hub.documents.models import Access
from hub.models import Event, HubDocument, NewsIndexPage, NewsPage
from tests.hub.documents.test_documents import make_document, png_file

SECRETS = ["Board minutes", "Budget for partners", "Board photo", "Unpublished plan", "Members briefing"]


@pytest.fixture
def secrets(demo):
    """One restricted thing of each kind, each with a title nobody else has."""
    partners = Group.objects.create(name="Budget partners")
    board = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([partners])
    make_document("Board minutes", "board", collection=board)
    make_document("Budget for partners", "budget", access=Access.RESTRICTED, groups=[partners])
    get_image_model().objects.create(title="Board photo", file=png_file("board.png"), collection=board)
    index = NewsIndexPage.objects.get(locale__language_code="en")
    index.add_child(
        instance=NewsPage(title="Unpublished plan", slug="unpublished-plan", date="2026-11-30", summary="-", live=False)
    )
    briefing = index.add_child(
        instance=NewsPage(title="Members briefing", slug="members-briefing", date="2026-11-30", summary="-")
    )
    PageViewRestriction.objects.create(page=briefing, restriction_type=PageViewRestriction.LOGIN)
    return index


def translator():
    user = User.objects.create_user(email="translator@leg.tj")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    return user


def admin_only():
    """Allowed into the admin, with no page, document or image permission at all."""
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user(email="viewer@leg.tj")
    user.groups.add(group)
    return user


def admin_views(index):
    event = Event.objects.filter(locale__language_code="en").first()
    return [
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=Board",
        "/admin/documents/chooser/results/?q=Budget",
        "/admin/images/chooser/",
        "/admin/images/chooser/results/?q=Board",
        "/admin/choose-page/",
        f"/admin/choose-page/{index.pk}/",
        "/admin/choose-page/search/?q=plan",
        "/admin/choose-page/search/?q=briefing",
        f"/admin/snippets/hub/event/edit/{event.pk}/",
    ]


def titles_shown(client, user, index):
    client.force_login(user)
    shown = set()
    for url in admin_views(index):
        response = client.get(url)
        if response.status_code == 200:
            shown |= {title for title in SECRETS if title in response.content.decode()}
    return shown


@pytest.mark.parametrize("role", [translator, admin_only], ids=["translator", "admin access only"])
def test_no_admin_view_shows_a_title_the_person_may_not_see(client, secrets, role):
    assert titles_shown(client, role(), secrets) == set()


def test_the_people_allowed_still_find_them_in_the_choosers(client, secrets):
    allowed = User.objects.create_superuser(email="admin@leg.tj")
    assert titles_shown(client, allowed, secrets) == set(SECRETS)
    # A public page stays choosable for everyone.
    client.force_login(admin_only())
    assert Page.objects.get(slug="unesco-iite-national-workshop-ict-oer-2018", locale__language_code="en").title in (
        client.get(f"/admin/choose-page/{secrets.pk}/").content.decode()
    )


def test_a_translator_saving_an_event_keeps_its_links_to_documents_they_cannot_see(client, secrets):
    event = Event.objects.filter(locale__language_code="en").first()
    hidden, shown = HubDocument.objects.get(title="Budget for partners"), make_document("Open agenda", "open")
    event.documents.add(hidden, shown)
    event.save()
    user = translator()
    client.force_login(user)
    page = client.get(f"/admin/snippets/hub/event/edit/{event.pk}/").content.decode()
    assert "Budget for partners" not in page and "Open agenda" in page
    # The form as the edit view builds it for this person, given back what it offered.
    form = Event.snippet_viewset.get_edit_handler().get_form_class()(instance=event, for_user=user)
    assert hidden not in form.fields["documents"].queryset
    form.cleaned_data = {"documents": form.fields["documents"].queryset.filter(pk=shown.pk)}
    assert set(form.clean_documents()) == {hidden, shown}
