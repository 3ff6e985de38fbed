from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_member_kind_from_citizen_flag"),
        ("phases", "0002_phase_records_from_programmes"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='groupmember',
            name='is_citizen_representative',
        ),
        migrations.RemoveField(
            model_name='programme',
            name='phase',
        ),
    ]
