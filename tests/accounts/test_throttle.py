import datetime

import time_machine

from accounts.throttle import allow


def test_throttle_allows_up_to_the_limit_then_refuses(db):
    answers = [allow("test:a", limit=3, period_seconds=60) for _ in range(5)]

    assert answers == [True, True, True, False, False]


def test_throttle_counts_each_key_on_its_own(db):
    for _ in range(3):
        allow("test:a", limit=3, period_seconds=60)

    assert allow("test:a", limit=3, period_seconds=60) is False
    assert allow("test:b", limit=3, period_seconds=60) is True


def test_throttle_opens_again_when_the_period_is_over(db):
    start = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            allow("test:a", limit=3, period_seconds=60)
        assert allow("test:a", limit=3, period_seconds=60) is False
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert allow("test:a", limit=3, period_seconds=60) is True
