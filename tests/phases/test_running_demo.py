"""seed_demo gives Roskilde a running programme to click through."""

import pytest

from meetings.models import Meeting, NetworkActivity
from phases.models import Phase
from phases.selectors import phase_of
from programmes.composition import group_warnings
from programmes.models import GroupMember, Programme, ProgrammeGroup
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_programme_runs_with_groups_meetings_and_a_network_activity(settings, db):
    settings.DEBUG = True

    seed()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    # Forberede is behind it: the trial actions' demo moves it on into udvikle.
    assert phase_of(programme) == Phase.DEVELOP
    assert programme.phase_records.filter(phase=Phase.PREPARE, ended_at__isnull=False).exists()
    kinds = sorted(programme.groups.values_list("kind", flat=True))
    assert kinds == ["implementation", "local", "steering"]
    citizens = GroupMember.objects.filter(group__programme=programme, kind=GroupMember.Kind.CITIZEN)
    assert citizens.filter(group__kind=ProgrammeGroup.Kind.IMPLEMENTATION).exists()
    implementation = programme.groups.get(kind=ProgrammeGroup.Kind.IMPLEMENTATION)
    assert group_warnings(implementation) == []  # citizens, authority and offers all there
    prepare = Meeting.objects.filter(programme=programme, phase=Phase.PREPARE)
    held = [m for m in prepare if m.is_past and m.minutes]
    assert len(held) == 2
    assert any(m.is_kickoff and m.decisions.exists() and m.follow_ups.exists() for m in held)
    assert prepare.filter(starts_at__isnull=True).exists()  # some still to be given a date
    activity = NetworkActivity.objects.get()
    assert sorted(activity.invitations.values_list("municipality__name", flat=True)) == [
        "Herning",
        "Roskilde",
    ]
    assert activity.invitations.get(municipality__name="Roskilde").participants.exists()
