from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from . import extensions
from .activity import CoreAction, log_action
from .errors import DomainError
from .models import Area, GroupMember, Level, Membership, Programme, ProgrammeGroup
from .permissions import can_invite


def remove_membership(membership: Membership, *, by) -> None:
    """Take a role away from a person; a municipality always keeps at least one coordinator."""
    if not can_invite(by, membership.municipality):
        raise DomainError(_("Du har ikke ret til at ændre, hvem der er med i denne kommune."))
    with transaction.atomic():
        # Lock the municipality's coordinators so two coordinators cannot remove each other,
        # then check again under the lock that the remover is still one of them.
        coordinators = dict(
            Membership.objects.select_for_update()
            .filter(municipality_id=membership.municipality_id, role=Membership.Role.COORDINATOR)
            .values_list("pk", "user_id")
        )
        if not by.is_sbst and by.pk not in coordinators.values():
            raise DomainError(_("Du har ikke ret til at ændre, hvem der er med i denne kommune."))
        locked = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=membership.pk)
            .first()
        )
        if locked is None:
            return  # already removed by someone else: the outcome is the same
        if locked.role == Membership.Role.COORDINATOR and list(coordinators) == [locked.pk]:
            raise DomainError(
                _(
                    "%(municipality)s skal have mindst én koordinator. Invitér en ny koordinator, "
                    "før du fjerner den sidste."
                )
                % {"municipality": membership.municipality}
            )
        log_action(
            locked,
            CoreAction.MEMBERSHIP_REMOVED,
            by=by,
            data={
                "user": locked.user_id,
                "role": locked.role,
                "person": locked.user.get_full_name(),
            },
        )
        locked.delete()


def sbst_contacts():
    """The people SBST can name as a programme's primary contact."""
    User = get_user_model()
    return User.objects.filter(
        sbst_role__in=[User.SbstRole.CONSULTANT, User.SbstRole.ADMINISTRATOR], is_active=True
    ).order_by("full_name", "email")


def change_primary_contact(programme: Programme, *, by, contact) -> Programme:
    """SBST names another of its people as the programme's primary contact."""
    if not (by.is_authenticated and by.is_sbst):
        raise DomainError(_("Kun Social- og Boligstyrelsen kan vælge forløbets primære kontakt."))
    if not sbst_contacts().filter(pk=contact.pk).exists():
        raise DomainError(
            _("Den primære kontakt skal være en aktiv medarbejder i SBST."), field="contact"
        )
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if locked.primary_contact_id == contact.pk:
            return locked
        locked.primary_contact = contact
        locked.save(update_fields=["primary_contact"])
        log_action(
            locked,
            CoreAction.CONTACT_CHANGED,
            by=by,
            programme=locked,
            data={"name": contact.get_full_name()},
        )
    return locked


# Groups and their members ------------------------------------------------------------------

Kind = ProgrammeGroup.Kind
# The membership role a group's member is invited with.
ROLE_FOR_GROUP = {
    Kind.STEERING: Membership.Role.STEERING,
    Kind.IMPLEMENTATION: Membership.Role.IMPLEMENTATION,
    Kind.LOCAL: Membership.Role.LOCAL,
}
# The areas a local implementation group may work in; OTHER is named in `area_name`.
LOCAL_GROUP_AREAS = (Area.HOUSING_SUPPORT, Area.RESIDENTIAL, Area.AUTHORITY, Area.OTHER)


def _require_group_editor(by, programme) -> None:
    if not can_invite(by, programme.municipality):
        raise DomainError(
            _("Kun kommunens koordinator og Social- og Boligstyrelsen kan ændre forløbets grupper.")
        )


def _clean_area(kind, area, area_name) -> tuple[str, str]:
    """The area and its name as stored: a local group works in one area, the standing
    groups in none."""
    if kind != Kind.LOCAL:
        return "", ""
    if area not in LOCAL_GROUP_AREAS:
        raise DomainError(_("Vælg det område, den lokale gruppe arbejder i."), field="area")
    area_name = (area_name or "").strip()
    if area == Area.OTHER:
        if not area_name:
            raise DomainError(_("Skriv navnet på det andet område."), field="area_name")
        return area, area_name
    return area, ""


def add_group(programme: Programme, *, by, name, kind=Kind.LOCAL, area="", area_name=""):
    """Add a group to the programme: any number of local implementation groups, and a
    steering or implementation group when the programme lacks one.

    The feature apps' `group_added` hooks run in the same transaction (the meetings app
    gives a late local group its meetings).
    """
    _require_group_editor(by, programme)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Giv gruppen et navn."), field="name")
    if kind not in Kind.values:
        raise DomainError(_("Vælg en gyldig slags gruppe."), field="kind")
    area, area_name = _clean_area(kind, area, area_name)
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if kind != Kind.LOCAL and locked.groups.filter(kind=kind).exists():
            raise DomainError(
                _("Forløbet har allerede en %(kind)s.") % {"kind": Kind(kind).label.lower()},
                field="kind",
            )
        group = ProgrammeGroup.objects.create(
            programme=locked, kind=kind, name=name, area=area, area_name=area_name
        )
        log_action(
            group,
            CoreAction.GROUP_ADDED,
            by=by,
            data={"group": group.pk, "name": name, "kind": kind, "area": area},
        )
        extensions.group_added(group, by=by)
    return group


