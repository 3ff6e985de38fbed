"""The rules that change the temperature measurement: SBST's instrument, a programme's
rounds, and an answer through a group's link.

The instrument is kept as numbered versions. An edit goes to the newest version; when a
round has been taken with it, the edit first copies it into the next version, so a round
always shows the statements it was answered with. An edit that changes nothing saves nothing.

A round is opened by the coordinator with one link per respondent group and closed by them;
its links stop working when it closes. An answer stores the values and the group, nothing
that could tie it to a person, and is not logged.
"""

import datetime
import secrets

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from phases.models import Phase
from phases.selectors import phase_of
from programmes.activity import log_action
from programmes.edits import typed_text
from programmes.errors import DomainError
from programmes.models import Programme

from .activity import Action
from .models import (
    Answer,
    Dimension,
    Instrument,
    MeasurementRound,
    RespondentGroup,
    RespondentKind,
    Response,
    RoundKind,
    Statement,
)

# A link works at most this long, even when a round is forgotten open.
LINK_VALID_FOR = datetime.timedelta(days=365)
SCALE_MIN_STEPS, SCALE_MAX_STEPS = 2, 7
STATEMENT_MAX = 10
# The phases each kind of round may be opened in.
ROUND_PHASES = {
    RoundKind.FIRST: (Phase.PREPARE, Phase.DEVELOP),
    RoundKind.FOLLOW_UP: (Phase.ANCHOR,),
}


def lines(value: str | None) -> list[str]:
    """The non-empty lines of a text, each stripped: a list typed one item per line."""
    return [line.strip() for line in typed_text(value).split("\n") if line.strip()]


# The instrument --------------------------------------------------------------------------


def current_instrument() -> Instrument:
    """The newest version of the instrument, with its dimensions and statements."""
    return Instrument.objects.prefetch_related("dimensions__statements").order_by("-version")[0]


def _lock_newest() -> Instrument:
    """Lock the newest version; another edit waits here and then sees what this one made."""
    while True:
        newest = Instrument.objects.order_by("-version").values_list("pk", flat=True)[0]
        locked = Instrument.objects.select_for_update().get(pk=newest)
        if not Instrument.objects.filter(version__gt=locked.version).exists():
            return locked


def _editable(locked: Instrument, *, by) -> Instrument:
    """The version an edit goes to: the newest itself, or, when a round has been taken with
    it, a copy of it as the next version."""
    if not locked.rounds.exists():
        return locked
    copy = Instrument.objects.create(version=locked.version + 1, scale=locked.scale, created_by=by)
    for dimension in locked.dimensions.prefetch_related("statements"):
        statements = list(dimension.statements.all())
        dimension.pk = None
        dimension.instrument = copy
        dimension.save()
        Statement.objects.bulk_create(
            Statement(dimension=dimension, text=s.text, position=s.position) for s in statements
        )
    return copy


def _dimension_in(instrument: Instrument, key: str) -> Dimension:
    dimension = instrument.dimensions.filter(key=key).first()
    if dimension is None:
        raise DomainError(_("Dimensionen findes ikke i den nyeste version. Hent siden igen."))
    return dimension


def _check_statements(statements: list[str]) -> None:
    if not statements:
        raise DomainError(_("Skriv mindst ét udsagn, ét pr. linje."), field="statements")
    if len(statements) > STATEMENT_MAX:
        raise DomainError(
            _("En dimension kan have højst %(max)s udsagn.") % {"max": STATEMENT_MAX},
            field="statements",
        )
    if any(len(text) > 300 for text in statements):
        raise DomainError(_("Et udsagn kan være højst 300 tegn langt."), field="statements")
    if len({text.casefold() for text in statements}) != len(statements):
        raise DomainError(_("Det samme udsagn står to gange."), field="statements")


