"""Reading a snapshot and comparing two, for every plan kind.

A snapshot holds facts, not sentences: choices by their codes, dates as ISO strings, and the
ids of the items in it, so that a renamed item reads as changed, not as removed and added.
These helpers name the facts in the reader's language and pair the items of two snapshots;
each plan kind writes its own sentences from them.
"""

import datetime

from django.utils.formats import date_format

# What a difference shows for a value that is empty.
EMPTY = "–"


def choice_label(choices, value) -> str:
    """The label of `value` among `choices` in the reader's language, or the value itself
    when the choices no longer hold it (a version keeps codes that may be retired)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def iso_day(value: str) -> datetime.date | None:
    """The date a snapshot holds as an ISO string, or None for none or a malformed one."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def day_text(value: str) -> str:
    """A snapshot's date as the reader writes dates; the text itself if it is no date."""
    day = iso_day(value)
    return date_format(day, "DATE_FORMAT") if day else (value or EMPTY)


def shown_text(value) -> str:
    """A value as a difference shows it: text without surrounding blanks, `EMPTY` for
    nothing."""
    value = (value or "").strip() if isinstance(value, str) else value
    return value or EMPTY


def text_change(sentence: str, before, after, **names) -> list[str]:
    """`sentence` filled with the two texts as shown (`shown_text`) as %(before)s and
    %(after)s, and `names`, when they differ; else nothing. A list, for a diff's `+=`."""
    before, after = shown_text(before), shown_text(after)
    if before == after:
        return []
    return [sentence % {**names, "before": before, "after": after}]


def item_key(item: dict):
    """What pairs an item of one snapshot with the same item in another: its id, or its
    title when the snapshot has no ids."""
    return ("id", item["id"]) if item.get("id") is not None else ("title", item.get("title"))


def match_items(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """The items of two snapshots in pairs (old item or None, new item or None): the removed
    first, in their old order, then every new item in its order with its old self."""
    old_by_key = {item_key(item): item for item in old}
    new_keys = {item_key(item) for item in new}
    pairs = [(item, None) for item in old if item_key(item) not in new_keys]
    pairs += [(old_by_key.get(item_key(item)), item) for item in new]
    return pairs


def changed_fields(old_fields, new_fields):
    """(what, before, after) for each field whose text differs; both sides are lists of
    (what, value as text) in the same order."""
    for (what, before), (_what, after) in zip(old_fields, new_fields, strict=True):
        if before != after:
            yield what, before, after