def change_group(group: ProgrammeGroup, *, by, name, area="", area_name=""):
    """Rename a group, or change the area a local group works in."""
    _require_group_editor(by, group.programme)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Giv gruppen et navn."), field="name")
    area, area_name = _clean_area(group.kind, area, area_name)
    with transaction.atomic():
        locked = ProgrammeGroup.objects.select_for_update().get(pk=group.pk)
        new = {"name": name, "area": area, "area_name": area_name}
        changed = [field for field, value in new.items() if getattr(locked, field) != value]
        if not changed:
            return locked
        for field in changed:
            setattr(locked, field, new[field])
        locked.save(update_fields=changed)
        log_action(locked, CoreAction.GROUP_CHANGED, by=by, data={"name": name, "fields": changed})
    return locked


def why_group_stays(group: ProgrammeGroup) -> str:
    """Why `group` cannot be removed, as a sentence, or "" when it can: the standing groups
    stay, and so does a group that has held meetings (their minutes are the history)."""
    if group.kind != Kind.LOCAL:
        return _("Styregruppen og implementeringsgruppen er faste grupper og kan ikke fjernes.")
    meetings = getattr(group, "meetings", None)  # the meetings app's, when it is installed
    if (
        meetings is not None
        and meetings.filter(starts_at__lte=timezone.now(), cancelled_at__isnull=True).exists()
    ):
        return _(
            "%(group)s har holdt møder, så gruppen kan ikke fjernes. Møderne og deres "
            "referater skal blive i forløbets historie."
        ) % {"group": group.name}
    return ""


def remove_group(group: ProgrammeGroup, *, by) -> None:
    """Remove a local implementation group that has held no meeting; its members, and the
    meetings that were its alone, go with it. The one entry counts the members and the
    meetings still to come (cancelled ones go too, uncounted)."""
    _require_group_editor(by, group.programme)
    with transaction.atomic():
        locked = ProgrammeGroup.objects.select_for_update().filter(pk=group.pk).first()
        if locked is None:
            return  # removed by someone else: the outcome is the same
        refusal = why_group_stays(locked)
        if refusal:
            raise DomainError(refusal)
        meetings = getattr(locked, "meetings", None)
        coming = 0
        if meetings is not None:
            # Counted apart from the filter on this group, which would count only its own row.
            alone = (
                meetings.model.objects.filter(pk__in=meetings.values("pk"))
                .annotate(group_count=Count("groups"))
                .filter(group_count=1)
            )
            gone_meetings = list(alone.values_list("pk", flat=True))
            # why_group_stays refused a group with a past meeting that was not cancelled, so
            # the ones not cancelled are the ones still to come.
            coming = alone.filter(cancelled_at__isnull=True).count()
            meetings.model.objects.filter(pk__in=gone_meetings).delete()
        log_action(
            locked,
            CoreAction.GROUP_REMOVED,
            by=by,
            data={
                "group": locked.pk,
                "name": locked.name,
                "members": locked.members.count(),
                "meetings": coming,
            },
        )
        locked.delete()


def _lock_group(group: ProgrammeGroup) -> ProgrammeGroup:
    """Lock the group's row, so two people cannot both make someone its chair."""
    return (
        ProgrammeGroup.objects.select_for_update(of=("self",))
        .select_related("programme__municipality")
        .get(pk=group.pk)
    )


def _check_member(group, *, name, email, role, kind, level, area, member=None) -> None:
    if not (name or "").strip():
        raise DomainError(_("Skriv personens navn."), field="name")
    if role not in GroupMember.Role.values:
        raise DomainError(_("Vælg personens rolle i gruppen."), field="role")
    if kind not in GroupMember.Kind.values:
        raise DomainError(_("Vælg, hvem personen repræsenterer."), field="kind")
    if level not in Level.values:
        raise DomainError(_("Vælg personens niveau."), field="level")
    if area and area not in Area.values:
        raise DomainError(_("Vælg et gyldigt område."), field="area")
    others = group.members.all()
    if member is not None:
        others = others.exclude(pk=member.pk)
    if role == GroupMember.Role.CHAIR:
        chair = others.filter(role=GroupMember.Role.CHAIR).first()
        if chair is not None:
            raise DomainError(
                _(
                    "%(name)s er allerede formand for %(group)s, og en gruppe har én formand. "
                    "Gør først %(name)s til almindeligt medlem."
                )
                % {"name": chair.name, "group": group.name},
                field="role",
            )
    if email and others.filter(email__iexact=email).exists():
        raise DomainError(
            _("%(email)s er allerede med i %(group)s.") % {"email": email, "group": group.name},
            field="email",
        )


def _account_in(municipality, email):
    """The user with `email` who already holds a role in `municipality`, if any."""
    if not email:
        return None
    return (
        get_user_model()
        .objects.filter(
            email__iexact=email,
            is_active=True,
            memberships__municipality=municipality,
        )
        .distinct()
        .first()
    )


