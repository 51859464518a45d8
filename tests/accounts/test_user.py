from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Locale

from accounts.roles import ROLE_NAMES
from hub.models import Stakeholder
from notifications.models import Notification
from tests.notifications.conftest import deliver, sign_in_code

User = get_user_model()


@pytest.fixture
def unicef(db):
    return Stakeholder.objects.create(name="UNICEF", code="unicef", locale=Locale.get_default())


@pytest.mark.django_db
def test_people_are_identified_by_email_address(unicef):
    user = User.objects.create_user("Dilnoza@Example.TJ", organisation=unicef, preferred_language="tg")

    assert User.USERNAME_FIELD == "email"
    assert "username" not in {field.name for field in User._meta.get_fields()}
    assert User.objects.get(email="dilnoza@example.tj") == user
    assert user.organisation == unicef
    assert user.preferred_language == "tg"
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_an_email_address_belongs_to_one_person():
    User.objects.create_user("a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("A@example.org")


@pytest.mark.django_db
def test_the_administrator_has_no_password_and_signs_in_to_the_admin_by_code(client):
    out = StringIO()
    call_command("ensure_admin", email="admin@leg.tj", stdout=out)
    assert "/accounts/login/" in out.getvalue()
    admin = User.objects.get(email="admin@leg.tj")
    assert not admin.has_usable_password() and admin.is_superuser

    login = client.get("/admin/")
    assert login.status_code == 302 and login["Location"].startswith("/en/accounts/login/")
    client.post("/en/accounts/login/", {"email": "admin@leg.tj"})
    code = sign_in_code(deliver()[0])
    client.post("/en/accounts/login/code/confirm/", {"code": code})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_roles_are_groups_with_what_each_needs_and_no_more(db):
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_NAMES)}
    assert set(groups) == set(ROLE_NAMES)

    def person(role):
        user = User.objects.create_user(f"{role.lower()}@example.org")
        user.groups.add(groups[role])
        return User.objects.get(pk=user.pk)  # fresh permission cache

    member, editor, moderator, translator, administrator = (person(role) for role in ROLE_NAMES)
    assert not member.has_perm("wagtailadmin.access_admin")
    for user in (editor, moderator, translator, administrator):
        assert user.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("hub.change_event") and not editor.has_perm("hub.delete_event")
    assert moderator.has_perm("hub.delete_event")
    assert not translator.has_perm("hub.add_event") and translator.has_perm("hub.change_event")
    assert administrator.has_perm("accounts.add_user") and not moderator.has_perm("accounts.add_user")
    publishers = {
        name
        for name in ROLE_NAMES
        if groups[name].page_permissions.filter(permission__codename="publish_page").exists()
    }
    assert publishers == {"Moderators", "Administrators"}


@pytest.mark.django_db
def test_an_administrator_invites_a_partner_with_organisation_and_role(client, unicef):
    admin = User.objects.create_superuser("admin@leg.tj")
    client.force_login(admin)
    form = client.get(reverse("accounts_invite"))
    assert form.status_code == 200
    editors = Group.objects.get(name="Editors")
    response = client.post(
        reverse("accounts_invite"),
        {
            "email": "Focal@UNICEF.org",
            "first_name": "Firuza",
            "organisation": unicef.pk,
            "role": editors.pk,
            "preferred_language": "tg",
        },
    )
    assert response.status_code == 302
    partner = User.objects.get(email="focal@unicef.org")
    assert partner.organisation == unicef and list(partner.groups.all()) == [editors]
    assert not partner.has_usable_password()
    [invitation] = deliver()
    assert invitation.to == ["focal@unicef.org"] and invitation.extra_headers["Content-Language"] == "tg"
    assert "/tg/accounts/login/" in invitation.body

    again = client.post(
        reverse("accounts_invite"),
        {"email": "focal@unicef.org", "organisation": unicef.pk, "role": editors.pk, "preferred_language": "en"},
    )
    assert again.status_code == 200 and "already has an account" in again.text
    assert Notification.objects.filter(kind="invitation").count() == 1


@pytest.mark.django_db
def test_members_cannot_invite(client):
    member = User.objects.create_user("member@example.org")
    client.force_login(member)
    assert client.get(reverse("accounts_invite")).status_code in (302, 403)


def test_identity_providers_are_switched_on_by_their_client_ids():
    from tests.conftest import run_manage

    # The providers allauth registers (and the login page offers), read without a database.
    script = (
        "from allauth.socialaccount.providers import registry;print(sorted(p.id for p in registry.get_class_list()))"
    )
    none = run_manage("shell", "-c", script)
    assert none.returncode == 0, none.stderr
    assert none.stdout.strip().splitlines()[-1] == "[]"
    ids = {"GOOGLE_CLIENT_ID": "g", "MICROSOFT_CLIENT_ID": "m", "OIDC_CLIENT_ID": "o"}
    three = run_manage("shell", "-c", script, **ids)
    assert three.returncode == 0, three.stderr
    assert three.stdout.strip().splitlines()[-1] == "['google', 'microsoft', 'openid_connect']"
