from django.db import migrations


def phase_records_from_programmes(apps, schema_editor):
    """Each programme's phase, kept on the programme until now, becomes its open record."""
    Programme = apps.get_model("programmes", "Programme")
    ProgrammePhase = apps.get_model("phases", "ProgrammePhase")
    ProgrammePhase.objects.bulk_create(
        ProgrammePhase(
            programme_id=programme.pk,
            municipality_id=programme.municipality_id,
            phase=programme.phase,
            started_at=programme.created_at,
        )
        for programme in Programme.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [("phases", "0001_programme_phases_and_windows")]

    operations = [migrations.RunPython(phase_records_from_programmes, migrations.RunPython.noop)]
