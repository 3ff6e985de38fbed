"""Sessions as Django's `cached_db`, read in one round trip with the signed-in user's entry.

A signed-in request reads two cache entries: its session and its user's (`request_user`).
The user's key needs the user id, which is in the session, so the two reads would follow
each other, and on a busy machine each round trip to Redis costs more than the rest of the
middleware. So each process remembers which user a session key belonged to last time
(`remember`, bounded), and the next request of that session reads both entries with one
MGET. The remembered id is only a guess: `request_user.get_user` takes the prefetched entry
only when the session names the same user, and otherwise reads the user's entry itself.
"""

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import DEFAULT_CACHE_ALIAS

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

        user_id = _USERS.get(self.session_key)
        if user_id is None or settings.SESSION_CACHE_ALIAS != DEFAULT_CACHE_ALIAS:
            return super().load()
        user_key = request_user.cache_key(user_id)
        try:
            values = self._cache.get_many([self.cache_key, user_key])
        except Exception:
            return super().load()
        data = values.get(self.cache_key)
        if data is None:
            return super().load()
        self.prefetched_user = (user_id, values.get(user_key))
        return data
