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
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from guardian.shortcuts import assign_perm

from accounts.models import hash_token, new_token
from accounts.tasks import send_mail_task
from config.celery import queue_after_commit
from programmes.errors import DomainError
from programmes.models import GroupMember, Membership, Programme, ProgrammeGroup

from . import permissions
from .models import DirectorLink, Enrolment, EnrolmentEvent, MeetingParticipant, SteeringMember

State = Enrolment.State
Kind = EnrolmentEvent.Kind
User = get_user_model()

DIRECTOR_LINK_VALID_DAYS = 14

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


def record_event(enrolment, *, kind, actor=None, actor_description="", text="") -> EnrolmentEvent:
    """Append one line to the enrolment's history."""
    return EnrolmentEvent.objects.create(
        enrolment=enrolment,
        actor=actor,
        actor_description=actor_description or (actor.get_full_name() if actor else ""),
        kind=kind,
        text=text,
    )


def transition_enrolment(
    enrolment: Enrolment, to_state: str, *, by, kind, actor_description="", text="", fields=()
) -> Enrolment:
    """Move a locked enrolment to `to_state`, refusing a move the state machine does not allow.

    `enrolment` must come from `_lock` in the caller's transaction; `fields` are further
    fields the caller changed and that are saved with the state. Writes the history row.
    """
    if to_state not in TRANSITIONS[enrolment.state]:
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
    record_event(enrolment, kind=kind, actor=by, actor_description=actor_description, text=text)
    return enrolment


def _refuse_unless(condition: bool, message: str) -> None:
    if not condition:
        raise DomainError(message)


def _check_cohort_open(cohort, *, today=None) -> None:
    today = today or timezone.localdate()
    if not cohort.is_open_for_enrolment:
        raise DomainError(
            _("Holdet %(cohort)s er ikke åbent for tilmelding.") % {"cohort": cohort},
            field="cohort",
        )
    if today > cohort.enrolment_deadline:
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


def _apply_details(enrolment: Enrolment, data: dict, *, by) -> None:
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
    for name in DETAIL_FIELDS:
        if name in data:
            setattr(enrolment, name, data[name])
    enrolment.director_email = (enrolment.director_email or "").strip().lower()
    _check_director_independent(enrolment, filled_in_by=by)


def _replace_steering_members(enrolment: Enrolment, members: list[dict]) -> None:
    SteeringMember.objects.filter(enrolment=enrolment).delete()
    SteeringMember.objects.bulk_create(
        SteeringMember(
            enrolment=enrolment,
            **{name: (member.get(name) or "") for name in STEERING_FIELDS},
        )
        for member in members
    )


def create_enrolment(*, municipality, by, data: dict, steering_members: list[dict]) -> Enrolment:
    """Start a draft enrolment for `municipality` in the cohort named in `data`."""
    _refuse_unless(
        permissions.can_fill_in(by, municipality),
        _("Du har ikke ret til at udfylde kommunens tilmelding."),
    )
    cohort = data["cohort"]
    _check_cohort_open(cohort)
    try:
        with transaction.atomic():
            _check_one_active(municipality, cohort)
            enrolment = Enrolment(municipality=municipality, created_by=by)
            _apply_details(enrolment, data, by=by)
            enrolment.save()
            _replace_steering_members(enrolment, steering_members)
            record_event(enrolment, kind=Kind.CREATED, actor=by)
    except IntegrityError as exc:
        # Two people started the same municipality's enrolment at once; the constraint held.
        raise _already_active(municipality, cohort) from exc
    return enrolment


def update_enrolment(enrolment: Enrolment, *, by, data: dict, steering_members: list[dict]):
    """Save the draft's answers again; only a draft can be changed."""
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
                _check_cohort_open(data["cohort"])
                _check_one_active(locked.municipality, data["cohort"], exclude_pk=locked.pk)
            _apply_details(locked, data, by=by)
            locked.save(update_fields=[*DETAIL_FIELDS, "updated_at"])
            _replace_steering_members(locked, steering_members)
            record_event(locked, kind=Kind.UPDATED, actor=by)
    except IntegrityError as exc:
        # Another draft moved to the same cohort at the same moment; the constraint held.
        raise _already_active(
            enrolment.municipality, data.get("cohort") or enrolment.cohort
        ) from exc
    return _refresh(enrolment, locked)


