import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from accounts.roles import MODERATORS, TRANSLATORS, ensure_roles


def member_of(group, email):
    user = User.objects.create_user(email=email)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(demo):
    ensure_roles()
    return member_of(TRANSLATORS, "translator@leg.tj"), member_of(MODERATORS, "moderator@leg.tj")
