"""Who may do what with a programme's meetings, inside what the scoping layer lets them read.

Everyone who can read the programme (the municipality's people, SBST staff) reads its
meetings. The municipality's coordinators and SBST staff plan meetings and edit everything
about them; members of a meeting's groups (people linked to a `GroupMember` by their account)
take attendance, write the minutes and add attachments. A follow-up task is marked done by
its responsible person too.
"""

from programmes.models import GroupMember
from programmes.permissions import is_coordinator

from .models import MeetingGroup


def can_manage_meetings(user, programme) -> bool:
    """The municipality's coordinators and SBST staff: plan, cancel, set the agenda, and do
    everything a group member may."""
    if not user or not user.is_authenticated:
        return False
    return user.is_sbst or is_coordinator(user, programme.municipality)


def is_in_meeting_groups(user, meeting) -> bool:
    """`user` is a member of one of the meeting's groups (remembered on the meeting)."""
    if not user or not user.is_authenticated:
        return False
    cache = meeting.__dict__.setdefault("_members_cache", {})
    if user.pk not in cache:
        groups = MeetingGroup.objects.filter(meeting_id=meeting.pk).values("group_id")
        cache[user.pk] = GroupMember.objects.filter(user_id=user.pk, group_id__in=groups).exists()
    return cache[user.pk]


def can_take_part(user, meeting) -> bool:
    """Take attendance, write the minutes, add attachments."""
    return can_manage_meetings(user, meeting.programme) or is_in_meeting_groups(user, meeting)


def can_remove_attachment(user, attachment) -> bool:
    """The managers, and the group member who added the file."""
    meeting = attachment.meeting
    if can_manage_meetings(user, meeting.programme):
        return True
    return attachment.uploaded_by_id == user.pk and is_in_meeting_groups(user, meeting)


def can_mark_done(user, follow_up) -> bool:
    """The responsible person, the coordinators and SBST staff."""
    if not user or not user.is_authenticated:
        return False
    responsible = follow_up.responsible
    if responsible is not None and responsible.user_id == user.pk:
        return True
    return can_manage_meetings(user, follow_up.meeting.programme)