def _link_or_invite(member: GroupMember, group, *, by, invite: bool) -> tuple[bool, bool]:
    """Link the member to their account in the municipality, or invite them to make one
    with the group's role. Returns (linked, invited)."""
    from accounts.services import invite_person

    municipality = group.programme.municipality
    account = _account_in(municipality, member.email)
    if account is not None:
        member.user = account
        return True, False
    if not invite:
        return False, False
    if not member.email:
        raise DomainError(
            _("Skriv personens e-mail, hvis personen skal inviteres som bruger."), field="email"
        )
    invite_person(
        by=by,
        email=member.email,
        municipality=municipality,
        role=ROLE_FOR_GROUP[group.kind],
        full_name=member.name,
    )
    return False, True


def add_member(
    group: ProgrammeGroup,
    *,
    by,
    name,
    email="",
    title="",
    role=GroupMember.Role.MEMBER,
    kind=GroupMember.Kind.EMPLOYEE,
    level,
    area="",
    invite=False,
) -> GroupMember:
    """Put a person in a group, with or without a user account.

    A person whose e-mail already has an account in the municipality is linked to it;
    otherwise `invite` sends them an invitation with the group's role, and accepting it
    links them (`link_joined_person`).
    """
    _require_group_editor(by, group.programme)
    name, email, title = (name or "").strip(), (email or "").strip(), (title or "").strip()
    with transaction.atomic():
        locked = _lock_group(group)
        _check_member(locked, name=name, email=email, role=role, kind=kind, level=level, area=area)
        member = GroupMember(
            group=locked,
            name=name,
            email=email,
            title=title,
            role=role,
            kind=kind,
            level=level,
            area=area,
        )
        linked, invited = _link_or_invite(member, locked, by=by, invite=invite)
        member.save()
        log_action(
            member,
            CoreAction.MEMBER_ADDED,
            by=by,
            programme=locked.programme,
            data={
                "group": locked.pk,
                "group_name": locked.name,
                "name": name,
                "linked": linked,
                "invited": invited,
            },
        )
    return member


def change_member(
    member: GroupMember,
    *,
    by,
    name,
    email="",
    title="",
    role,
    kind,
    level,
    area="",
    invite=False,
) -> GroupMember:
    """Change what is known about a member; a new e-mail follows the account it belongs to."""
    _require_group_editor(by, member.group.programme)
    name, email, title = (name or "").strip(), (email or "").strip(), (title or "").strip()
    with transaction.atomic():
        group = _lock_group(member.group)
        locked = GroupMember.objects.select_for_update().filter(pk=member.pk).first()
        if locked is None:
            raise DomainError(_("Medlemmet er fjernet fra gruppen i mellemtiden."))
        _check_member(
            group,
            name=name,
            email=email,
            role=role,
            kind=kind,
            level=level,
            area=area,
            member=locked,
        )
        new = {
            "name": name,
            "email": email,
            "title": title,
            "role": role,
            "kind": kind,
            "level": level,
            "area": area,
        }
        changed = [field for field, value in new.items() if getattr(locked, field) != value]
        for field in changed:
            setattr(locked, field, new[field])
        linked = invited = False
        if "email" in changed and locked.email.lower() != (
            locked.user.email.lower() if locked.user_id else ""
        ):
            locked.user = None
            changed.append("user")
        if locked.user_id is None and (invite or "email" in changed):
            linked, invited = _link_or_invite(locked, group, by=by, invite=invite)
            if linked and "user" not in changed:
                changed.append("user")
        if not changed and not invited:
            return locked
        if changed:
            locked.save(update_fields=changed)
        log_action(
            locked,
            CoreAction.MEMBER_CHANGED,
            by=by,
            programme=group.programme,
            data={
                "group": group.pk,
                "group_name": group.name,
                "name": name,
                "fields": changed,
                "linked": linked,
                "invited": invited,
            },
        )
    return locked


def remove_member(member: GroupMember, *, by) -> None:
    """Take a person out of a group; meeting records keep their name."""
    _require_group_editor(by, member.group.programme)
    with transaction.atomic():
        group = _lock_group(member.group)
        locked = GroupMember.objects.select_for_update().filter(pk=member.pk).first()
        if locked is None:
            return  # removed by someone else: the outcome is the same
        log_action(
            locked,
            CoreAction.MEMBER_REMOVED,
            by=by,
            programme=group.programme,
            data={"group": group.pk, "group_name": group.name, "name": locked.name},
        )
        locked.delete()


def link_joined_person(user, municipality) -> int:
    """Link `user` to the members of `municipality`'s groups that have their e-mail and no
    account yet: called when they accept an invitation. Returns how many were linked."""
    members = list(
        GroupMember.objects.select_for_update(of=("self",))
        .filter(municipality=municipality, email__iexact=user.email, user__isnull=True)
        .select_related("group__programme")
    )
    for member in members:
        member.user = user
        member.save(update_fields=["user"])
        log_action(
            member,
            CoreAction.MEMBER_LINKED,
            by=user,
            programme=member.group.programme,
            data={"group": member.group_id, "group_name": member.group.name, "name": member.name},
        )
    return len(members)
