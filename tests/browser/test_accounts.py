"""Signing in by emailed code in real Chromium, and the account pages under axe-core in both themes."""

import pytest

from tests.browser.axe import assert_accessible
from tests.notifications.conftest import deliver, sign_in_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_member_signs_in_with_a_code_from_their_email(site, new_page, theme):
    from accounts.models import User

    User.objects.create_user(email="firuza@partner.example", first_name="Firuza", preferred_language="ru")
    page = new_page(color_scheme=theme)
    page.goto(f"{site.url}/ru/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert_accessible(page)
    page.get_by_label("Электронная почта").fill("firuza@partner.example")
    page.get_by_role("button", name="Отправить мне код").click()
    page.wait_for_url("**/accounts/login/code/confirm/")
    assert_accessible(page)

    [message] = deliver()  # the worker's pass: the request itself sent nothing
    page.get_by_label("Код").fill(sign_in_code(message))
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(f"{site.url}/ru/accounts/profile/")
    assert page.locator("h1").inner_text() == "Ваш профиль"
    assert "firuza@partner.example" in page.locator("main").inner_text()
    assert_accessible(page)
    assert page.problems == []
