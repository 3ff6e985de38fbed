from django.db import migrations


def member_kind_from_flag(apps, schema_editor):
    """A citizen representative keeps being one; a director or chief becomes a leader."""
    GroupMember = apps.get_model("programmes", "GroupMember")
    GroupMember.objects.filter(is_citizen_representative=True).update(kind="citizen")
    GroupMember.objects.filter(
        is_citizen_representative=False, level__in=["director", "chief"]
    ).update(kind="leader")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_groups_areas_roles_and_programme_kind")]

    operations = [migrations.RunPython(member_kind_from_flag, migrations.RunPython.noop)]
