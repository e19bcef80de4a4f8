"""Issue 18.1: the production cache (portal.cache.RedisCache, on the Redis this machine and CI run)
keeps one client per process and counts in one round trip, readable as Django's cache reads it."""

import os

import pytest

from portal.cache import RedisCache

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS, {"KEY_PREFIX": "test-redis-cache"})
    cache.delete_many(["visits", "other"])
    yield cache
    cache.delete_many(["visits", "other"])


def test_a_count_is_made_once_and_then_grows(redis_cache):
    assert redis_cache.count("visits", 60) == (1, True)
    assert redis_cache.count("visits", 60, by=4) == (5, False)
    assert redis_cache.get("visits") == 5  # an ordinary cache value
    redis_cache.decr("visits", 5)
    assert redis_cache.count("visits", 60) == (1, False)  # taken back to 0 by a flush: not new
    raw = redis_cache._cache.get_client(write=True)
    assert 0 < raw.ttl(redis_cache.make_key("visits")) <= 60  # kept only as long as asked


def test_every_call_of_a_process_shares_one_client(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("other", "giá trị", 30)
    assert redis_cache.get("other") == "giá trị"
    assert redis_cache._cache.get_client(write=True) is client
