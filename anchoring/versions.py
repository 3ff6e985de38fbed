"""The anchoring plan as content: a snapshot of the draft (what an approved version keeps),
the same content made readable for a page, and the differences between two contents in
words. Built like the development plan's (`plans.versions`) on the shared reading and
matching of `programmes.versioning.content`.

A snapshot holds facts, not sentences: mechanisms, answers and sources by their codes (named
in the reader's language when shown), dates as ISO strings, and the names a later change must
not rewrite (the owner, a flagged dimension) as text. Item ids are kept so that a renamed
item reads as changed, not as removed and added.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from programmes.versioning.content import (
    EMPTY,
    changed_fields,
    choice_label,
    day_text,
    iso_day,
    match_items,
    shown_text,
    text_change,
)

from .models import (
    YIELD_TEXT,
    DimensionAnswer,
    Mechanism,
    Source,
    YieldAnswer,
    YieldAnswerChoice,
    YieldStatement,
)
from .selectors import flagged_dimensions, plan_items


def _dimension(flagged, answer: str) -> dict:
    return {"key": flagged.key, "name": flagged.name, "reason": flagged.reason, "answer": answer}


def snapshot(plan, *, flagged=None) -> dict:
    """The plan as it is now, as JSON-able data. `flagged`: the programme's flagged
    dimensions if already read (`selectors.flagged_dimensions`)."""
    if flagged is None:
        flagged = flagged_dimensions(plan.programme) if plan is not None else []
    if plan is None or plan.pk is None:
        return {
            "continuation": "",
            "items": [],
            "dimensions": [_dimension(d, "") for d in flagged],
            "yield": [{"statement": s, "answer": "", "note": ""} for s in YieldStatement.values],
        }
    answers = {
        row.dimension_key: row.answer for row in DimensionAnswer.objects.filter(plan_id=plan.pk)
    }
    yields = {row.statement: row for row in YieldAnswer.objects.filter(plan_id=plan.pk)}
    return {
        "continuation": plan.continuation,
        "items": [
            {
                "id": item.pk,
                "source": item.source,
                "source_id": item.trial_action_id or item.goal_id,
                "title": item.title,
                "mechanisms": [m for m in Mechanism.values if m in item.mechanisms],
                "description": item.description,
                "owner": item.owner.name if item.owner else "",
                "follow_up_on": item.follow_up_on.isoformat() if item.follow_up_on else "",
            }
            for item in plan_items(plan)
        ],
        "dimensions": [_dimension(d, answers.get(d.key, "")) for d in flagged],
        "yield": [
            {
                "statement": statement,
                "answer": yields[statement].answer if statement in yields else "",
                "note": yields[statement].note if statement in yields else "",
            }
            for statement in YieldStatement.values
        ],
    }


# Reading a content ---------------------------------------------------------------------


@dataclass
class ReadableItem:
    id: int | None
    source: str
    source_id: int | None
    title: str
    mechanisms: list[str]
    description: str
    owner: str
    follow_up_on: datetime.date | None
    # The page of the trial action or goal it anchors, when the page sets it.
    url: str = ""

    @property
    def is_complete(self) -> bool:
        return bool(self.mechanisms and self.owner and self.follow_up_on)


@dataclass
class ItemGroup:
    source: str
    label: str
    items: list[ReadableItem] = field(default_factory=list)


@dataclass
class ReadableYield:
    statement: str
    label: str
    text: str
    answer: str
    answer_label: str
    note: str


def readable_items(content: dict) -> list[ItemGroup]:
    """The items grouped by what they anchor (adopted trial actions, goals, other), each
    group in the plan's order; empty groups left out."""
    groups = {source: ItemGroup(source, str(label)) for source, label in Source.choices}
    for item in content.get("items", []):
        source = item.get("source") if item.get("source") in groups else Source.OTHER
        groups[source].items.append(
            ReadableItem(
                id=item.get("id"),
                source=source,
                source_id=item.get("source_id"),
                title=item.get("title", ""),
                mechanisms=[choice_label(Mechanism, m) for m in item.get("mechanisms", [])],
                description=item.get("description", ""),
                owner=item.get("owner", ""),
                follow_up_on=iso_day(item.get("follow_up_on")),
            )
        )
    return [group for group in groups.values() if group.items]


