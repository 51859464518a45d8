import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import User
from hub.models import BestPracticeIndexPage, Country, Stakeholder


@pytest.fixture
def editor(db):
    return User.objects.create_superuser(email="editor@leg.tj", password="x" * 12)


def test_editors_get_word_guidance_and_only_the_pages_language_choices(client, demo, editor):
    client.force_login(editor)
    collection = BestPracticeIndexPage.objects.get(locale__language_code="ru")
    response = client.get(reverse("wagtailadmin_pages:add", args=["hub", "bestpracticepage", collection.pk]))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("script#word-guidance") is not None
    assert any("hub/js/word-count" in script.get("src", "") for script in page.select("script"))
    offered = {int(box["value"]) for box in page.select("input[name=countries]")}
    assert offered == set(Country.objects.filter(locale__language_code="ru").values_list("pk", flat=True))


def test_stakeholder_snippets_are_listed_and_searchable(client, demo, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_hub_stakeholder:list")
    response = client.get(url, {"q": "UNICEF", "locale": "en"})
    assert response.status_code == 200
    assert Stakeholder.objects.get(code="unicef", locale__language_code="en").name in response.text
    assert "Asian Development Bank" not in response.text
