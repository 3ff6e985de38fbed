"""The rules that change the organisational assessment and SBST's list of dimensions.

A programme's assessment is kept as numbered, dated versions: a new one is added beside the
earlier ones, which are never changed. Saving what the latest version already says adds
nothing. The list of dimensions is SBST's data; a dimension no longer used is retired, not
deleted, so earlier versions keep their ratings of it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programmes.activity import log_action
from programmes.edits import typed_text
from programmes.errors import DomainError
from programmes.models import Programme

from .activity import Action
from .models import Assessment, Dimension, Rating, Score

DIMENSION_FIELDS = ("name", "description", "position")


def _refuse_invalid(instance, *, exclude=()) -> None:
    """Run the model's own validators (the guard against CPR numbers, e-mail addresses and
    phone numbers among them) and refuse with the first message."""
    try:
        instance.full_clean(exclude=["municipality", *exclude], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def latest_assessment(programme) -> Assessment | None:
    """The programme's newest version, with its ratings and their dimensions."""
    return (
        Assessment.objects.filter(programme_id=programme.pk)
        .prefetch_related("ratings__dimension")
        .order_by("-number")
        .first()
    )


def _content(summary: str, ratings) -> tuple:
    """What a version says, to tell whether a new one says anything new."""
    return (
        typed_text(summary),
        {
            rating["dimension"].pk: (
                int(rating["score"]),
                typed_text(rating["justification"]),
                typed_text(rating.get("evidence")),
            )
            for rating in ratings
        },
    )


def _content_of(assessment: Assessment, dimension_ids) -> tuple:
    return _content(
        assessment.summary,
        [
            {
                "dimension": rating.dimension,
                "score": rating.score,
                "justification": rating.justification,
                "evidence": rating.evidence,
            }
            for rating in assessment.ratings.all()
            if rating.dimension_id in dimension_ids
        ],
    )


@transaction.atomic
def add_assessment(
    programme: Programme,
    *,
    by,
    assessed_on: datetime.date,
    summary: str = "",
    ratings: list[dict],
) -> tuple[Assessment, bool]:
    """Add the next dated version of the programme's organisational assessment.

    `ratings` holds one dict per dimension in use: `dimension`, `score` (the fixed scale),
    `justification` (required) and `evidence` (optional). Returns the new version and True,
    or, when the ratings and the summary are those of the latest version, that version and
    False: nothing is saved and nothing logged. The programme's row is locked, so two people
    saving at once get the next two numbers.
    """
    Programme.objects.select_for_update().filter(pk=programme.pk).get()
    active = {d.pk: d for d in Dimension.objects.filter(is_active=True)}
    given = [r["dimension"].pk for r in ratings]
    if len(given) != len(set(given)) or set(given) != set(active):
        raise DomainError(
            _("Vurdér hver dimension i rammen én gang. Listen er ændret; hent siden igen.")
        )
    if assessed_on > timezone.localdate():
        raise DomainError(
            _("Datoen for vurderingen kan ikke ligge i fremtiden."), field="assessed_on"
        )
    latest = latest_assessment(programme)
    if latest is not None and assessed_on < latest.assessed_on:
        raise DomainError(
            _("Datoen kan ikke ligge før version %(number)s, som er vurderet den %(date)s.")
            % {
                "number": latest.number,
                "date": date_format(latest.assessed_on, "DATE_FORMAT"),
            },
            field="assessed_on",
        )
    if latest is not None and _content(summary, ratings) == _content_of(latest, set(active)):
        return latest, False

    rows = []
    for wanted in ratings:
        rating = Rating(
            dimension=wanted["dimension"],
            score=wanted["score"],
            justification=typed_text(wanted["justification"]),
            evidence=typed_text(wanted.get("evidence")),
        )
        if rating.score not in Score.values:
            raise DomainError(_("Vælg en vurdering fra 1 til 5."), field="score")
        if not rating.justification:
            raise DomainError(_("Skriv en begrundelse for vurderingen."), field="justification")
        _refuse_invalid(rating, exclude=["assessment", "dimension"])
        rows.append(rating)
    assessment = Assessment(
        programme=programme,
        number=(latest.number if latest else 0) + 1,
        assessed_on=assessed_on,
        summary=typed_text(summary),
        created_by=by,
    )
    _refuse_invalid(assessment, exclude=["programme", "created_by"])
    assessment.save()
    for rating in rows:
        rating.assessment = assessment
    Rating.objects.bulk_create(rows)
    log_action(
        assessment,
        Action.ADDED,
        by=by,
        data={
            "number": assessment.number,
            "assessed_on": assessment.assessed_on.isoformat(),
            "ratings": len(rows),
        },
    )
    return assessment, True


def _unique_name(name: str, *, other_than=None) -> None:
    taken = Dimension.objects.filter(name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        raise DomainError(_("Der findes allerede en dimension med det navn."), field="name")


def next_position() -> int:
    """The position after the last dimension's: a new dimension goes last."""
    last = Dimension.objects.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def create_dimension(*, by, name: str, description: str = "", position: int | None = None):
    """SBST adds a dimension to the assessment; every later version rates it."""
    dimension = Dimension(
        name=name.strip(),
        description=typed_text(description),
        position=next_position() if position is None else position,
    )
    if not dimension.name:
        raise DomainError(_("Giv dimensionen et navn."), field="name")
    _unique_name(dimension.name)
    _refuse_invalid(dimension)
    dimension.save()
    log_action(dimension, Action.DIMENSION_ADDED, by=by, data={"name": dimension.name})
    return dimension


@transaction.atomic
def change_dimension(dimension: Dimension, *, by, **values) -> list[str]:
    """Change a dimension's name, description or position; returns the fields changed (none:
    nothing is saved and nothing logged). Earlier versions show the new name too: it is the
    same dimension, better named."""
    locked = Dimension.objects.select_for_update().get(pk=dimension.pk)
    wanted = {
        "name": (values.get("name", locked.name) or "").strip(),
        "description": typed_text(values.get("description", locked.description)),
        "position": values.get("position", locked.position),
    }
    changed = [field for field in DIMENSION_FIELDS if getattr(locked, field) != wanted[field]]
    if not changed:
        return []
    if not wanted["name"]:
        raise DomainError(_("Giv dimensionen et navn."), field="name")
    if "name" in changed:
        _unique_name(wanted["name"], other_than=locked)
    for field in changed:
        setattr(locked, field, wanted[field])
    _refuse_invalid(locked)
    locked.save(update_fields=changed)
    for field in changed:
        setattr(dimension, field, wanted[field])
    log_action(
        locked, Action.DIMENSION_CHANGED, by=by, data={"name": locked.name, "fields": changed}
    )
    return changed


@transaction.atomic
def set_dimension_active(dimension: Dimension, *, by, active: bool) -> bool:
    """Retire a dimension (later versions no longer rate it; earlier ones keep their ratings)
    or take it into use again. Returns whether anything changed."""
    locked = Dimension.objects.select_for_update().get(pk=dimension.pk)
    if locked.is_active == active:
        return False
    if not active and not Dimension.objects.filter(is_active=True).exclude(pk=locked.pk).exists():
        raise DomainError(_("Rammen skal have mindst én dimension i brug."))
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    dimension.is_active = active
    log_action(
        locked,
        Action.DIMENSION_REACTIVATED if active else Action.DIMENSION_RETIRED,
        by=by,
        data={"name": locked.name},
    )
    return True
