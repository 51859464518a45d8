import pytest
from bs4 import BeautifulSoup
from django.test import Client, RequestFactory
from django.utils import translation

from legtj.views import server_error
from tests.conftest import LANGUAGES

NOT_FOUND = {"en": "Page not found", "ru": "Страница не найдена", "tg": "Саҳифа ёфт нашуд"}
SERVER_ERROR = {"en": "Something went wrong", "ru": "Что-то пошло не так", "tg": "Хатое рух дод"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_page_says_so_in_the_visitors_language(client, home, language):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert page.h1.get_text() == NOT_FOUND[language]
    assert page.select_one(".lang-switch")  # the visitor can still change language and navigate


@pytest.mark.parametrize("language", LANGUAGES)
def test_server_error_page_is_translated_and_needs_no_database(db, language, django_assert_num_queries):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert page.h1.get_text() == SERVER_ERROR[language]


def test_an_exception_shows_the_error_page_not_a_stack_trace(client, home, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("home.models.HomePage.serve", explode)
    client.raise_request_exception = False

    response = client.get("/ru/")

    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert SERVER_ERROR["ru"] in response.text


CSRF_FAILED = {"en": "The form could not be sent", "ru": "Форму не удалось отправить", "tg": "Шаклро фиристодан нашуд"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_without_its_security_token_gets_our_page_in_the_readers_language(home, language):
    """Django's own CSRF page is English, unstyled and without the site's header."""
    response = Client(enforce_csrf_checks=True).post(f"/{language}/accounts/login/", {"email": "a@example.org"})

    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert page.h1.get_text() == CSRF_FAILED[language]
    assert page.select_one(".site-header") and "CSRF" not in page.get_text()
