"""Reading the activity log for the activity pages.

The search merges the domain log (`programmes.ActivityEntry`) with the case review's reads
(django-auditlog's access entries, `casereview.audit.reads`) into one list, newest first:
one UNION query gives a page of (source, id, time), and each source's rows on the page are
then read in one query each, so a page costs the same whatever it shows.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, IntegerField, Q, Value
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from casereview import audit
from casereview.models import ReviewedCase
from programmes.activity import describe
from programmes.models import ActivityEntry, Municipality, Programme

from .filters import READ

ACTIVITY, READ_SOURCE = 1, 2


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(values: dict):
    """The two sources, each filtered as `values` ask."""
    entries = ActivityEntry.objects.all()
    reads = audit.reads().order_by()
    case_type = ContentType.objects.get_for_model(ReviewedCase)
    action = values.get("handling")
    if action == READ:
        entries = entries.none()
    elif action:
        entries = entries.filter(action=action)
        reads = reads.none()
    object_type = int(values["objekt"]) if values.get("objekt") else None
    if object_type:
        entries = entries.filter(content_type_id=object_type)
        if object_type != case_type.pk:
            reads = reads.none()
    person = values.get("person")
    if person:
        entries = entries.filter(
            Q(actor__full_name__icontains=person)
            | Q(actor__email__icontains=person)
            | Q(actor_description__icontains=person)
        )
        reads = reads.filter(
            Q(actor__full_name__icontains=person) | Q(actor_email__icontains=person)
        )
    municipality = values.get("kommune")
    if municipality:
        entries = entries.filter(municipality=municipality)
        reads = reads.filter(additional_data__municipality_id=municipality.pk)
    if values.get("fra"):
        start = _day_start(values["fra"])
        entries = entries.filter(created_at__gte=start)
        reads = reads.filter(timestamp__gte=start)
    if values.get("til"):
        end = _day_start(values["til"] + datetime.timedelta(days=1))
        entries = entries.filter(created_at__lt=end)
        reads = reads.filter(timestamp__lt=end)
    return entries, reads


def search(values: dict):
    """(source, id, at) of every matching entry and read, newest first: a lazy query to
    paginate, then `rows` for a page."""
    entries, reads = _filtered(values)
    entries = entries.annotate(
        source=Value(ACTIVITY, output_field=IntegerField()), at=F("created_at")
    ).values_list("source", "id", "at")
    reads = reads.annotate(
        source=Value(READ_SOURCE, output_field=IntegerField()), at=F("timestamp")
    ).values_list("source", "id", "at")
    return entries.union(reads, all=True).order_by("-at", "-source", "-id")


@dataclass
class Row:
    """One line of the search's results, from either source."""

    at: datetime.datetime
    who: str
    what: str
    note: str
    municipality: Municipality | None
    programme: Programme | None
    kind: str
    is_read: bool


def _type_label(content_type_id) -> str:
    if content_type_id is None:
        return ""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return capfirst(str(model._meta.verbose_name)) if model else ""


def rows(page_items) -> list[Row]:
    """The page's (source, id, at) as rows, each source read in one query."""
    page_items = list(page_items)
    entry_ids = [pk for source, pk, _at in page_items if source == ACTIVITY]
    read_ids = [pk for source, pk, _at in page_items if source == READ_SOURCE]
    entries = ActivityEntry.objects.filter(pk__in=entry_ids).select_related(
        "actor", "municipality", "programme__cohort"
    )
    entries = {e.pk: e for e in entries} if entry_ids else {}
    reads = {r.pk: r for r in audit.reads().filter(pk__in=read_ids)} if read_ids else {}
    place_ids = {(r.additional_data or {}).get("municipality_id") for r in reads.values()}
    programme_ids = {(r.additional_data or {}).get("programme_id") for r in reads.values()}
    places = (
        {m.pk: m for m in Municipality.objects.filter(pk__in=place_ids - {None})} if reads else {}
    )
    programmes = (
        {
            p.pk: p
            for p in Programme.objects.filter(pk__in=programme_ids - {None}).select_related(
                "cohort"
            )
        }
        if reads
        else {}
    )
    case_label = _type_label(ContentType.objects.get_for_model(ReviewedCase).pk)
    result = []
    for source, pk, _at in page_items:
        if source == ACTIVITY and pk in entries:
            entry = entries[pk]
            result.append(
                Row(
                    at=entry.created_at,
                    who=entry.who,
                    what=describe(entry),
                    note=entry.note,
                    municipality=entry.municipality,
                    programme=entry.programme,
                    kind=_type_label(entry.content_type_id),
                    is_read=False,
                )
            )
        elif source == READ_SOURCE and pk in reads:
            read = reads[pk]
            data = read.additional_data or {}
            who = read.actor.get_full_name() if read.actor else (read.actor_email or "")
            result.append(
                Row(
                    at=read.timestamp,
                    who=who,
                    # Who and when only: never the case's pseudonym or anything it says.
                    what=_("Så en sag i sagsgennemgangen (sag nr. %(number)s).")
                    % {"number": read.object_id},
                    note="",
                    municipality=places.get(data.get("municipality_id")),
                    programme=programmes.get(data.get("programme_id")),
                    kind=case_label,
                    is_read=True,
                )
            )
    return result
