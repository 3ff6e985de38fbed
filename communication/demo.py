"""Demo data for `seed_demo`: a communication plan for Roskilde's running programme, with
activities done, one overdue, one still to come in forberede and more across udvikle.

Built through the services, so the activity log looks like the real thing. Runs after the
meetings' demo, which gives Roskilde's groups their members (the responsible persons).
"""

import datetime

from django.contrib.auth import get_user_model

from phases.models import Phase
from phases.schedule import window_of
from programmes.models import GroupMember, Municipality, Programme

from . import services
from .models import ActivityStatus, Channel, CommunicationActivity, copenhagen_today

User = get_user_model()
days = datetime.timedelta


def _activities(today: datetime.date, develop_start: datetime.date, develop_end: datetime.date):
    """(title, audience, channel, message, materials, responsible's name, date, status)."""
    # Dates in udvikle stay ahead of today, whatever the cohort's windows say.
    develop_start = max(develop_start, today + days(40))
    develop_end = max(develop_end, develop_start + days(120))
    return [
        (
            "Orientering om forløbet på personalemødet i bostøtten",
            "Medarbejdere og ledere i bostøtten",
            Channel.MEETING,
            "Roskilde Kommune er med i et strategisk udviklingsforløb om recovery-orienteret "
            "rehabilitering. Vi fortæller hvorfor, hvad det betyder for hverdagen, og hvordan "
            "medarbejderne kan byde ind.",
            "Oplæg på fem slides og forløbets tidsplan.",
            "Lone Bech",
            today - days(20),
            ActivityStatus.DONE,
        ),
        (
            "Nyhed på intranettet om opstartsmødet",
            "Alle medarbejdere i socialpsykiatrien",
            Channel.INTRANET,
            "Styregruppen og implementeringsgruppen er gået i gang. Læs om gruppernes opgaver "
            "og de otte principper, som forløbet bygger på.",
            "Kort artikel med billede fra opstartsmødet.",
            "Omar Hansen",
            today - days(12),
            ActivityStatus.DONE,
        ),
        (
            "Orienteringsbrev til samarbejdspartnere",
            "Jobcentret, regionspsykiatrien og brugerorganisationerne",
            Channel.EMAIL,
            "Vi fortæller om forløbet og inviterer til dialog om, hvordan vi sammen støtter "
            "borgernes recovery.",
            "Brev og et faktaark om forløbet.",
            "Lone Bech",
            today - days(4),
            ActivityStatus.PLANNED,
        ),
        (
            "Dialogmøde med brugerrådet og pårørenderådet",
            "Brugerrådet og pårørenderådet",
            Channel.MEETING,
            "Vi præsenterer forløbet og spørger, hvordan borgere og pårørende vil inddrages i "
            "arbejdet med udviklingsplanen.",
            "Oplæg og tre spørgsmål til drøftelse.",
            "Sara Nielsen",
            today + days(12),
            ActivityStatus.PLANNED,
        ),
        (
            "Nyhedsbrev: de første prøvehandlinger",
            "Medarbejdere og ledere i socialpsykiatrien",
            Channel.NEWSLETTER,
            "Hvilke prøvehandlinger er sat i gang, hvorfor, og hvordan følger vi op på, om de "
            "gør en forskel for borgerne?",
            "Nyhedsbrev med tre korte eksempler fra de lokale grupper.",
            "Omar Hansen",
            develop_start + days(21),
            ActivityStatus.PLANNED,
        ),
        (
            "Fortællinger fra borgere og medarbejdere på kommunens hjemmeside",
            "Borgere, pårørende og offentligheden",
            Channel.WEBSITE,
            "Recovery tager udgangspunkt i borgerens håb, ønsker og drømme. Borgere og "
            "medarbejdere fortæller med egne ord, hvad der har ændret sig.",
            "To skrevne portrætter med samtykke og billeder.",
            "Ahmad Karimi",
            develop_start + days(75),
            ActivityStatus.PLANNED,
        ),
        (
            "Status for Socialudvalget på udviklingsfasen",
            "Politikerne i Socialudvalget",
            Channel.MEETING,
            "Hvad har prøvehandlingerne lært os, og hvad foreslår styregruppen at forankre?",
            "Dagsordenspunkt med et kort notat som bilag.",
            "Lone Bech",
            develop_end - days(20),
            ActivityStatus.PLANNED,
        ),
    ]


def seed_communication_plan_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = (
        Programme.objects.filter(municipality=roskilde)
        .select_related("municipality", "cohort")
        .order_by("created_at")
        .first()
    )
    if programme is None or CommunicationActivity.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    members = {}
    for member in GroupMember.objects.filter(group__programme=programme).order_by("group__kind"):
        members.setdefault(member.name, member)
    develop = window_of(programme.cohort, Phase.DEVELOP, programme.kind)
    today = copenhagen_today()
    start, end = (develop.starts_on, develop.ends_on) if develop else (today, today)
    for title, audience, channel, message, materials, name, day, status in _activities(
        today, start, end
    ):
        activity = services.add_activity(
            programme,
            by=coordinator,
            title=title,
            audience=audience,
            channel=channel,
            message=message,
            materials=materials,
            responsible=members.get(name),
            planned_on=day,
        )
        if status == ActivityStatus.DONE:
            services.mark_activity_done(activity, by=coordinator)
    log("Oprettet: Roskildes kommunikationsplan (to gennemført, én overskredet, fem planlagt)")
