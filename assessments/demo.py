"""Demo data for `seed_demo`: two dated versions of Roskilde's organisational assessment, a
first one early in forberede and a revised one after the ten-case review, so the profile
shows a change.

Built through the service, so the versions are numbered and logged as the real thing.
Runs after the enrolment and meetings demos (Roskilde's programme and its coordinator).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from programmes.models import Municipality, Programme

from . import services
from .models import Assessment, Dimension

User = get_user_model()

# Per default dimension: (first score, justification, evidence), (revised score, ...).
RATINGS = {
    "Ledelse og strategi": (
        (
            3,
            "Direktionen og socialchefen bakker tydeligt op om omstillingen, men den "
            "recovery-orienterede tilgang står endnu ikke i socialpsykiatriens strategi.",
            "Referat fra styregruppens første møde; strategien for voksenområdet 2023–2026.",
        ),
        (
            4,
            "Styregruppen har besluttet at skrive recovery ind i strategien ved næste "
            "revision, og lederne af bostøtten og myndigheden har fået et fælles mandat.",
            "Styregruppens beslutning fra andet møde; udkast til strategitekst.",
        ),
    ),
    "Samarbejde på tværs af myndighed og tilbud": (
        (
            2,
            "Myndigheden og bostøtten mødes kun om enkeltsager, og der er ingen faste fora, "
            "hvor de ser på borgernes forløb sammen.",
            "Implementeringsgruppens gennemgang af mødestrukturen.",
        ),
        (
            3,
            "Der er aftalt et månedligt koordineringsmøde mellem sagsbehandlere og "
            "bostøttemedarbejdere; de første to møder er holdt.",
            "Dagsordener og deltagerlister fra koordineringsmøderne.",
        ),
    ),
    "Kompetencer": (
        (
            2,
            "Få medarbejdere har undervisning i recovery-orienteret rehabilitering; "
            "viden og sprog er forskelligt fra team til team.",
            "Kompetenceoversigt fra HR; samtaler med teamlederne.",
        ),
        (
            2,
            "Der er lagt en plan for et fælles kompetenceforløb, men det begynder først "
            "i udvikle-fasen.",
            "Udkast til kompetenceplan.",
        ),
    ),
    "Borgerinddragelse": (
        (
            2,
            "Borgerne inddrages i egen handleplan, men ikke i udviklingen af tilbuddene. "
            "Gennemgangen af borgersager viste, at borgerens egne mål sjældent er skrevet ned.",
            "Gennemgang af ti nyere borgersager.",
        ),
        (
            3,
            "To borgerrepræsentanter er med i implementeringsgruppen, og bostøtten har "
            "afprøvet en skabelon, hvor borgerens håb og ønsker står først i handleplanen.",
            "Implementeringsgruppens sammensætning; skabelon til handleplan.",
        ),
    ),
    "Styring og mål": (
        (
            3,
            "Der er mål for antal visiterede timer, men ingen mål for borgernes trivsel "
            "eller deltagelse i almene fællesskaber.",
            "Serviceniveau og budgetopfølgning for socialpsykiatrien.",
        ),
        (
            3,
            "Uændret: målene drøftes i styregruppen i forbindelse med udviklingsplanen.",
            "",
        ),
    ),
    "Data og opfølgning": (
        (
            1,
            "Der følges ikke systematisk op på, om indsatserne virker; opfølgning sker "
            "sagsvis og bliver ikke samlet.",
            "Socialpsykiatriens Nøgletal for kommunen; samtale med controlleren.",
        ),
        (
            2,
            "Kommunen har valgt tre nøgletal, som styregruppen følger to gange om året.",
            "Notat om valg af nøgletal.",
        ),
    ),
}
GENERIC = (
    (3, "Vurderet af implementeringsgruppen på mødet i forberede-fasen.", ""),
    (3, "Uændret siden første vurdering.", ""),
)
SUMMARIES = (
    "Ledelsen bakker op, men samarbejdet på tværs og opfølgningen med data er de svageste "
    "områder. Dem tager udviklingsplanen fat i først.",
    "Efter gennemgangen af borgersagerne og de første koordineringsmøder er samarbejdet og "
    "borgerinddragelsen rykket et trin. Kompetencer og data er fortsat de svageste områder.",
)


def _ratings(version: int) -> list[dict]:
    rows = []
    for dimension in Dimension.objects.filter(is_active=True):
        score, justification, evidence = RATINGS.get(dimension.name, GENERIC)[version]
        rows.append(
            {
                "dimension": dimension,
                "score": score,
                "justification": justification,
                "evidence": evidence,
            }
        )
    return rows


def seed_assessment_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None or Assessment.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    today = timezone.localdate()
    for version, days_ago in enumerate((16, 3)):
        services.add_assessment(
            programme,
            by=coordinator,
            assessed_on=today - datetime.timedelta(days=days_ago),
            summary=SUMMARIES[version],
            ratings=_ratings(version),
        )
    log("Oprettet: to versioner af Roskildes organisatoriske ramme")