def _check_name(instrument: Instrument, name: str, *, other_than=None) -> None:
    if not name:
        raise DomainError(_("Giv dimensionen et navn."), field="name")
    if "\n" in name or len(name) > 200:
        raise DomainError(_("Navnet skal være én linje på højst 200 tegn."), field="name")
    taken = instrument.dimensions.filter(name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(key=other_than)
    if taken.exists():
        raise DomainError(_("Der findes allerede en dimension med det navn."), field="name")


def _set_statements(dimension: Dimension, statements: list[str]) -> None:
    dimension.statements.all().delete()
    Statement.objects.bulk_create(
        Statement(dimension=dimension, text=text, position=number)
        for number, text in enumerate(statements, start=1)
    )


@transaction.atomic
def change_scale(*, by, labels: list[str]) -> Instrument | None:
    """Give the answer scale new labels, lowest first; returns the version changed, or None
    when the labels are those of the newest version (nothing saved, nothing logged)."""
    labels = [label.strip() for label in labels if label.strip()]
    if not SCALE_MIN_STEPS <= len(labels) <= SCALE_MAX_STEPS:
        raise DomainError(
            _("Skalaen skal have fra %(min)s til %(max)s trin.")
            % {"min": SCALE_MIN_STEPS, "max": SCALE_MAX_STEPS},
            field="step_1",
        )
    if len({label.casefold() for label in labels}) != len(labels):
        raise DomainError(_("To trin på skalaen har samme tekst."))
    if any(len(label) > 100 for label in labels):
        raise DomainError(_("Et trin kan være højst 100 tegn langt."))
    locked = _lock_newest()
    if locked.scale == labels:
        return None
    instrument = _editable(locked, by=by)
    instrument.scale = labels
    instrument.save(update_fields=["scale"])
    log_action(
        instrument,
        Action.SCALE_CHANGED,
        by=by,
        data={"version": instrument.version, "steps": len(labels)},
    )
    return instrument


def _new_key(instrument: Instrument, name: str) -> str:
    base = slugify(name)[:40] or "dimension"
    taken = set(Dimension.objects.values_list("key", flat=True).distinct())
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


@transaction.atomic
def add_dimension(*, by, name: str, description: str = "", statements: list[str]) -> Dimension:
    """Add a dimension with its statements at the end of the newest version (a new version
    when the newest has been used). Its key is new: it was in no earlier round."""
    name, description = name.strip(), typed_text(description)
    _check_statements(statements)
    locked = _lock_newest()
    _check_name(locked, name)
    instrument = _editable(locked, by=by)
    last = instrument.dimensions.order_by("-position").values_list("position", flat=True).first()
    dimension = Dimension.objects.create(
        instrument=instrument,
        key=_new_key(instrument, name),
        name=name,
        description=description,
        position=(last or 0) + 1,
    )
    _set_statements(dimension, statements)
    log_action(
        dimension,
        Action.DIMENSION_ADDED,
        by=by,
        data={"key": dimension.key, "name": name, "version": instrument.version},
    )
    return dimension


@transaction.atomic
def change_dimension(
    key: str, *, by, name: str, description: str, position: int, statements: list[str]
) -> list[str]:
    """Change a dimension of the newest version; returns the fields changed (none: nothing
    is saved, no version is made and nothing is logged)."""
    name, description = name.strip(), typed_text(description)
    _check_statements(statements)
    locked = _lock_newest()
    current = _dimension_in(locked, key)
    _check_name(locked, name, other_than=key)
    wanted = {"name": name, "description": description, "position": position}
    changed = [field for field, value in wanted.items() if getattr(current, field) != value]
    if list(current.statements.values_list("text", flat=True)) != statements:
        changed.append("statements")
    if not changed:
        return []
    instrument = _editable(locked, by=by)
    dimension = _dimension_in(instrument, key)
    for field, value in wanted.items():
        setattr(dimension, field, value)
    dimension.save(update_fields=list(wanted))
    if "statements" in changed:
        _set_statements(dimension, statements)
    log_action(
        dimension,
        Action.DIMENSION_CHANGED,
        by=by,
        data={"key": key, "name": name, "version": instrument.version, "fields": changed},
    )
    return changed


@transaction.atomic
def remove_dimension(key: str, *, by) -> Instrument:
    """Take a dimension out of the newest version (rounds taken with earlier versions keep
    it); returns the version it was taken out of."""
    locked = _lock_newest()
    _dimension_in(locked, key)
    if locked.dimensions.count() <= 1:
        raise DomainError(_("Temperaturmålingen skal have mindst én dimension."))
    instrument = _editable(locked, by=by)
    dimension = _dimension_in(instrument, key)
    name = dimension.name
    log_action(
        instrument,
        Action.DIMENSION_REMOVED,
        by=by,
        data={"key": key, "name": name, "version": instrument.version},
    )
    dimension.delete()
    return instrument


# Rounds --------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    programme: Programme, *, by, kind: str, groups: dict[str, int], today=None
) -> MeasurementRound:
    """Open the programme's first or follow-up round with the newest instrument and one
    link per respondent group; `groups` maps a respondent kind to the number expected to
    answer. The programme's row is locked, so two coordinators cannot open the same round."""
    today = today or timezone.localdate()
    Programme.objects.select_for_update().filter(pk=programme.pk).get()
    if kind not in RoundKind.values:
        raise DomainError(
            _("Vælg, om det er den første eller den opfølgende måling."), field="kind"
        )
    if MeasurementRound.objects.filter(programme_id=programme.pk, kind=kind).exists():
        raise DomainError(
            _("Forløbet har allerede en %(kind)s.") % {"kind": RoundKind(kind).label.lower()},
            field="kind",
        )
    phase = phase_of(programme)
    if phase not in ROUND_PHASES[kind]:
        if kind == RoundKind.FIRST:
            message = _("Den første måling tages i forberede eller senest i udvikle.")
        else:
            message = _("Den opfølgende måling tages i forankre.")
        raise DomainError(message, field="kind")
    if kind == RoundKind.FOLLOW_UP:
        first = MeasurementRound.objects.filter(
            programme_id=programme.pk, kind=RoundKind.FIRST
        ).first()
        if first is None or first.is_open:
            raise DomainError(
                _("Den første måling skal være lukket, før den opfølgende åbnes."), field="kind"
            )
    groups = {k: v for k, v in groups.items() if v}
    if not groups:
        raise DomainError(
            _("Vælg mindst én respondentgruppe, og skriv, hvor mange I forventer svar fra."),
            field="groups",
        )
    if set(groups) - set(RespondentKind.values) or any(
        not 1 <= int(expected) <= 10_000 for expected in groups.values()
    ):
        raise DomainError(_("Det forventede antal svar skal være et helt tal fra 1 til 10.000."))
    return create_round(programme, by=by, kind=kind, groups=groups, today=today)


