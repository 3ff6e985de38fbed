"""Activity entries and case-review reads for the activity pages' tests."""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from casereview.models import ReviewedCase
from programmes.activity import CoreAction, log_action
from programmes.models import ActivityEntry, ProgrammeGroup


def group_entry(programme, by, name="Lokal gruppe", at=None) -> ActivityEntry:
    """A group added to `programme` by `by` (one entry in its stream), at `at` if given."""
    group = ProgrammeGroup.objects.create(
        programme=programme, kind=ProgrammeGroup.Kind.LOCAL, name=name
    )
    entry = log_action(
        group, CoreAction.GROUP_ADDED, by=by, data={"group": group.pk, "name": group.name}
    )
    if at is not None:
        ActivityEntry.objects.filter(pk=entry.pk).update(created_at=at)
        entry.created_at = at
    return entry


def case_read(case, reader, at=None) -> LogEntry:
    """One recorded read of `case` by `reader`, as the case review writes it."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(ReviewedCase),
        object_pk=str(case.pk),
        object_id=case.pk,
        object_repr=str(case),
        action=LogEntry.Action.ACCESS,
        actor=reader,
        actor_email=reader.email,
        timestamp=at or timezone.now(),
        additional_data=case.get_additional_data(),
    )


def at(year, month, day, hour=12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))
