"""Composition rules for a programme's groups (seed 003 §5), as warnings in words.

Pure functions over objects the caller has fetched: a group's `members.all()` and a
programme's `groups.all()` are read as they are, so a page that prefetches `groups__members`
shows every warning without a query of its own. Each warning is a whole Danish sentence that
names the group and says why the rule matters, so it reads on its own in a list.
"""

from django.utils.translation import gettext as _

from .models import OFFER_AREAS, Area, GroupMember, Level, ProgrammeGroup

Kind = ProgrammeGroup.Kind
SENIOR_LEVELS = frozenset({Level.DIRECTOR, Level.CHIEF})


def group_warnings(group: ProgrammeGroup) -> list[str]:
    """What `group`'s members lack by the rules for its kind of group."""
    members = list(group.members.all())
    warnings = []
    if group.kind == Kind.STEERING and not any(m.level in SENIOR_LEVELS for m in members):
        warnings.append(
            _(
                "%(group)s har intet medlem på direktions- eller chefniveau, men styregruppen "
                "skal som minimum bestå af repræsentanter for direktions- og chefniveauet."
            )
            % {"group": group.name}
        )
    if group.kind in (Kind.IMPLEMENTATION, Kind.LOCAL) and not any(
        m.kind == GroupMember.Kind.CITIZEN for m in members
    ):
        warnings.append(
            _(
                "%(group)s har ingen borgerrepræsentant, og det er helt afgørende at involvere "
                "borgerne i en recovery-orienteret udvikling af praksis."
            )
            % {"group": group.name}
        )
    if group.kind == Kind.IMPLEMENTATION:
        authority = any(m.area == Area.AUTHORITY for m in members)
        offers = any(m.area in OFFER_AREAS for m in members)
        if not (authority or offers):
            missing = _("hverken nogen fra myndighedsområdet eller fra tilbuddene")
        elif not authority:
            missing = _("ingen fra myndighedsområdet")
        elif not offers:
            missing = _("ingen fra tilbuddene (bostøtte eller botilbud)")
        if not (authority and offers):
            warnings.append(
                _(
                    "%(group)s har %(missing)s, men implementeringsgruppen skal gå på tværs af "
                    "myndigheds- og tilbudsområdet."
                )
                % {"group": group.name, "missing": missing}
            )
    return warnings


def programme_own_warnings(programme) -> list[str]:
    """What the programme itself lacks: a coordinator, an SBST contact, an implementation
    group (the programme page shows these above the groups, each group's beside it)."""
    warnings = []
    if programme.coordinator_id is None:
        warnings.append(
            _(
                "Forløbet har ingen koordinator, så kommunen har ingen primær kontakt til "
                "Social- og Boligstyrelsen om forløbet."
            )
        )
    if programme.primary_contact_id is None:
        warnings.append(
            _(
                "Forløbet har ingen primær kontakt i Social- og Boligstyrelsen, så ingen "
                "konsulent følger kommunen gennem forløbet."
            )
        )
    if not any(g.kind == Kind.IMPLEMENTATION for g in programme.groups.all()):
        warnings.append(
            _(
                "Forløbet har ingen implementeringsgruppe, som skal omsætte styregruppens "
                "beslutninger til praksis."
            )
        )
    return warnings


def programme_warnings(programme) -> list[str]:
    """Every warning about the programme: its own, then each group's."""
    warnings = programme_own_warnings(programme)
    for group in programme.groups.all():
        warnings.extend(group_warnings(group))
    return warnings
