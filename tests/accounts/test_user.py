import pytest
from django.contrib.auth import get_user_model

User = get_user_model()


@pytest.mark.django_db
def test_people_are_identified_by_email_address():
    user = User.objects.create_user("Dilnoza@Example.TJ", organisation="UNICEF", preferred_language="tg")

    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None
    assert User.objects.get(email="dilnoza@example.tj") == user
    assert user.organisation == "UNICEF"
    assert user.preferred_language == "tg"
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_an_email_address_belongs_to_one_person():
    from django.db import IntegrityError, transaction

    User.objects.create_user("a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("a@example.org")


@pytest.mark.django_db
def test_administrator_signs_in_to_the_wagtail_admin_with_email(client):
    from django.core.management import call_command

    call_command("ensure_admin", email="admin@leg.tj", stdout=(out := __import__("io").StringIO()))
    password = out.getvalue().split("password ")[-1].strip()

    response = client.post("/admin/login/", {"username": "admin@leg.tj", "password": password}, follow=True)

    assert response.status_code == 200
    assert response.wsgi_request.user.email == "admin@leg.tj"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_ensure_admin_gives_a_new_password_each_run_and_keeps_one_account():
    from io import StringIO

    from django.core.management import call_command

    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    assert User.objects.filter(email="admin@leg.tj").count() == 1
    assert first.getvalue() != second.getvalue()
