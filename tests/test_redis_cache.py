from django.conf import settings

from config.cache import RedisCache


def test_the_redis_cache_makes_one_client_per_pool_and_works():
    cache = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.set("key", ("a", 1), 30)
    assert cache.get("key") == ("a", 1)
    assert cache.add("key", "other", 30) is False
    cache.delete("key")
    assert cache.get("key") is None
