"""The rules that move an enrolment from the municipality's form to an approved programme.

Every function takes the acting user keyword-only, runs in one transaction, locks the
enrolment row where two people may act at once, writes a history row and sends its e-mails
on commit. A rule that says no raises `DomainError` with a whole Danish sentence.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from guardian.shortcuts import assign_perm

from accounts.tasks import send_mail_task
from accounts.throttle import allow
from outbox.services import enqueue
from phases.services import start_programme
from programmes.activity import CoreAction, log_action
from programmes.errors import DomainError
from programmes.models import (
    ActivityEntry,
    Cohort,
    GroupMember,
    Membership,
    Programme,
    ProgrammeGroup,
)
from programmes.services import sbst_contacts

from . import permissions
from .activity import Action
from .models import SENIOR_LEVELS, DirectorLink, Enrolment, MeetingParticipant, SteeringMember

State = Enrolment.State
User = get_user_model()

DIRECTOR_LINK_VALID_DAYS = 14
DIRECTOR_LINK_RESENDS_PER_DAY = 5

# The state machine: from each state, the states it may move to.
TRANSITIONS = {
    State.DRAFT: {State.SUBMITTED, State.WITHDRAWN},
    State.SUBMITTED: {State.APPROVED, State.REJECTED, State.WITHDRAWN},
    State.APPROVED: set(),
    State.REJECTED: set(),
    State.WITHDRAWN: set(),
}

DETAIL_FIELDS = (
    "cohort",
    "includes_strategic_management",
    "includes_authority_area",
    "includes_social_offers",
    "ambitions",
    "current_practice",
    "proposed_coordinator",
    "director_name",
    "director_title",
    "director_email",
)
STEERING_FIELDS = ("name", "title", "email", "level")
PARTICIPANT_FIELDS = ("name", "title", "level", "has_strategic_responsibility")


def _date(value) -> str:
    """`value` as a date in the active language's format ("5. januar 2026", "Jan. 5, 2026")."""
    return date_format(value, "DATE_FORMAT")


def _in_danish():
    """Translate in Danish, the system's language of record, whatever language the acting
    user reads the portal in: for the history, which is stored, and for Danish e-mails."""
    return translation.override(settings.LANGUAGE_CODE)


