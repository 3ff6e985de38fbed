from django.db import migrations

# The support ladder from the bottom (own home, little support) to the top (residential
# offers with extensive support); SBST's administrators may rename and add steps.
DEFAULTS = [
    ("early", "Tidlig og forebyggende indsats i eget hjem", "Fx gruppeforløb og § 82 a/b."),
    ("home_support", "Socialpædagogisk støtte i eget hjem", "Bostøtte efter § 85."),
    (
        "supported_housing",
        "Bolig med tilknyttet støtte",
        "Almen bolig eller bofællesskab med støtte efter § 85.",
    ),
    ("temporary_residential", "Midlertidigt botilbud", "Botilbud efter § 107."),
    ("long_term_residential", "Længerevarende botilbud", "Botilbud efter § 108."),
]


def add_defaults(apps, schema_editor):
    LadderStep = apps.get_model("keyfigures", "LadderStep")
    for position, (code, name, description) in enumerate(DEFAULTS, start=1):
        LadderStep.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("keyfigures", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
