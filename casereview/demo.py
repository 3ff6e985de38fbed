"""Demo data for `seed_demo`: the ten reviewed cases of Roskilde's running programme.

Pseudonymous ("Sag 1" to "Sag 10"), with varied findings and short notes that name no one;
recorded through the service by Roskilde's coordinator, so the activity log looks like the
real thing. Runs after the enrolment and meetings demos, which make the programme.
"""

from django.contrib.auth import get_user_model

from programmes.models import Area, Municipality, Principle, Programme

from . import services
from .models import Presence, ReviewedCase, Shows

User = get_user_model()

C, P, N, R = Shows.CLEARLY, Shows.PARTLY, Shows.NOT, Shows.NOT_RELEVANT
YES, PART, NO = Presence.YES, Presence.PARTLY, Presence.NO

# (area, hopes in assessment, in action plan, resources in assessment, in action plan,
#  the eight principles in order, overall note, {principle: note})
CASES = [
    (
        Area.AUTHORITY,
        (PART, NO, YES, PART),
        (P, C, N, C, R, P, N, P),
        "Udredningen beskriver borgerens ressourcer godt, men handleplanen følger dem ikke op.",
        {Principle.NETWORK: "Netværket er ikke nævnt i sagen."},
    ),
    (
        Area.HOUSING_SUPPORT,
        (YES, YES, YES, YES),
        (C, C, C, C, P, C, P, C),
        "Et godt eksempel på en handleplan med borgerens egne ord.",
        {Principle.HOPES: "Borgerens drøm om at tage uddannelse er målet i handleplanen."},
    ),
    (
        Area.RESIDENTIAL,
        (NO, NO, PART, NO),
        (N, P, N, C, R, N, P, N),
        "Sagen handler mest om praktisk hjælp i hverdagen.",
        {Principle.FOLLOW_UP: "Der er ikke fulgt op på indsatsen i over et år."},
    ),
    (
        Area.AUTHORITY,
        (PART, PART, PART, NO),
        (P, P, P, C, C, P, P, N),
        "",
        {Principle.EARLY: "Borgeren fik hjælp kort efter den første henvendelse."},
    ),
    (
        Area.HOUSING_SUPPORT,
        (YES, PART, YES, YES),
        (C, C, P, C, P, P, C, P),
        "Bostøtten og myndighed har holdt fælles møde med borgeren.",
        {},
    ),
    (
        Area.RESIDENTIAL,
        (PART, NO, NO, NO),
        (P, N, N, P, R, N, N, N),
        "Handleplanen er ikke opdateret siden indflytningen.",
        {Principle.RESPECT: "Tonen i journalen er respektfuld."},
    ),
    (
        Area.AUTHORITY,
        (YES, YES, PART, PART),
        (C, P, C, C, C, C, P, P),
        "",
        {Principle.NETWORK: "Borgerens søster deltog i opfølgningsmødet."},
    ),
    (
        Area.HOUSING_SUPPORT,
        (NO, NO, PART, PART),
        (N, P, P, C, N, P, N, R),
        "Borgeren er ikke spurgt om egne mål.",
        {},
    ),
    (
        Area.OTHER,
        (PART, PART, YES, PART),
        (P, C, C, C, P, C, P, P),
        "Sagen går på tværs af beskæftigelse og socialpsykiatri.",
        {Principle.COORDINATED: "Jobcentret og bostøtten har en fælles plan."},
    ),
    (
        Area.RESIDENTIAL,
        (YES, PART, YES, PART),
        (C, C, P, C, R, P, C, C),
        "Personalet bruger en recoverymetode, som borgeren selv har valgt.",
        {Principle.KNOWLEDGE: "Metoden er beskrevet i handleplanen."},
    ),
]


def seed_case_review_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None:
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    existing = {
        label.lower()
        for label in ReviewedCase.objects.filter(programme=programme).values_list(
            "label", flat=True
        )
    }
    made = 0
    for number, (area, presence, shows, note, notes) in enumerate(CASES, start=1):
        label = f"Sag {number}"
        if label.lower() in existing or len(existing) + made >= len(CASES):
            continue
        hopes_assessment, hopes_plan, resources_assessment, resources_plan = presence
        services.record_case(
            programme,
            by=coordinator,
            details={
                "label": label,
                "area": area,
                "hopes_in_assessment": hopes_assessment,
                "hopes_in_action_plan": hopes_plan,
                "resources_in_assessment": resources_assessment,
                "resources_in_action_plan": resources_plan,
                "note": note,
            },
            findings={
                principle.value: {"shows": value, "note": notes.get(principle, "")}
                for principle, value in zip(Principle, shows, strict=True)
            },
        )
        made += 1
    if made:
        log(f"Oprettet: {made} gennemgåede borgersager i Roskildes forløb")