def _link(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _lock(enrolment: Enrolment) -> Enrolment:
    """Re-read the enrolment row under a row lock; the caller must be inside a transaction."""
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def _refresh(target: Enrolment, source: Enrolment) -> Enrolment:
    """Copy the locked row's fields back onto the caller's instance."""
    for field in Enrolment._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return target


def _log(enrolment, action, *, by=None, actor_description="", **data):
    """One entry in the activity log about `enrolment`."""
    return log_action(enrolment, action, by=by, actor_description=actor_description, data=data)


def can_transition(enrolment: Enrolment, to_state: str) -> bool:
    """Whether the state machine allows `enrolment` to move to `to_state` now."""
    return to_state in TRANSITIONS[enrolment.state]


def transition_enrolment(
    enrolment: Enrolment, to_state: str, *, by, action, actor_description="", fields=(), **data
) -> Enrolment:
    """Move a locked enrolment to `to_state`, refusing a move the state machine does not allow.

    `enrolment` must come from `_lock` in the caller's transaction; `fields` are further
    fields the caller changed and that are saved with the state. Writes the history row.
    """
    if not can_transition(enrolment, to_state):
        refusals = {
            State.SUBMITTED: _("Tilmeldingen har status »%(state)s« og kan derfor ikke indsendes."),
            State.APPROVED: _("Tilmeldingen har status »%(state)s« og kan derfor ikke godkendes."),
            State.REJECTED: _("Tilmeldingen har status »%(state)s« og kan derfor ikke afvises."),
            State.WITHDRAWN: _(
                "Tilmeldingen har status »%(state)s« og kan derfor ikke trækkes tilbage."
            ),
        }
        refusal = refusals.get(
            to_state, _("Tilmeldingen har status »%(state)s« og kan ikke skifte status.")
        )
        raise DomainError(refusal % {"state": enrolment.get_state_display()})
    enrolment.state = to_state
    enrolment.save(update_fields=["state", "updated_at", *fields])
    _log(enrolment, action, by=by, actor_description=actor_description, **data)
    return enrolment


class SubmissionIncomplete(DomainError):
    """The enrolment lacks what a submission needs; `missing` maps fields to sentences."""

    def __init__(self, missing: dict[str, str]):
        super().__init__(
            _("Tilmeldingen kan ikke indsendes endnu. %(missing)s")
            % {"missing": " ".join(str(m) for m in missing.values())}
        )
        self.missing = missing


def _refuse_unless(condition: bool, message: str) -> None:
    if not condition:
        raise DomainError(message)


def check_cohort_open(cohort, *, today=None) -> None:
    """Refuse a cohort SBST has closed or whose enrolment deadline has passed."""
    if Cohort.objects.open_for_enrolment(today).filter(pk=cohort.pk).exists():
        return
    if not cohort.is_open_for_enrolment:
        raise DomainError(
            _("Holdet %(cohort)s er ikke åbent for tilmelding.") % {"cohort": cohort},
            field="cohort",
        )
    raise DomainError(
        _(
            "Tilmeldingsfristen for %(cohort)s var den %(date)s. Tilmeldingen kan ikke længere "
            "indsendes."
        )
        % {"cohort": cohort, "date": _date(cohort.enrolment_deadline)},
        field="cohort",
    )


def _already_active(municipality, cohort) -> DomainError:
    return DomainError(
        _("%(municipality)s har allerede en aktiv tilmelding til %(cohort)s.")
        % {"municipality": municipality, "cohort": cohort},
        field="cohort",
    )


def _check_one_active(municipality, cohort, *, exclude_pk=None) -> None:
    others = Enrolment.objects.for_municipality(municipality).active().filter(cohort=cohort)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise _already_active(municipality, cohort)


def _municipality_user(municipality, email: str):
    """The account with `email` that belongs to `municipality`, if any."""
    if not email:
        return None
    return (
        User.objects.filter(
            email__iexact=email.strip(),
            is_active=True,
            memberships__municipality=municipality,
        )
        .distinct()
        .first()
    )


def _same_email(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() == b.strip().lower())


def _check_director_independent(enrolment: Enrolment, *, filled_in_by) -> None:
    """Criterion 2 needs another person's approval: the director's e-mail may be neither the
    e-mail of the person filling in the enrolment nor that of the proposed coordinator."""
    coordinator = enrolment.proposed_coordinator
    others = [getattr(filled_in_by, "email", ""), coordinator.email if coordinator else ""]
    if any(_same_email(enrolment.director_email, other) for other in others):
        raise DomainError(
            _(
                "Direktøren skal være en anden end den, der udfylder tilmeldingen, og end "
                "koordinatoren."
            ),
            field="director_email",
        )


def _apply_details(enrolment: Enrolment, data: dict, *, by) -> list[str]:
    """Set the answers in `data` on `enrolment`; return the names of the fields that changed."""
    coordinator = data.get("proposed_coordinator")
    if (
        coordinator is not None
        and not Membership.objects.filter(
            municipality_id=enrolment.municipality_id, user=coordinator
        ).exists()
    ):
        raise DomainError(
            _("Den foreslåede koordinator skal være bruger i kommunen."),
            field="proposed_coordinator",
        )
    if "director_email" in data:
        data = {**data, "director_email": (data["director_email"] or "").strip().lower()}
    changed = []
    for name in DETAIL_FIELDS:
        if name not in data:
            continue
        field = Enrolment._meta.get_field(name)
        new = data[name]
        if field.is_relation:
            same = getattr(enrolment, field.attname) == (new.pk if new is not None else None)
        else:
            same = getattr(enrolment, name) == new
        if not same:
            setattr(enrolment, name, new)
            changed.append(name)
    _check_director_independent(enrolment, filled_in_by=by)
    return changed


def _steering_values(row) -> dict:
    values = {name: (row.get(name) or "") for name in STEERING_FIELDS}
    values["email"] = values["email"].strip().lower()
    return values


def sync_steering_members(enrolment: Enrolment, rows: list[dict]) -> dict[str, int]:
    """Make the proposed steering group what `rows` say; return how many members were
    added, removed and changed (all nought when nothing changed).

    A row with the `id` of an existing member updates that member (keeping their account and
    answer); a row without one adds a member; a member no row names is removed. Unchanged
    members are not written at all.
    """
    existing = {m.pk: m for m in SteeringMember.objects.filter(enrolment=enrolment)}
    kept, new, changed = set(), [], 0
    for row in rows:
        values = _steering_values(row)
        member = existing.get(row.get("id"))
        if member is None:
            new.append(SteeringMember(enrolment=enrolment, **values))
            continue
        kept.add(member.pk)
        if any(getattr(member, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(member, name, value)
            member.save(update_fields=list(values))
            changed += 1
    removed = [pk for pk in existing if pk not in kept]
    if removed:
        SteeringMember.objects.filter(pk__in=removed).delete()
    if new:
        SteeringMember.objects.bulk_create(new)
    return {"added": len(new), "removed": len(removed), "changed": changed}


def create_enrolment(*, municipality, by, data: dict, steering_members: list[dict]) -> Enrolment:
    """Start a draft enrolment for `municipality` in the cohort named in `data`."""
    _refuse_unless(
        permissions.can_fill_in(by, municipality),
        _("Du har ikke ret til at udfylde kommunens tilmelding."),
    )
    cohort = data["cohort"]
    check_cohort_open(cohort)
    try:
        with transaction.atomic():
            _check_one_active(municipality, cohort)
            enrolment = Enrolment(municipality=municipality, created_by=by)
            _apply_details(enrolment, data, by=by)
            enrolment.save()
            sync_steering_members(enrolment, steering_members)
            _log(enrolment, Action.CREATED, by=by)
    except IntegrityError as exc:
        # Two people started the same municipality's enrolment at once; the constraint held.
        raise _already_active(municipality, cohort) from exc
    return enrolment


def update_enrolment(enrolment: Enrolment, *, by, data: dict, steering_members: list[dict]):
    """Save the draft's answers again; only a draft can be changed.

    Answers saved exactly as they were shown change nothing: no row is written and no line is
    added to the history.
    """
    try:
        with transaction.atomic():
            locked = _lock(enrolment)
            _refuse_unless(
                permissions.can_fill_in(by, locked.municipality),
                _("Du har ikke ret til at udfylde kommunens tilmelding."),
            )
            _refuse_unless(
                locked.is_editable,
                _("Tilmeldingen har status »%(state)s« og kan ikke længere ændres.")
                % {"state": locked.get_state_display()},
            )
            if data.get("cohort") and data["cohort"].pk != locked.cohort_id:
                check_cohort_open(data["cohort"])
                _check_one_active(locked.municipality, data["cohort"], exclude_pk=locked.pk)
            changed = _apply_details(locked, data, by=by)
            if changed:
                locked.save(update_fields=[*changed, "updated_at"])
            steering = sync_steering_members(locked, steering_members)
            if changed or any(steering.values()):
                # `steering` is the counts, or False when no member changed.
                _log(
                    locked,
                    Action.UPDATED,
                    by=by,
                    fields=changed,
                    steering=steering if any(steering.values()) else False,
                )
    except IntegrityError as exc:
        # Another draft moved to the same cohort at the same moment; the constraint held.
        raise _already_active(
            enrolment.municipality, data.get("cohort") or enrolment.cohort
        ) from exc
    return _refresh(enrolment, locked)


def missing_for_submission(enrolment: Enrolment) -> dict[str, str]:
    """What the enrolment lacks before it can be submitted: field name → Danish sentence.

    The one statement of what a submission needs; the form marks the same fields required.
    The keys are form field names, or `steering` for the proposed steering group.
    """
    missing = {}
    for name, message in (
        ("ambitions", _("Beskriv kommunens ønsker og ambitioner.")),
        ("proposed_coordinator", _("Vælg en foreslået koordinator.")),
        ("director_name", _("Skriv direktørens navn.")),
        ("director_email", _("Skriv direktørens e-mail.")),
    ):
        value = getattr(enrolment, name if name != "proposed_coordinator" else f"{name}_id")
        if not (value.strip() if isinstance(value, str) else value):
            missing[name] = message
    if not enrolment.includes_all_areas:
        missing["includes_strategic_management"] = _(
            "Kriterium 1 kræver, at hele socialpsykiatrien er med: den strategiske ledelse, "
            "myndighedsområdet og de sociale tilbud. Sæt flueben ved alle tre, før I indsender."
        )
    members = list(enrolment.steering_members.all())
    if not members:
        missing["steering"] = _("Foreslå mindst ét medlem af styregruppen.")
    elif not any(m.level in SENIOR_LEVELS for m in members):
        missing["steering"] = _(
            "Styregruppen skal have mindst ét medlem på direktør- eller chefniveau."
        )
    return missing


def _revoke_director_links(enrolment: Enrolment) -> None:
    """Stop every open link to the director's approval from working."""
    DirectorLink.objects.filter(enrolment=enrolment, used_at=None, revoked_at=None).update(
        revoked_at=timezone.now()
    )


def _issue_director_link(enrolment: Enrolment, *, by) -> str:
    """Replace any earlier link with a new one and e-mail it to the director."""
    _revoke_director_links(enrolment)
    link, token = DirectorLink.issue(
        valid_for=timedelta(days=DIRECTOR_LINK_VALID_DAYS),
        enrolment=enrolment,
        email=enrolment.director_email,
    )
    with _in_danish():  # the e-mail is sent in Danish
        expires = _date(timezone.localtime(link.expires_at))
    enqueue(
        send_mail_task,
        template="enrolment/email/director_approval",
        to=[enrolment.director_email],
        context={
            "director_name": enrolment.director_name,
            "municipality": enrolment.municipality.name,
            "cohort": enrolment.cohort.name,
            "link": _link("enrolment:director_approval", token=token),
            "expires": expires,
        },
        language="da",
    )
    _log(enrolment, Action.DIRECTOR_LINK_SENT, by=by, email=enrolment.director_email)
    return token


def _grant_steering_answer(enrolment: Enrolment, member: SteeringMember, user) -> None:
    """Link `member` to `user`'s account and let them answer *this* enrolment."""
    member.user = user
    member.save(update_fields=["user"])
    assign_perm(permissions.STEERING_PERM, user, enrolment)


def grant_pending_steering_answers(user, municipality) -> int:
    """Let `user` answer every submitted enrolment of `municipality` that proposes them.

    Called when a person gets an account or a role in a municipality after the enrolment was
    submitted: the right to answer follows the person (by e-mail address) whenever their
    account appears. Returns how many enrolments they may now answer.
    """
    members = SteeringMember.objects.filter(
        municipality=municipality,
        enrolment__state=State.SUBMITTED,
        email__iexact=user.email,
        user__isnull=True,
    ).select_related("enrolment")
    granted = set()
    for member in members:
        _grant_steering_answer(member.enrolment, member, user)
        if member.enrolment_id not in granted:
            _log(member.enrolment, Action.STEERING_ACCESS_GRANTED, by=user, name=member.name)
            granted.add(member.enrolment_id)
    return len(granted)


@transaction.atomic
def submit_enrolment(enrolment: Enrolment, *, by) -> Enrolment:
    """Send the enrolment to SBST.

    Refused after the cohort's deadline or when it lacks what a submission needs
    (`missing_for_submission`). Grants each proposed steering member who has an account the
    right to answer *this* enrolment (members who get one later are granted it then), and
    e-mails SBST's consultants, the director (one e-mail with a personal link) and the other
    steering members.
    """
    locked = _lock(enrolment)
    municipality = locked.municipality
    _refuse_unless(
        permissions.can_fill_in(by, municipality),
        _("Du har ikke ret til at indsende kommunens tilmelding."),
    )
    if locked.state == State.DRAFT:
        check_cohort_open(locked.cohort)
        missing = missing_for_submission(locked)
        if missing:
            raise SubmissionIncomplete(missing)
        _check_director_independent(locked, filled_in_by=by)
    locked.submitted_at = timezone.now()
    locked.submitted_by = by
    transition_enrolment(
        locked,
        State.SUBMITTED,
        by=by,
        action=Action.SUBMITTED,
        fields=["submitted_at", "submitted_by"],
    )

    enrolment_link = _link("enrolment:enrolment_detail", enrolment_pk=locked.pk)
    for member in locked.steering_members.all():
        user = _municipality_user(municipality, member.email)
        if user is not None:
            _grant_steering_answer(locked, member, user)
        # The director answers through their own link; one e-mail, one way to approve.
        if member.email and not _same_email(member.email, locked.director_email):
            enqueue(
                send_mail_task,
                template="enrolment/email/steering_request",
                to=[member.email],
                context={
                    "name": member.name,
                    "municipality": municipality.name,
                    "cohort": locked.cohort.name,
                    "link": enrolment_link if user else "",
                },
                language="da",
            )
    _issue_director_link(locked, by=by)

    consultants = list(
        User.objects.filter(sbst_role=User.SbstRole.CONSULTANT, is_active=True).values_list(
            "email", flat=True
        )
    )
    if consultants:
        enqueue(
            send_mail_task,
            template="enrolment/email/submitted",
            to=consultants,
            context={
                "municipality": municipality.name,
                "cohort": locked.cohort.name,
                "submitted_by": by.get_full_name(),
                "link": enrolment_link,
            },
            language="da",
        )
    return _refresh(enrolment, locked)


@transaction.atomic
def resend_director_link(enrolment: Enrolment, *, by) -> str:
    """Send the director a fresh link; earlier links stop working."""
    locked = _lock(enrolment)
    _refuse_unless(
        permissions.can_fill_in(by, locked.municipality) or by.is_sbst,
        _("Du har ikke ret til at sende direktørens link igen."),
    )
    _refuse_unless(
        locked.state == State.SUBMITTED and not locked.director_approved,
        _("Direktørens link kan kun sendes, mens en indsendt tilmelding venter på direktøren."),
    )
    _refuse_unless(
        allow(
            f"director-link:{locked.pk}", limit=DIRECTOR_LINK_RESENDS_PER_DAY, period_seconds=86400
        ),
        _(
            "Direktøren har fået et nyt link %(count)d gange i dag. Vent til i morgen, eller "
            "kontakt direktøren direkte."
        )
        % {"count": DIRECTOR_LINK_RESENDS_PER_DAY},
    )
    return _issue_director_link(locked, by=by)


def find_director_link(token: str) -> DirectorLink | None:
    """The link a token belongs to, whether or not it can still be used."""
    return DirectorLink.with_token(
        token,
        DirectorLink.objects.select_related("enrolment__municipality", "enrolment__cohort"),
    ).first()


def check_director_link_usable(link: DirectorLink) -> None:
    """Refuse, with the reason, a link that cannot approve: the enrolment is no longer waiting
    for the director, or the link is used, replaced or expired."""
    state = link.enrolment.state
    if state != State.SUBMITTED:
        reasons = {
            State.WITHDRAWN: _("Tilmeldingen er trukket tilbage, så der er intet at godkende."),
            State.REJECTED: _(
                "Social- og Boligstyrelsen har afvist tilmeldingen, så der er intet at godkende."
            ),
            State.APPROVED: _("Social- og Boligstyrelsen har allerede godkendt tilmeldingen."),
        }
        raise DomainError(
            reasons.get(state, _("Tilmeldingen er ikke indsendt, så der er intet at godkende."))
        )
    if link.used_at is not None:
        if link.enrolment.director_approved:
            raise DomainError(
                _("Linket er allerede brugt, og direktøren har godkendt tilmeldingen.")
            )
        raise DomainError(_("Linket er allerede brugt. Bed kommunens koordinator om et nyt."))
    if link.revoked_at is not None:
        raise DomainError(_("Linket er erstattet af et nyere link. Brug det seneste link."))
    if link.is_expired:
        raise DomainError(
            _("Linket udløb den %(date)s. Bed kommunens koordinator om at sende et nyt.")
            % {"date": _date(timezone.localtime(link.expires_at))}
        )


@transaction.atomic
def answer_by_director_link(*, token: str, approve: bool, reason: str = "") -> Enrolment:
    """The named director approves (criterion 2) or declines with a reason, through the
    personal link, which is then used up.

    A director who is also a proposed steering member has answered as that member too. A
    declined enrolment waits for a new link, which the coordinator sends when the matter is
    settled.
    """
    found = DirectorLink.with_token(token).first()
    if found is None:
        raise DomainError(_("Linket findes ikke. Tjek at du har brugt hele linket."))
    locked = _lock(found.enrolment)
    link = DirectorLink.objects.select_for_update().get(pk=found.pk)
    link.enrolment = locked
    check_director_link_usable(link)
    reason = (reason or "").strip()
    if not (approve or reason):
        raise DomainError(_("Skriv, hvorfor du ikke godkender tilmeldingen."), field="reason")
    now = timezone.now()
    description = f"{locked.director_name} ({link.email})"
    response = SteeringMember.Response.APPROVED if approve else SteeringMember.Response.OBJECTED
    # The entry counts these answers, which the director gives as a steering member.
    answered = locked.steering_members.filter(email__iexact=link.email).update(
        response=response, comment=reason, responded_at=now
    )
    if approve:
        locked.director_approved_at = now
        locked.director_declined_at = None
        locked.director_decline_reason = ""
        _log(
            locked,
            Action.DIRECTOR_APPROVED,
            actor_description=description,
            via="link",
            steering=answered,
        )
    else:
        locked.director_declined_at = now
        locked.director_decline_reason = reason
        _log(
            locked,
            Action.DIRECTOR_DECLINED,
            actor_description=description,
            note=reason,
            steering=answered,
        )
        _tell_coordinator_of_decline(locked)
    locked.save(
        update_fields=[
            "director_approved_at",
            "director_declined_at",
            "director_decline_reason",
            "updated_at",
        ]
    )
    link.used_at = now
    link.save(update_fields=["used_at"])
    return locked


def _tell_coordinator_of_decline(enrolment: Enrolment) -> None:
    recipients = _coordinator_recipients(enrolment)
    if recipients:
        enqueue(
            send_mail_task,
            template="enrolment/email/director_declined",
            to=[email for email, _name in recipients],
            context={
                "name": recipients[0][1],
                "director_name": enrolment.director_name,
                "municipality": enrolment.municipality.name,
                "reason": enrolment.director_decline_reason,
                "link": _link("enrolment:enrolment_detail", enrolment_pk=enrolment.pk),
            },
            language="da",
        )


def _coordinator_recipients(enrolment: Enrolment) -> list[tuple[str, str]]:
    """(e-mail, name) of the proposed coordinator and the submitter, coordinator first."""
    people = []
    for user in (enrolment.proposed_coordinator, enrolment.submitted_by):
        if user is not None and user.email and user.email not in [e for e, _n in people]:
            people.append((user.email, user.get_full_name()))
    return people


@transaction.atomic
def respond_as_steering_member(enrolment: Enrolment, *, by, approve: bool, comment: str = ""):
    """A proposed steering member approves or objects, with an optional comment.

    Needs the per-object grant given at submission or when their account appeared; an
    objection must say why. Answering again replaces the earlier answer.
    """
    locked = _lock(enrolment)
    _refuse_unless(
        permissions.can_respond_as_steering_member(by, locked),
        _("Du er ikke foreslået som medlem af styregruppen for denne tilmelding."),
    )
    _refuse_unless(
        locked.state == State.SUBMITTED,
        _("Tilmeldingen har status »%(state)s«, så styregruppen kan ikke længere svare.")
        % {"state": locked.get_state_display()},
    )
    comment = comment.strip()
    if not (approve or comment):
        raise DomainError(_("Skriv en begrundelse for din indsigelse."), field="comment")
    members = list(locked.steering_members.filter(user=by))
    _refuse_unless(
        bool(members), _("Du er ikke foreslået som medlem af styregruppen for denne tilmelding.")
    )
    response = SteeringMember.Response.APPROVED if approve else SteeringMember.Response.OBJECTED
    now = timezone.now()
    for member in members:
        member.response = response
        member.comment = comment
        member.responded_at = now
        member.save(update_fields=["response", "comment", "responded_at"])
    _log(
        locked,
        Action.STEERING_APPROVED if approve else Action.STEERING_OBJECTED,
        by=by,
        name=members[0].name,
        note=comment,
    )
    return _refresh(enrolment, locked)


def check_meeting_date(meeting_date, *, held: bool) -> None:
    """A meeting date within a year back and two years ahead; a held meeting not in the future."""
    today = timezone.localdate()
    if meeting_date is None:
        raise DomainError(_("Angiv mødets dato."), field="meeting_date")
    if not (today - timedelta(days=366) <= meeting_date <= today + timedelta(days=731)):
        raise DomainError(
            _(
                "Datoen %(date)s ligger for langt fra i dag. Angiv en dato inden for det seneste "
                "år eller de næste to år."
            )
            % {"date": _date(meeting_date)},
            field="meeting_date",
        )
    if held and meeting_date > today:
        raise DomainError(
            _("Et møde den %(date)s kan ikke være afholdt endnu.") % {"date": _date(meeting_date)},
            field="held",
        )


@transaction.atomic
def record_enrolment_meeting(
    enrolment: Enrolment, *, by, meeting_date, held: bool, participants: list[dict]
) -> Enrolment:
    """SBST schedules the enrolment meeting or records it as held, with its participants.

    Recording exactly what is already recorded changes nothing.
    """
    locked = _lock(enrolment)
    _refuse_unless(
        permissions.can_handle_as_sbst(by), _("Kun SBST kan registrere tilmeldingsmødet.")
    )
    _refuse_unless(
        locked.state == State.SUBMITTED,
        _("Tilmeldingsmødet kan kun registreres for en indsendt tilmelding."),
    )
    check_meeting_date(meeting_date, held=held)
    if held and not participants:
        raise DomainError(_("Angiv hvem der deltog i det afholdte møde."), field="held")
    rows = [
        (
            p["name"],
            p.get("title") or "",
            p["level"],
            bool(p.get("has_strategic_responsibility")),
        )
        for p in participants
    ]
    current = list(
        locked.meeting_participants.order_by("id").values_list(
            "name", "title", "level", "has_strategic_responsibility"
        )
    )
    if (locked.meeting_date, locked.meeting_held, current) == (meeting_date, held, rows):
        return _refresh(enrolment, locked)
    locked.meeting_date = meeting_date
    locked.meeting_held = held
    locked.save(update_fields=["meeting_date", "meeting_held", "updated_at"])
    if current != rows:
        MeetingParticipant.objects.filter(enrolment=locked).delete()
        MeetingParticipant.objects.bulk_create(
            MeetingParticipant(
                enrolment=locked,
                name=name,
                title=title,
                level=level,
                has_strategic_responsibility=strategic,
            )
            for name, title, level, strategic in rows
        )
    _log(
        locked,
        Action.MEETING_RECORDED,
        by=by,
        date=meeting_date.isoformat(),
        held=held,
        count=len(rows),
    )
    return _refresh(enrolment, locked)


def _send_decision(enrolment: Enrolment) -> None:
    recipients = _coordinator_recipients(enrolment)
    if not recipients:
        return
    approved = enrolment.state == State.APPROVED
    if approved:
        link = _link("programmes:programme_detail", programme_pk=enrolment.programme_id)
    else:
        link = _link("enrolment:enrolment_detail", enrolment_pk=enrolment.pk)
    enqueue(
        send_mail_task,
        template="enrolment/email/decision",
        to=[email for email, _name in recipients],
        context={
            "name": recipients[0][1],
            "municipality": enrolment.municipality.name,
            "cohort": enrolment.cohort.name,
            "approved": "ja" if approved else "",
            "reason": enrolment.decision_reason,
            "contact": enrolment.programme.primary_contact.get_full_name()
            if approved and enrolment.programme.primary_contact
            else "",
            "link": link,
        },
        language="da",
    )


def _roles_removed_since(enrolment: Enrolment) -> set[tuple[int, str]]:
    """(user id, role) pairs taken away in the municipality since the enrolment was submitted."""
    entries = ActivityEntry.objects.filter(
        municipality_id=enrolment.municipality_id,
        action="membership.removed",
        created_at__gte=enrolment.submitted_at or enrolment.created_at,
    ).values_list("data", flat=True)
    return {(data["user"], data["role"]) for data in entries}


def _create_programme(enrolment: Enrolment, *, by, primary_contact) -> Programme:
    """The programme with its steering group made from the proposed members, and their
    steering roles; one entry on the group counts the members and the roles given to them.
    The coordinator's role is given apart (`_give_coordinator_role`)."""
    if Programme.objects.filter(
        municipality_id=enrolment.municipality_id, cohort_id=enrolment.cohort_id
    ).exists():
        raise DomainError(
            _("%(municipality)s har allerede et forløb på %(cohort)s.")
            % {"municipality": enrolment.municipality, "cohort": enrolment.cohort}
        )
    removed = _roles_removed_since(enrolment)
    coordinator = enrolment.proposed_coordinator
    if coordinator is not None and (coordinator.pk, Membership.Role.COORDINATOR) in removed:
        coordinator = None
    programme = Programme.objects.create(
        municipality_id=enrolment.municipality_id,
        cohort_id=enrolment.cohort_id,
        coordinator=coordinator,
        primary_contact=primary_contact,
    )
    with _in_danish():  # stored, so in the language of record
        group_name = _("Styregruppe")
    group = ProgrammeGroup.objects.create(
        programme=programme,
        kind=ProgrammeGroup.Kind.STEERING,
        name=group_name,
    )
    members = list(enrolment.steering_members.all())
    # A person whose steering role was removed after submission stays a named member of the
    # group, but without their account: approval must not give back what was taken away.
    GroupMember.objects.bulk_create(
        GroupMember(
            group=group,
            user=m.user if (m.user_id, Membership.Role.STEERING) not in removed else None,
            name=m.name,
            email=m.email,
            title=m.title,
            level=m.level,
            kind=GroupMember.Kind.LEADER,
        )
        for m in members
    )
    given = 0
    for m in members:
        if m.user is not None and (m.user_id, Membership.Role.STEERING) not in removed:
            _membership, created = Membership.objects.get_or_create(
                municipality_id=enrolment.municipality_id,
                user=m.user,
                role=Membership.Role.STEERING,
            )
            given += created
    log_action(
        group,
        CoreAction.GROUP_ADDED,
        by=by,
        data={
            "group": group.pk,
            "name": group_name,
            "kind": group.kind,
            "area": "",
            "enrolment": enrolment.pk,
            "members": len(members),
            "roles": given,
        },
    )
    return programme


def _give_coordinator_role(programme: Programme) -> str:
    """Give the programme's coordinator the coordinator role in the municipality; returns
    their name when the role is new to them, for the approval's entry, else "".

    `_create_programme` leaves out a coordinator whose role was removed since submission."""
    coordinator = programme.coordinator
    if coordinator is None:
        return ""
    _membership, created = Membership.objects.get_or_create(
        municipality_id=programme.municipality_id,
        user=coordinator,
        role=Membership.Role.COORDINATOR,
    )
    return coordinator.get_full_name() if created else ""


@transaction.atomic
def approve_enrolment(
    enrolment: Enrolment, *, by, primary_contact=None, comment: str = ""
) -> Enrolment:
    """SBST approves: only when all three criteria hold and no steering member objects.

    Members who have not answered do not stop it (the page asks SBST to confirm). Creates the
    municipality's programme in the chosen cohort with `primary_contact` (the approver unless
    chosen) as SBST's contact, its steering group from the proposed members and its
    coordinator, and tells the coordinator. Roles removed since submission are not given back.
    """
    locked = _lock(enrolment)
    _refuse_unless(permissions.can_handle_as_sbst(by), _("Kun SBST kan godkende en tilmelding."))
    primary_contact = primary_contact or by
    _refuse_unless(
        sbst_contacts().filter(pk=primary_contact.pk).exists(),
        _("Den primære kontakt skal være en aktiv medarbejder i SBST."),
    )
    coordinator_given = ""
    if locked.state == State.SUBMITTED:
        missing = [c for c in locked.criteria if not c.met]
        if missing:
            raise DomainError(
                _("Tilmeldingen kan ikke godkendes, før alle tre kriterier er opfyldt. %(missing)s")
                % {"missing": " ".join(str(c.missing) for c in missing)}
            )
        objections = locked.objection_count
        if objections:
            raise DomainError(
                ngettext(
                    "Tilmeldingen kan ikke godkendes, fordi %(count)d medlem af styregruppen har "
                    "gjort indsigelse.",
                    "Tilmeldingen kan ikke godkendes, fordi %(count)d medlemmer af styregruppen "
                    "har gjort indsigelse.",
                    objections,
                )
                % {"count": objections}
            )
        locked.programme = _create_programme(locked, by=by, primary_contact=primary_contact)
        coordinator_given = _give_coordinator_role(locked.programme)
        start_programme(locked.programme, by=by)
    comment = (comment or "").strip()
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_reason = comment
    transition_enrolment(
        locked,
        State.APPROVED,
        by=by,
        action=Action.APPROVED,
        fields=["decided_at", "decided_by", "decision_reason", "programme"],
        note=comment,
        coordinator=coordinator_given,
    )
    _revoke_director_links(locked)
    _send_decision(locked)
    return _refresh(enrolment, locked)


@transaction.atomic
def reject_enrolment(enrolment: Enrolment, *, by, reason: str) -> Enrolment:
    """SBST rejects the enrolment with a reason the municipality is told."""
    locked = _lock(enrolment)
    _refuse_unless(permissions.can_handle_as_sbst(by), _("Kun SBST kan afvise en tilmelding."))
    reason = (reason or "").strip()
    if locked.state == State.SUBMITTED and not reason:
        raise DomainError(_("Skriv en begrundelse for afvisningen."), field="reason")
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_reason = reason
    transition_enrolment(
        locked,
        State.REJECTED,
        by=by,
        action=Action.REJECTED,
        fields=["decided_at", "decided_by", "decision_reason"],
        note=reason,
    )
    _revoke_director_links(locked)
    _send_decision(locked)
    return _refresh(enrolment, locked)


@transaction.atomic
def withdraw_enrolment(enrolment: Enrolment, *, by, reason: str = "") -> Enrolment:
    """The municipality withdraws its enrolment before SBST decides."""
    locked = _lock(enrolment)
    _refuse_unless(
        permissions.can_fill_in(by, locked.municipality),
        _("Du har ikke ret til at trække kommunens tilmelding tilbage."),
    )
    transition_enrolment(
        locked, State.WITHDRAWN, by=by, action=Action.WITHDRAWN, note=(reason or "").strip()
    )
    _revoke_director_links(locked)
    return _refresh(enrolment, locked)