def readable_yield(content: dict) -> list[ReadableYield]:
    return [
        ReadableYield(
            statement=row.get("statement", ""),
            label=choice_label(YieldStatement, row.get("statement", "")),
            text=str(YIELD_TEXT.get(row.get("statement"), "")),
            answer=row.get("answer", ""),
            answer_label=choice_label(YieldAnswerChoice, row["answer"])
            if row.get("answer")
            else "",
            note=row.get("note", ""),
        )
        for row in content.get("yield", [])
    ]


# Differences ---------------------------------------------------------------------------


def _mechanisms(values) -> str:
    return "; ".join(choice_label(Mechanism, v) for v in values or []) or EMPTY


def _item_fields(item: dict) -> list[tuple[str, str]]:
    """(what, value as text) of an item, in the order a reader meets them."""
    return [
        (_("titlen"), shown_text(item.get("title"))),
        (_("hvordan det forankres"), _mechanisms(item.get("mechanisms"))),
        (_("beskrivelsen"), shown_text(item.get("description"))),
        (_("ejeren"), shown_text(item.get("owner"))),
        (_("opfølgningen"), day_text(item.get("follow_up_on"))),
    ]


def _answer(value) -> str:
    return choice_label(YieldAnswerChoice, value) if value else EMPTY


def diff(old_content: dict, new_content: dict) -> list[str]:
    """The differences from `old_content` to `new_content` (two snapshots), as sentences in
    the reader's language; empty when they say the same."""
    old_content, new_content = old_content or {}, new_content or {}
    lines = []
    for old_item, new_item in match_items(
        old_content.get("items", []), new_content.get("items", [])
    ):
        if new_item is None:
            lines.append(_("»%(title)s« er fjernet.") % {"title": old_item.get("title")})
        elif old_item is None:
            lines.append(_("»%(title)s« er tilføjet.") % {"title": new_item.get("title")})
        else:
            for what, was, now in changed_fields(_item_fields(old_item), _item_fields(new_item)):
                lines.append(
                    _("»%(item)s«: %(what)s er ændret fra »%(before)s« til »%(after)s«.")
                    % {"item": new_item.get("title"), "what": what, "before": was, "after": now}
                )
    old_answers = {d.get("key"): d for d in old_content.get("dimensions", [])}
    for dimension in new_content.get("dimensions", []):
        lines += text_change(
            _(
                "Dimensionen »%(name)s«: det, der blev gjort, er ændret fra »%(before)s« "
                "til »%(after)s«."
            ),
            (old_answers.get(dimension.get("key")) or {}).get("answer"),
            dimension.get("answer"),
            name=dimension.get("name"),
        )
    lines += text_change(
        _("Det videre arbejde er ændret fra »%(before)s« til »%(after)s«."),
        old_content.get("continuation"),
        new_content.get("continuation"),
    )
    old_yield = {row.get("statement"): row for row in old_content.get("yield", [])}
    for row in new_content.get("yield", []):
        was = old_yield.get(row.get("statement")) or {}
        statement = choice_label(YieldStatement, row.get("statement", ""))
        if _answer(was.get("answer")) != _answer(row.get("answer")):
            lines.append(
                _("Udbyttet »%(statement)s«: svaret er ændret fra »%(before)s« til »%(after)s«.")
                % {
                    "statement": statement,
                    "before": _answer(was.get("answer")),
                    "after": _answer(row.get("answer")),
                }
            )
        lines += text_change(
            _("Udbyttet »%(statement)s«: noten er ændret fra »%(before)s« til »%(after)s«."),
            was.get("note"),
            row.get("note"),
            statement=statement,
        )
    return lines