def _missing_for_submission(enrolment: Enrolment) -> list[str]:
    missing = []
    if not enrolment.ambitions.strip():
        missing.append(_("kommunens ønsker og ambitioner"))
    if enrolment.proposed_coordinator_id is None:
        missing.append(_("en foreslået koordinator"))
    if not (enrolment.director_name and enrolment.director_email):
        missing.append(_("direktørens navn og e-mail"))
    if not enrolment.steering_members.exists():
        missing.append(_("mindst ét foreslået styregruppemedlem"))
    return missing


def _revoke_director_links(enrolment: Enrolment) -> None:
    """Stop every open link to the director's approval from working."""
    DirectorLink.objects.filter(enrolment=enrolment, used_at=None, revoked_at=None).update(
        revoked_at=timezone.now()
    )


def _issue_director_link(enrolment: Enrolment, *, by) -> str:
    """Replace any earlier link with a new one and e-mail it to the director."""
    now = timezone.now()
    _revoke_director_links(enrolment)
    token, token_hash = new_token()
    link = DirectorLink.objects.create(
        enrolment=enrolment,
        email=enrolment.director_email,
        token_hash=token_hash,
        expires_at=now + timedelta(days=DIRECTOR_LINK_VALID_DAYS),
    )
    with _in_danish():  # the e-mail is sent in Danish
        expires = _date(timezone.localtime(link.expires_at))
    queue_after_commit(
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
    with _in_danish():
        text = _("Sendt til %(email)s.") % {"email": enrolment.director_email}
    record_event(enrolment, kind=Kind.DIRECTOR_LINK_SENT, actor=by, text=text)
    return token


@transaction.atomic
def submit_enrolment(enrolment: Enrolment, *, by) -> Enrolment:
    """Send the enrolment to SBST.

    Refused after the cohort's deadline or when the form lacks what SBST needs. Grants each
    proposed steering member who has an account the right to answer *this* enrolment, and
    e-mails SBST's consultants, the director (a personal link) and the steering members.
    """
    locked = _lock(enrolment)
    municipality = locked.municipality
    _refuse_unless(
        permissions.can_fill_in(by, municipality),
        _("Du har ikke ret til at indsende kommunens tilmelding."),
    )
    if locked.state == State.DRAFT:
        _check_cohort_open(locked.cohort)
        missing = _missing_for_submission(locked)
        if missing:
            raise DomainError(
                _("Tilmeldingen kan ikke indsendes, før den har %(missing)s.")
                % {"missing": get_text_list(missing, _("og"))}
            )
        _check_director_independent(locked, filled_in_by=by)
    locked.submitted_at = timezone.now()
    locked.submitted_by = by
    locked.director_user = _municipality_user(municipality, locked.director_email)
    transition_enrolment(
        locked,
        State.SUBMITTED,
        by=by,
        kind=Kind.SUBMITTED,
        fields=["submitted_at", "submitted_by", "director_user"],
    )

    enrolment_link = _link("enrolment:enrolment_detail", enrolment_pk=locked.pk)
    for member in locked.steering_members.all():
        member.user = _municipality_user(municipality, member.email)
        member.save(update_fields=["user"])
        if member.user is not None:
            assign_perm("enrolment.approve_as_steering_member", member.user, locked)
        if member.email:
            queue_after_commit(
                send_mail_task,
                template="enrolment/email/steering_request",
                to=[member.email],
                context={
                    "name": member.name,
                    "municipality": municipality.name,
                    "cohort": locked.cohort.name,
                    "link": enrolment_link if member.user else "",
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
        queue_after_commit(
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
    return _issue_director_link(locked, by=by)


def _approve_as_director(locked: Enrolment, *, by, via, actor_description) -> None:
    _refuse_unless(
        locked.state == State.SUBMITTED,
        _("Tilmeldingen har status »%(state)s« og kan ikke godkendes af direktøren nu.")
        % {"state": locked.get_state_display()},
    )
    _refuse_unless(
        not locked.director_approved,
        _("Direktøren har allerede godkendt tilmeldingen."),
    )
    locked.director_approved_at = timezone.now()
    locked.director_approved_by = by
    locked.director_approved_via = via
    locked.save(
        update_fields=[
            "director_approved_at",
            "director_approved_by",
            "director_approved_via",
            "updated_at",
        ]
    )
    record_event(locked, kind=Kind.DIRECTOR_APPROVED, actor=by, actor_description=actor_description)


@transaction.atomic
def approve_as_director(enrolment: Enrolment, *, by) -> Enrolment:
    """The named director approves from their own account (criterion 2)."""
    locked = _lock(enrolment)
    _refuse_unless(
        permissions.is_director_of(by, locked),
        _("Kun den direktør, der er nævnt i tilmeldingen, kan godkende den."),
    )
    with _in_danish():
        actor_description = _("%(name)s, fra sin brugerkonto") % {"name": by.get_full_name()}
    _approve_as_director(
        locked,
        by=by,
        via=Enrolment.DirectorApprovalVia.ACCOUNT,
        actor_description=actor_description,
    )
    return _refresh(enrolment, locked)


def find_director_link(token: str) -> DirectorLink | None:
    """The link a token belongs to, whether or not it can still be used."""
    return (
        DirectorLink.objects.select_related("enrolment__municipality", "enrolment__cohort")
        .filter(token_hash=hash_token(token))
        .first()
    )


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
        raise DomainError(_("Linket er allerede brugt. Tilmeldingen er godkendt."))
    if link.revoked_at is not None:
        raise DomainError(_("Linket er erstattet af et nyere link. Brug det seneste link."))
    if link.is_expired:
        raise DomainError(
            _("Linket udløb den %(date)s. Bed kommunens koordinator om at sende et nyt.")
            % {"date": _date(timezone.localtime(link.expires_at))}
        )


@transaction.atomic
def approve_by_director_link(*, token: str) -> Enrolment:
    """The named director approves through the personal link; the link is then used up."""
    found = DirectorLink.objects.filter(token_hash=hash_token(token)).first()
    if found is None:
        raise DomainError(_("Linket findes ikke. Tjek at du har brugt hele linket."))
    locked = _lock(found.enrolment)
    link = DirectorLink.objects.select_for_update().get(pk=found.pk)
    link.enrolment = locked
    check_director_link_usable(link)
    with _in_danish():
        actor_description = _("%(name)s (%(email)s), via personligt link") % {
            "name": locked.director_name,
            "email": link.email,
        }
    _approve_as_director(
        locked,
        by=None,
        via=Enrolment.DirectorApprovalVia.LINK,
        actor_description=actor_description,
    )
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return locked


@transaction.atomic
def respond_as_steering_member(enrolment: Enrolment, *, by, approve: bool, comment: str = ""):
    """A proposed steering member approves or objects, with an optional comment.

    Needs the per-object grant given at submission; an objection must say why.
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
    record_event(
        locked,
        kind=Kind.STEERING_APPROVED if approve else Kind.STEERING_OBJECTED,
        actor=by,
        text=comment,
    )
    return _refresh(enrolment, locked)


@transaction.atomic
def record_enrolment_meeting(
    enrolment: Enrolment, *, by, meeting_date, held: bool, participants: list[dict]
) -> Enrolment:
    """SBST schedules the enrolment meeting or records it as held, with its participants."""
    locked = _lock(enrolment)
    _refuse_unless(
        permissions.can_handle_as_sbst(by), _("Kun SBST kan registrere tilmeldingsmødet.")
    )
    _refuse_unless(
        locked.state == State.SUBMITTED,
        _("Tilmeldingsmødet kan kun registreres for en indsendt tilmelding."),
    )
    if meeting_date is None:
        raise DomainError(_("Angiv mødets dato."), field="meeting_date")
    if held and meeting_date > timezone.localdate():
        raise DomainError(
            _("Et møde den %(date)s kan ikke være afholdt endnu.") % {"date": _date(meeting_date)},
            field="held",
        )
    if held and not participants:
        raise DomainError(_("Angiv hvem der deltog i det afholdte møde."), field="held")
    locked.meeting_date = meeting_date
    locked.meeting_held = held
    locked.save(update_fields=["meeting_date", "meeting_held", "updated_at"])
    MeetingParticipant.objects.filter(enrolment=locked).delete()
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(
            enrolment=locked,
            name=p["name"],
            title=p.get("title") or "",
            level=p["level"],
            has_strategic_responsibility=bool(p.get("has_strategic_responsibility")),
        )
        for p in participants
    )
    with _in_danish():
        if held:
            text = ngettext(
                "Afholdt den %(date)s med %(count)d deltager fra kommunen.",
                "Afholdt den %(date)s med %(count)d deltagere fra kommunen.",
                len(participants),
            ) % {"date": _date(meeting_date), "count": len(participants)}
        else:
            text = _("Planlagt til den %(date)s.") % {"date": _date(meeting_date)}
    record_event(locked, kind=Kind.MEETING_RECORDED, actor=by, text=text)
    return _refresh(enrolment, locked)


def _send_decision(enrolment: Enrolment) -> None:
    recipients = sorted(
        {
            user.email
            for user in (enrolment.proposed_coordinator, enrolment.submitted_by)
            if user is not None and user.email
        }
    )
    if not recipients:
        return
    queue_after_commit(
        send_mail_task,
        template="enrolment/email/decision",
        to=recipients,
        context={
            "municipality": enrolment.municipality.name,
            "cohort": enrolment.cohort.name,
            "approved": "ja" if enrolment.state == State.APPROVED else "",
            "reason": enrolment.decision_reason,
            "link": _link("enrolment:enrolment_detail", enrolment_pk=enrolment.pk),
        },
        language="da",
    )


def _create_programme(enrolment: Enrolment, *, by) -> Programme:
    if Programme.objects.filter(
        municipality_id=enrolment.municipality_id, cohort_id=enrolment.cohort_id
    ).exists():
        raise DomainError(
            _("%(municipality)s har allerede et forløb på %(cohort)s.")
            % {"municipality": enrolment.municipality, "cohort": enrolment.cohort}
        )
    programme = Programme.objects.create(
        municipality_id=enrolment.municipality_id,
        cohort_id=enrolment.cohort_id,
        coordinator=enrolment.proposed_coordinator,
        primary_contact=by,
    )
    with _in_danish():  # stored, so in the language of record
        group_name = _("Styregruppe")
    group = ProgrammeGroup.objects.create(
        programme=programme,
        kind=ProgrammeGroup.Kind.STEERING,
        name=group_name,
    )
    members = list(enrolment.steering_members.all())
    GroupMember.objects.bulk_create(
        GroupMember(
            group=group,
            user=m.user,
            name=m.name,
            email=m.email,
            title=m.title,
            level=m.level,
        )
        for m in members
    )
    roles = [(enrolment.proposed_coordinator, Membership.Role.COORDINATOR)]
    roles += [(m.user, Membership.Role.STEERING) for m in members]
    for user, role in roles:
        if user is not None:
            Membership.objects.get_or_create(
                municipality_id=enrolment.municipality_id, user=user, role=role
            )
    return programme


@transaction.atomic
def approve_enrolment(enrolment: Enrolment, *, by) -> Enrolment:
    """SBST approves: only when all three criteria hold and no steering member objects.

    Creates the municipality's programme in the chosen cohort, its steering group from the
    proposed members and its coordinator, and tells the coordinator.
    """
    locked = _lock(enrolment)
    _refuse_unless(permissions.can_handle_as_sbst(by), _("Kun SBST kan godkende en tilmelding."))
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
        locked.programme = _create_programme(locked, by=by)
    locked.decided_at = timezone.now()
    locked.decided_by = by
    transition_enrolment(
        locked,
        State.APPROVED,
        by=by,
        kind=Kind.APPROVED,
        fields=["decided_at", "decided_by", "programme"],
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
        kind=Kind.REJECTED,
        text=reason,
        fields=["decided_at", "decided_by", "decision_reason"],
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
        locked, State.WITHDRAWN, by=by, kind=Kind.WITHDRAWN, text=(reason or "").strip()
    )
    _revoke_director_links(locked)
    return _refresh(enrolment, locked)
