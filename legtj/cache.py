"""A Redis cache that a Redis outage cannot turn into errors on every page.

Django's Redis backend raises when Redis is away, and Wagtail's site lookup,
our restriction cache and the sign-in rate limits all read the cache on
nearly every request. Here every operation that cannot reach Redis answers
as a cache miss (reads find nothing, writes store nothing, `add` does not
add), so pages are built from the database. After a failure Redis is left
alone for `RETRY_AFTER` seconds, so a black-holed server costs one connect
timeout per process, not one per cache call.

Sign-in's rate limits take a lock with `add`: while Redis is away that lock
is never granted and allauth refuses the attempt, which the account adapter
turns into a message saying sign-in is briefly unavailable. Limits are
never silently switched off.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds
_down_until = 0.0


def is_down():
    """True while this process treats Redis as unreachable (a failure in the last RETRY_AFTER seconds)."""
    return time.monotonic() < _down_until


def _guarded(name, on_failure):
    def method(self, *args, **kwargs):
        global _down_until
        if is_down():
            return on_failure(*args, **kwargs)
        try:
            return getattr(RedisCacheClient, name)(self, *args, **kwargs)
        except RedisError as error:
            _down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Cache unavailable (%s); serving without it for %s s", error, RETRY_AFTER)
            return on_failure(*args, **kwargs)

    method.__name__ = name
    return method


def _not_found(*args):
    raise ValueError("Key not found.")  # what incr says of a missing key


def _answer(value):
    return lambda *args: value


class ResilientRedisCacheClient(RedisCacheClient):
    add = _guarded("add", _answer(False))
    get = _guarded("get", lambda key, default: default)
    set = _guarded("set", _answer(None))
    touch = _guarded("touch", _answer(False))
    delete = _guarded("delete", _answer(False))
    get_many = _guarded("get_many", lambda keys: {})
    has_key = _guarded("has_key", _answer(False))
    incr = _guarded("incr", _not_found)
    set_many = _guarded("set_many", _answer([]))
    delete_many = _guarded("delete_many", _answer(None))
    clear = _guarded("clear", _answer(False))


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def is_down(self):
        return is_down()
