"""The review's summary as pure functions of its cases and findings (no database).

The principles × cases grid, and per principle the share of the cases where it shows:
clearly, and clearly or partly, each counted of the cases where the principle is relevant.
Then how often the citizen's hopes, wishes and dreams and their resources appear in the
assessment and in the action plan.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from programmes.models import Principle

from .models import Presence, Shows


@dataclass(frozen=True)
class Share:
    """`count` of `of` cases, and the share in whole percent (half rounded up)."""

    count: int
    of: int

    @property
    def percent(self) -> int | None:
        if not self.of:
            return None
        return (200 * self.count + self.of) // (2 * self.of)


@dataclass(frozen=True)
class Cell:
    """One case's finding for one principle; `shows` is empty when none is recorded."""

    shows: str

    @property
    def label(self) -> str:
        return str(Shows(self.shows).label) if self.shows else str(_("Ikke registreret"))


@dataclass(frozen=True)
class PrincipleRow:
    principle: int
    label: str
    cells: Sequence[Cell]
    relevant: int
    clearly: Share
    clearly_or_partly: Share


def principle_rows(case_ids: Sequence[int], findings: Iterable) -> list[PrincipleRow]:
    """One row per principle, in the principles' order, with a cell per case in `case_ids`'
    order. `findings` are (case id, principle, shows) triples; a case without a finding for a
    principle counts as neither relevant nor not."""
    shown = {(case_id, principle): shows for case_id, principle, shows in findings}
    rows = []
    for principle in Principle:
        cells = [Cell(shown.get((case_id, principle.value), "")) for case_id in case_ids]
        values = [cell.shows for cell in cells if cell.shows]
        relevant = sum(1 for value in values if value != Shows.NOT_RELEVANT)
        clearly = sum(1 for value in values if value == Shows.CLEARLY)
        partly = sum(1 for value in values if value == Shows.PARTLY)
        rows.append(
            PrincipleRow(
                principle=principle.value,
                label=str(principle.label),
                cells=cells,
                relevant=relevant,
                clearly=Share(clearly, relevant),
                clearly_or_partly=Share(clearly + partly, relevant),
            )
        )
    return rows


# The four questions about the citizen's own voice, as (field, question).
PRESENCE_QUESTIONS = (
    ("hopes_in_assessment", _("Håb, ønsker og drømme i udredningen")),
    ("hopes_in_action_plan", _("Håb, ønsker og drømme i handleplanen")),
    ("resources_in_assessment", _("Ressourcer i udredningen")),
    ("resources_in_action_plan", _("Ressourcer i handleplanen")),
)


@dataclass(frozen=True)
class PresenceRow:
    field: str
    question: str
    yes: int
    partly: int
    no: int

    @property
    def total(self) -> int:
        return self.yes + self.partly + self.no


def presence_rows(cases: Iterable) -> list[PresenceRow]:
    """For each question, how many cases answer yes, partly and no (`cases` are objects or
    dicts with the four fields)."""
    cases = list(cases)

    def value(case, field):
        return case[field] if isinstance(case, dict) else getattr(case, field)

    rows = []
    for field, question in PRESENCE_QUESTIONS:
        answers = [value(case, field) for case in cases]
        rows.append(
            PresenceRow(
                field=field,
                question=str(question),
                yes=answers.count(Presence.YES),
                partly=answers.count(Presence.PARTLY),
                no=answers.count(Presence.NO),
            )
        )
    return rows
