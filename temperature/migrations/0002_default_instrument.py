from django.db import migrations

# A sensible default: the measurement's official dimensions are not public (see the README).
SCALE = ["Helt uenig", "Delvist uenig", "Hverken enig eller uenig", "Delvist enig", "Helt enig"]

DEFAULTS = [
    (
        "ledelse-og-retning",
        "Ledelse og retning",
        "Ledelsen går forrest, og alle ved, hvor omstillingen skal hen.",
        [
            "Ledelsen taler tydeligt om, hvorfor vi skal arbejde recovery-orienteret.",
            "Jeg ved, hvad målene for vores arbejde med omstillingen er.",
            "Ledelsen følger op på, om vi kommer nærmere målene.",
        ],
    ),
    (
        "samarbejde-paa-tvaers",
        "Samarbejde på tværs",
        "Myndighed og tilbud arbejder sammen om borgerens forløb.",
        [
            "Myndighed og tilbud har et godt samarbejde om den enkelte borger.",
            "Det er let at få fat i de rette kolleger på tværs af afdelinger.",
            "Vi deler viden om borgeren, når borgeren ønsker det.",
        ],
    ),
    (
        "kompetencer-og-laering",
        "Kompetencer og læring",
        "Ledere og medarbejdere har viden og færdigheder og lærer af det, de gør.",
        [
            "Jeg har den viden, jeg skal bruge for at arbejde recovery-orienteret.",
            "Vi har tid til at lære af hinanden og af det, vi prøver af.",
            "Nye medarbejdere bliver introduceret til den recovery-orienterede tilgang.",
        ],
    ),
    (
        "borgerinddragelse",
        "Borgerinddragelse",
        "Borgerne er med, når der besluttes noget om deres liv og om indsatserne.",
        [
            "Borgerens egne håb og mål er udgangspunktet for støtten.",
            "Borgere er med, når vi udvikler vores indsatser.",
            "Borgerens netværk bliver inddraget, når borgeren ønsker det.",
        ],
    ),
    (
        "data-og-opfoelgning",
        "Data og opfølgning",
        "Der følges op på, om indsatserne virker, og tallene bruges.",
        [
            "Vi følger op på, om støtten gør en forskel for borgeren.",
            "Vi bruger tal og viden til at forbedre vores indsatser.",
            "Resultaterne af opfølgningen bliver delt med os.",
        ],
    ),
    (
        "ressourcer-og-rammer",
        "Ressourcer og rammer",
        "Tid, økonomi og organisering giver plads til den nye praksis.",
        [
            "Der er tid nok til at arbejde recovery-orienteret.",
            "Vores organisering gør det let at give borgeren en sammenhængende støtte.",
            "Økonomien understøtter, at borgeren får den rette støtte i tide.",
        ],
    ),
]


def add_default(apps, schema_editor):
    Instrument = apps.get_model("temperature", "Instrument")
    Dimension = apps.get_model("temperature", "Dimension")
    Statement = apps.get_model("temperature", "Statement")
    if Instrument.objects.exists():
        return
    instrument = Instrument.objects.create(version=1, scale=SCALE)
    for position, (key, name, description, statements) in enumerate(DEFAULTS, start=1):
        dimension = Dimension.objects.create(
            instrument=instrument,
            key=key,
            name=name,
            description=description,
            position=position,
        )
        Statement.objects.bulk_create(
            Statement(dimension=dimension, text=text, position=number)
            for number, text in enumerate(statements, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("temperature", "0001_instrument_and_rounds")]

    operations = [migrations.RunPython(add_default, migrations.RunPython.noop)]