def create_round(programme, *, by, kind, groups: dict[str, int], today) -> MeasurementRound:
    """Make the round, its groups and their links, and log it; `open_round` checks the rules
    first (the demo calls this directly to date a follow-up ahead of the programme's phase)."""
    round_ = MeasurementRound.objects.create(
        programme=programme,
        kind=kind,
        instrument=current_instrument(),
        opened_on=today,
        opened_by=by,
    )
    expires_at = timezone.now() + LINK_VALID_FOR
    rows = []
    for respondent_kind in RespondentKind.values:
        if respondent_kind not in groups:
            continue
        nonce = secrets.token_hex(32)
        rows.append(
            RespondentGroup(
                round=round_,
                kind=respondent_kind,
                expected=int(groups[respondent_kind]),
                nonce=nonce,
                token_hash=RespondentGroup.hash_for(nonce),
                expires_at=expires_at,
            )
        )
    RespondentGroup.objects.bulk_create(rows)
    log_action(
        round_,
        Action.ROUND_OPENED,
        by=by,
        data={
            "kind": kind,
            "version": round_.instrument.version,
            "groups": {row.kind: row.expected for row in rows},
            "opened_on": today.isoformat(),
        },
    )
    return round_


@transaction.atomic
def close_round(round_: MeasurementRound, *, by, today=None) -> MeasurementRound:
    """Close the round: its links stop working, and its results can be shown."""
    locked = MeasurementRound.objects.select_for_update().get(pk=round_.pk)
    if not locked.is_open:
        raise DomainError(_("Målingen er allerede lukket."))
    locked.closed_on = max(today or timezone.localdate(), locked.opened_on)
    locked.save(update_fields=["closed_on"])
    round_.closed_on = locked.closed_on
    responses = Response.objects.filter(group__round=locked).count()
    log_action(
        locked,
        Action.ROUND_CLOSED,
        by=by,
        data={
            "kind": locked.kind,
            "closed_on": locked.closed_on.isoformat(),
            "responses": responses,
        },
    )
    return locked


def find_group(token: str) -> RespondentGroup | None:
    """The respondent group a link's token belongs to, with its round and instrument."""
    return RespondentGroup.with_token(
        token,
        RespondentGroup.objects.select_related(
            "round__instrument", "round__programme__municipality"
        ),
    ).first()


def check_group_open(group: RespondentGroup) -> None:
    """Refuse a link whose round is closed (or which has run out)."""
    if not group.round.is_open or group.is_expired:
        raise DomainError(_("Målingen er lukket, så der kan ikke længere svares."))


@transaction.atomic
def submit_response(group: RespondentGroup, *, values: dict[int, int | None]) -> Response:
    """Store one person's answer: a value (or None: do not know) for every statement of the
    round's instrument. Nothing about the person is stored, and nothing is logged."""
    # The round's row is locked, so an answer and the closing of the round do not cross.
    round_ = (
        MeasurementRound.objects.select_for_update(of=("self",))
        .select_related("instrument")
        .get(pk=group.round_id)
    )
    group.round = round_
    check_group_open(group)
    statements = set(
        Statement.objects.filter(dimension__instrument_id=round_.instrument_id).values_list(
            "pk", flat=True
        )
    )
    if set(values) != statements:
        raise DomainError(_("Spørgeskemaet er ændret. Hent siden igen, og svar forfra."))
    steps = len(round_.instrument.scale)
    if any(value is not None and not 1 <= value <= steps for value in values.values()):
        raise DomainError(_("Vælg et svar på skalaen ved hvert udsagn."))
    response = Response.objects.create(group=group)
    Answer.objects.bulk_create(
        Answer(response=response, statement_id=statement_id, value=value)
        for statement_id, value in sorted(values.items())
    )
    return response


def response_counts(round_ids) -> dict[int, int]:
    """{respondent group id: number of responses} for the rounds, in one query."""
    return dict(
        Response.objects.filter(group__round_id__in=list(round_ids))
        .order_by()
        .values_list("group_id")
        .annotate(n=Count("pk"))
    )
