"""Sessions as Django's `cached_db`, read in one round trip with the signed-in user's entry.

A signed-in request reads two cache entries: its session and its user's (`request_user`).
The user's key needs the user id, which is in the session, so the two reads would follow
each other, and on a busy machine each round trip to Redis costs more than the rest of the
middleware. So each process remembers which user a session key belonged to last time
(`remember`, bounded), and the next request of that session reads both entries with one
MGET. The remembered id is only a guess: `request_user.get_user` takes the prefetched entry
only when the session names the same user, and otherwise reads the user's entry itself.

With Redis down, sessions are read from and checked against the database alone (Django's
`cached_db` would fail the request when it puts the session back into the cache).
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import DEFAULT_CACHE_ALIAS

logger = logging.getLogger(__name__)

# Session key -> user id, per process. Emptied when full: a forgotten session only costs
# its next request a second round trip.
_USERS: dict[str, object] = {}
_MAX_REMEMBERED = 20_000


def remember(session_key: str | None, user_id) -> None:
    if not session_key:
        return
    if len(_USERS) >= _MAX_REMEMBERED:
        _USERS.clear()
    _USERS[session_key] = user_id


class SessionStore(cached_db.SessionStore):
    # (user id, that user's cache entry or None), when `load` read it with the session.
    prefetched_user = None

    def load(self):
        from . import request_user

        keys = [self.cache_key]
        user_id = _USERS.get(self.session_key)
        if user_id is not None and settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS:
            keys.append(request_user.cache_key(user_id))
        try:
            values = self._cache.get_many(keys)
        except Exception:
            # Redis is down: the database has every session (cached_db writes through).
            logger.warning("Could not read the session from the cache", exc_info=True)
            return self._load_from_database(keep=False)
        data = values.get(self.cache_key)
        if data is None:
            return self._load_from_database(keep=True)
        if len(keys) == 2:
            self.prefetched_user = (user_id, values.get(keys[1]))
        return data

    def _load_from_database(self, *, keep: bool):
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        if keep:
            try:
                self._cache.set(
                    self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date)
                )
            except Exception:
                logger.warning("Could not keep the session in the cache", exc_info=True)
        return data

    def delete(self, session_key=None):
        # Django's deletes the row, then fails the request (a sign-in, a sign-out) when Redis
        # is down. The row is what counts once Redis is back without the entry; a Redis that
        # comes back WITH it would serve the session until the entry expires, hence an error.
        DatabaseSessionStore.delete(self, session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.error("Could not delete a session from the cache", exc_info=True)

    def exists(self, session_key):
        # Asked for every new session key: without Redis, the database answers alone.
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.warning("Could not ask the cache for a session key", exc_info=True)
        return DatabaseSessionStore.exists(self, session_key)
