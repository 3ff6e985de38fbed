"""Roskilde's programmes, memberships and groups for the cross-tenant walk (see tests/world.py).

A group's pages sit under its programme's URL, so the group maker uses the programme the
programme maker has just made (makers run in this dict's order), and the member maker that
group.
"""

from programmes.models import GroupMember, Level, Membership, Programme, ProgrammeGroup
from tests.factories import ProgrammeFactory
from tests.world import Made, person

Role = Membership.Role


def make_membership_pk(municipality) -> Made:
    """A reader's membership, which the municipality's coordinator may remove."""
    reader = person(municipality, Role.READER)
    coordinator = person(municipality, Role.COORDINATOR)
    return Made(reader.memberships.get().pk, owner=coordinator)


def make_programme_pk(municipality) -> Made:
    coordinator = person(municipality, Role.COORDINATOR)
    programme = ProgrammeFactory(municipality=municipality, coordinator=coordinator)
    # Adding a group is the coordinator's; reading the programme anyone's with a role.
    return Made(
        programme.pk,
        owner=person(municipality, Role.READER),
        owner_of={
            "programmes:group_add": coordinator,
            # The case review is read by the coordinators, not by every role.
            "casereview:review": coordinator,
            # The activity stream is the programme's people's, not every role's.
            "auditview:stream": coordinator,
            "casereview:case_add": coordinator,
            "communication:activity_add": coordinator,
            "assessments:assessment_add": coordinator,
            "plans:plan_edit": coordinator,
            "plans:goal_add": coordinator,
            "anchoring:plan_edit": coordinator,
            "anchoring:item_add": coordinator,
            "trial_actions:trial_action_add": coordinator,
        },
    )


def _latest(model, municipality):
    return model.objects.filter(municipality=municipality).order_by("-pk").first()


def make_group_pk(municipality) -> Made:
    """A local group of the programme just made, which the coordinator edits."""
    group = ProgrammeGroup.objects.create(
        programme=_latest(Programme, municipality),
        kind=ProgrammeGroup.Kind.LOCAL,
        name=f"Lokal gruppe i {municipality.name}",
        area="housing_support",
    )
    return Made(group.pk, owner=person(municipality, Role.COORDINATOR))


def make_member_pk(municipality) -> Made:
    """A member of the group just made."""
    member = GroupMember.objects.create(
        group=_latest(ProgrammeGroup, municipality),
        name=f"Borger i {municipality.name}",
        kind=GroupMember.Kind.CITIZEN,
        level=Level.OTHER,
    )
    return Made(member.pk, owner=person(municipality, Role.COORDINATOR))


WORLD = {
    "membership_pk": make_membership_pk,
    "programme_pk": make_programme_pk,
    "group_pk": make_group_pk,
    "member_pk": make_member_pk,
}

SBST_PAGES = {"programmes:programme_contact"}
