"""Move the enrolment history (EnrolmentEvent) onto the one activity log (ActivityEntry)."""

from django.db import migrations


def facts(event, enrolment) -> dict:
    """The event's facts as the activity log stores them; its stored sentence as a note."""
    kind, text = event.kind, event.text or ""
    if kind == "director_link_sent":
        return {"email": text.removeprefix("Sendt til ").rstrip(".") or enrolment.director_email}
    if kind == "director_approved":
        return {"via": "link" if "link" in event.actor_description else "account"}
    if kind in ("steering_approved", "steering_objected"):
        name = (event.actor.full_name or event.actor.email) if event.actor else ""
        return {"name": name or event.actor_description, "note": text}
    if kind == "meeting_recorded":
        return {
            "date": enrolment.meeting_date.isoformat() if enrolment.meeting_date else None,
            "held": text.startswith("Afholdt"),
            "count": enrolment.meeting_participants.count(),
            "note": text,
        }
    return {"note": text} if text else {}


def forwards(apps, schema_editor):
    EnrolmentEvent = apps.get_model("enrolment", "EnrolmentEvent")
    Enrolment = apps.get_model("enrolment", "Enrolment")
    ActivityEntry = apps.get_model("programmes", "ActivityEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="enrolment", model="enrolment"
    )
    enrolments = {e.pk: e for e in Enrolment._base_manager.all()}
    entries = []
    for event in EnrolmentEvent._base_manager.select_related("actor").order_by("pk"):
        enrolment = enrolments[event.enrolment_id]
        data = facts(event, enrolment)
        if data.get("date") is None:
            data.pop("date", None)
        entries.append(
            ActivityEntry(
                municipality_id=event.municipality_id,
                programme_id=enrolment.programme_id,
                actor_id=event.actor_id,
                actor_description=event.actor_description
                if event.kind == "director_approved"
                else "",
                action=f"enrolment.{event.kind}",
                content_type_id=content_type.pk,
                object_id=event.enrolment_id,
                data=data,
                created_at=event.created_at,
            )
        )
    ActivityEntry._base_manager.bulk_create(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("enrolment", "0004_director_declines_through_the_link"),
        ("programmes", "0004_activity_log"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
