"""With Redis away, pages are built from the database and sign-in says it is briefly unavailable (issue 15, item 9).

The cache points at a port where nothing listens: the same as a Redis that
crashed or a network that dropped it, on either test configuration.
"""

import pytest
from django.core.cache import cache

from legtj import cache as resilient
from tests.conftest import free_port

PAGES = [
    "/en/",
    "/ru/",
    "/tg/knowledge-hub/",
    "/ru/news/",
    "/en/news/feed/",
    "/en/documents/",
    "/ru/events/",
    "/en/events/calendar/",
    "/en/stakeholders/",
    "/en/search/?q=school",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/ru/accounts/login/",
]


@pytest.fixture
def redis_away(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "legtj.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    monkeypatch.setattr(resilient, "_down_until", 0.0)
    assert cache.get("anything", "missing") == "missing"  # the cache answers as a miss instead of raising
    return cache


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_from_the_database_while_redis_is_away(client, demo, redis_away, path):
    response = client.get(path)
    assert response.status_code == 200
    assert redis_away.is_down()


def test_sign_in_says_it_is_briefly_unavailable_in_the_visitors_language(client, demo, redis_away):
    response = client.post("/ru/accounts/login/", {"email": "admin@leg.tj"})
    assert response.status_code == 200
    assert "Вход временно недоступен" in response.content.decode()


def test_after_a_failure_redis_is_left_alone_and_tried_again_later(redis_away, monkeypatch):
    assert redis_away.is_down()
    monkeypatch.setattr(resilient, "_down_until", 0.0)  # RETRY_AFTER has passed
    assert not redis_away.is_down()
    assert redis_away.add("lock", 1) is False  # a lock is never granted while Redis is away
    assert redis_away.is_down()
