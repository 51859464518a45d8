import pytest
from bs4 import BeautifulSoup


def result_links(response):
    """The results that are pages of the site (documents are files, served from one address in any language)."""
    return BeautifulSoup(response.content, "html.parser").select(".search-results article:not(.hit-documents) h2 a")


def result_titles(response):
    return [a.get_text() for a in result_links(response)]


@pytest.mark.parametrize(
    ("language", "query", "title"), [("en", "Tajikistan", "Home"), ("ru", "Таджикистана", "Главная")]
)
def test_search_finds_pages_in_the_visitors_language_only(client, home, language, query, title):
    response = client.get(f"/{language}/search/", {"q": query})

    assert response.status_code == 200
    links = result_links(response)
    assert title in [a.get_text() for a in links]
    assert all(a["href"].startswith(f"/{language}/") for a in links)


def test_search_without_a_query_asks_for_one(client, home):
    response = client.get("/tg/search/")

    assert result_titles(response) == []
    assert "Калима ё ибораро" in response.text


def test_unpublished_pages_are_not_found(client, home):
    from home.models import HomePage

    assert "Home" in result_titles(client.get("/en/search/", {"q": "Tajikistan"}))
    HomePage.objects.get(locale__language_code="en").unpublish()

    assert "Home" not in result_titles(client.get("/en/search/", {"q": "Tajikistan"}))
