from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

User = get_user_model()


def ensure_admin(**options):
    """Run the command and return the password it printed."""
    out = StringIO()
    call_command("ensure_admin", stdout=out, **options)
    return out.getvalue().split("password ")[-1].strip()


@pytest.mark.django_db
def test_people_are_identified_by_email_address():
    user = User.objects.create_user("Dilnoza@Example.TJ", organisation="UNICEF", preferred_language="tg")

    assert User.USERNAME_FIELD == "email"
    assert "username" not in {field.name for field in User._meta.get_fields()}
    assert User.objects.get(email="dilnoza@example.tj") == user
    assert user.organisation == "UNICEF"
    assert user.preferred_language == "tg"
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_an_email_address_belongs_to_one_person():
    User.objects.create_user("a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("A@example.org")


@pytest.mark.django_db
def test_administrator_signs_in_to_the_wagtail_admin_with_email(client):
    password = ensure_admin(email="admin@leg.tj")

    response = client.post("/admin/login/", {"username": "admin@leg.tj", "password": password}, follow=True)

    assert response.status_code == 200
    assert response.wsgi_request.user.email == "admin@leg.tj"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_administrator_adds_a_partner_with_organisation_and_language_in_the_admin(client):
    client.post("/admin/login/", {"username": "admin@leg.tj", "password": ensure_admin()})

    form = client.get(reverse("wagtailusers_users:add"))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "focal@unicef.org",
            "first_name": "Firuza",
            "last_name": "Rahimova",
            "organisation": "UNICEF",
            "preferred_language": "ru",
            "password1": "a-Long-passphrase-2026",
            "password2": "a-Long-passphrase-2026",
            "is_active": "on",
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302, response.content[:2000]
    partner = User.objects.get(email="focal@unicef.org")
    assert (partner.organisation, partner.preferred_language) == ("UNICEF", "ru")
    edit = client.get(reverse("wagtailusers_users:edit", args=[partner.pk]))
    assert 'value="UNICEF"' in edit.text
    assert 'name="preferred_language"' in edit.text


@pytest.mark.django_db
def test_ensure_admin_gives_a_new_password_each_run_and_keeps_one_account():
    first, second = ensure_admin(), ensure_admin()

    assert User.objects.filter(email="admin@leg.tj").count() == 1
    assert first != second
    assert User.objects.get(email="admin@leg.tj").check_password(second)
