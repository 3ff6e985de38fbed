"""The meeting plan of a programme, made from its kind's template (`phases/kinds.py`).

When the programme starts (approval of the enrolment), every working phase gets its meetings:
each group the phase names meets `per_group` times; where the phase has a joint kick-off, the
first of those is one meeting of all the kick-off's groups. A group added later (a local
implementation group) gets its own meetings in the current and later phases, and joins a
kick-off of those phases that has not taken place yet.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from phases.kinds import template_for
from phases.models import Phase
from programmes.activity import log_action
from programmes.models import ProgrammeGroup

from .activity import Action
from .models import Meeting, MeetingGroup


def _title(phase, number, groups) -> str:
    with translation.override("da"):  # stored, so in the language of record
        return _("%(phase)s: møde %(number)d i %(group)s") % {
            "phase": Phase(phase).label,
            "number": number,
            "group": groups[0].name,
        }


def _kickoff_title(plan, phase) -> str:
    with translation.override("da"):
        return f"{Phase(phase).label}: {plan.kickoff_title}"


def _create(programme, phase, number, groups, *, kickoff=False, title=None) -> Meeting:
    meeting = Meeting.objects.create(
        programme=programme,
        phase=phase,
        number=number,
        is_kickoff=kickoff,
        title=title or _title(phase, number, groups),
    )
    MeetingGroup.objects.bulk_create(MeetingGroup(meeting=meeting, group=g) for g in groups)
    return meeting


def _plan_phase(programme, phase_template, groups) -> list[Meeting]:
    """The meetings of one phase for `groups` (those of them the phase's plan names)."""
    plan = phase_template.meetings
    phase = phase_template.phase
    taking_part = [g for g in groups if g.kind in plan.groups]
    made = []
    first_own = 1
    if plan.kickoff:
        joining = [g for g in taking_part if g.kind in plan.kickoff]
        kickoff = Meeting.objects.filter(programme=programme, phase=phase, is_kickoff=True).first()
        if kickoff is None and joining:
            made.append(
                _create(
                    programme,
                    phase,
                    1,
                    joining,
                    kickoff=True,
                    title=_kickoff_title(plan, phase),
                )
            )
        elif kickoff is not None and not kickoff.is_past and not kickoff.cancelled_at:
            MeetingGroup.objects.bulk_create(
                [MeetingGroup(meeting=kickoff, group=g) for g in joining],
                ignore_conflicts=True,
            )
        first_own = 2
    for group in taking_part:
        for number in range(first_own, plan.per_group + 1):
            made.append(_create(programme, phase, number, [group]))
    return made


def create_meeting_plan(programme, *, by=None) -> list[Meeting]:
    """Every working phase's meetings for the programme's groups; run once, at the start.
    One activity entry says how many meetings the plan made."""
    if Meeting.objects.filter(programme=programme).exists():
        return []
    groups = list(programme.groups.order_by("kind", "name"))
    made = []
    with transaction.atomic():
        for phase_template in template_for(programme).working_phases:
            made += _plan_phase(programme, phase_template, groups)
        if made:
            log_action(
                programme,
                Action.PLAN_CREATED,
                by=by,
                programme=programme,
                data={"meetings": len(made), "phases": len({m.phase for m in made})},
            )
    return made


def plan_for_new_group(group: ProgrammeGroup, current_phase: str, *, by=None) -> list[Meeting]:
    """A group added after the start gets meetings in the current phase and the later ones
    (none when the plan was not made yet: it will be made with the group in it)."""
    programme = group.programme
    if not Meeting.objects.filter(programme=programme).exists():
        return []
    template = template_for(programme)
    codes = [t.phase for t in template.phases]
    made = []
    with transaction.atomic():
        for phase_template in template.working_phases:
            if codes.index(phase_template.phase) < codes.index(current_phase):
                continue
            made += _plan_phase(programme, phase_template, [group])
        if made:
            log_action(
                group,
                Action.PLAN_EXTENDED,
                by=by,
                data={"group": group.pk, "name": group.name, "meetings": len(made)},
            )
    return made


def on_phase_entered(programme, phase, *, by) -> None:
    """The phases app's hook: the plan is made when the programme enters its first working
    phase."""
    if phase == template_for(programme).start:
        create_meeting_plan(programme, by=by)
