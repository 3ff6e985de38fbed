from django.db import migrations

# A sensible default set: the concept's official names are not public (see the README).
DEFAULTS = [
    (
        "Ledelse og strategi",
        "Ledelsen på alle niveauer bærer omstillingen; en recovery-orienteret strategi er "
        "vedtaget og kendt.",
    ),
    (
        "Samarbejde på tværs af myndighed og tilbud",
        "Myndighedsområdet og de sociale tilbud arbejder sammen om borgerens forløb.",
    ),
    (
        "Kompetencer",
        "Ledere og medarbejdere har viden og færdigheder i recovery-orienteret rehabilitering.",
    ),
    (
        "Borgerinddragelse",
        "Borgere inddrages i egen sag og i udviklingen af indsatserne.",
    ),
    (
        "Styring og mål",
        "Mål, styring og økonomi understøtter en recovery-orienteret praksis.",
    ),
    (
        "Data og opfølgning",
        "Der følges systematisk op på indsatsernes virkning med data.",
    ),
]


def add_defaults(apps, schema_editor):
    Dimension = apps.get_model("assessments", "Dimension")
    for position, (name, description) in enumerate(DEFAULTS, start=1):
        Dimension.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
