"""Demo data for `seed_demo`: Roskilde's development plan with three goals, approved by a
member of the steering group as version 1, then changed a little, so the draft differs from
the approved version (the plan page shows both, and the differences between them).

Built through the services, so the history and the version look like the real thing. Runs
after the enrolment and meetings demos, which make Roskilde's programme and its groups.
"""

import datetime

from django.contrib.auth import get_user_model

from keyfigures.models import Indicator
from phases.models import Phase
from phases.schedule import phase_schedule
from programmes.models import GroupMember, Municipality, Principle, Programme, ProgrammeGroup
from programmes.models import Purpose as P

from . import services
from .models import DevelopmentPlan, EvaluationKind, SubGoal, SubGoalStatus

User = get_user_model()
Pr = Principle


def _weeks(day: datetime.date, weeks: int) -> datetime.date:
    return day + datetime.timedelta(weeks=weeks)


def _criterion(text):
    return {"evaluation_kind": EvaluationKind.CRITERION, "criterion": text}


def _goals(develop, anchor, indicator):
    """(goal values, [(sub-goal title, responsible's name, starts, due, status)])."""
    d, a = develop.starts_on, anchor.starts_on
    if indicator is not None:
        fewer_residential = {
            "evaluation_kind": EvaluationKind.INDICATOR,
            "indicator": indicator,
            "target": "10 procent lavere ved udgangen af forankre end ved forløbets start",
        }
    else:
        fewer_residential = _criterion(
            "Færre borgere visiteres til botilbud end i året før forløbet, og flere får i "
            "stedet bostøtte i eget hjem."
        )
    return [
        (
            {
                "title": "Borgerens håb, ønsker og drømme er udgangspunktet i nye handleplaner",
                "description": (
                    "Myndighed og bostøtte skriver handleplaner, der begynder med borgerens "
                    "egne mål, med borgerens egne ord."
                ),
                "purposes": [P.WELLBEING, P.SATISFACTION],
                "principles": [Pr.HOPES, Pr.RESOURCES],
                **_criterion(
                    "Ved en gennemgang af ti nye handleplaner står borgerens egne mål med "
                    "borgerens ord i mindst otte af dem."
                ),
            },
            [
                ("Ny skabelon til handleplanen", "Omar Hansen", d, _weeks(d, 8), "planned"),
                (
                    "Træning i samtaler om håb og drømme",
                    "Lone Bech",
                    _weeks(d, 4),
                    develop.ends_on,
                    "planned",
                ),
                ("Gennemgang af ti nye handleplaner", "Pia Friis", a, _weeks(a, 8), "planned"),
            ],
        ),
        (
            {
                "title": "Flere borgere deltager i almene fællesskaber",
                "description": (
                    "Bostøtten bygger bro til foreninger og fællesskaber uden for tilbuddene."
                ),
                "purposes": [P.COMMUNITIES],
                "principles": [Pr.NETWORK, Pr.COORDINATED],
                **_criterion(
                    "Dobbelt så mange borgere i bostøtten deltager i en forening eller et "
                    "fællesskab uden for tilbuddet som ved forløbets start."
                ),
            },
            [
                (
                    "Kortlægning af foreninger i Roskilde",
                    "Ahmad Karimi",
                    d,
                    _weeks(d, 6),
                    "planned",
                ),
                (
                    "Fast samarbejde med tre foreninger",
                    "Lone Bech",
                    _weeks(d, 8),
                    _weeks(a, 4),
                    "planned",
                ),
                (
                    "Borgere med egen erfaring som brobyggere",
                    "Ahmad Karimi",
                    a,
                    anchor.ends_on,
                    "planned",
                ),
            ],
        ),
        (
            {
                "title": "Færre borgere har brug for botilbud",
                "description": "Støtten kommer tidligere og følges op, så den altid er den rette.",
                "purposes": [P.LESS_INTRUSIVE, P.WELLBEING],
                "principles": [Pr.EARLY, Pr.FOLLOW_UP, Pr.KNOWLEDGE],
                **fewer_residential,
            },
            [
                (
                    "Fast opfølgning tre måneder efter hver bevilling",
                    "Omar Hansen",
                    _weeks(d, 4),
                    a,
                    "planned",
                ),
                (
                    "Styregruppen følger indsatstrappen hvert halve år",
                    "Sanne Styregruppe",
                    a,
                    anchor.ends_on,
                    "planned",
                ),
            ],
        ),
    ]


def seed_development_plan_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None or DevelopmentPlan.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    steering = (
        GroupMember.objects.filter(
            group__programme=programme,
            group__kind=ProgrammeGroup.Kind.STEERING,
            user__isnull=False,
        )
        .select_related("user")
        # The demo's steering member (styregruppe@roskilde.dk) before the director.
        .order_by("-user__email")
        .first()
    )
    members = {}
    for member in GroupMember.objects.filter(group__programme=programme).order_by("group__kind"):
        members.setdefault(member.name, member)
    windows = {span.phase: span for span in phase_schedule(programme.cohort, programme.kind)}
    indicator = Indicator.objects.filter(is_active=True, name__icontains="botilbud").first()

    services.change_introduction(
        programme,
        by=coordinator,
        introduction=(
            "Roskilde omlægger socialpsykiatrien mod recovery-orienteret rehabilitering. "
            "Planen samler, hvad styregruppen og implementeringsgruppen vil nå i udvikle og "
            "forankre, og hvem der har ansvaret.\n\nPlanen bygger på gennemgangen af ti "
            "borgersager og kommunens nøgletal fra forberede."
        ),
    )
    for values, sub_goals in _goals(windows[Phase.DEVELOP], windows[Phase.ANCHOR], indicator):
        goal = services.add_goal(programme, by=coordinator, **values)
        for title, name, starts_on, due_on, status in sub_goals:
            services.add_sub_goal(
                goal,
                by=coordinator,
                title=title,
                responsible=members.get(name),
                starts_on=starts_on,
                due_on=due_on,
                status=status,
            )
    log("Oprettet: Roskildes udviklingsplan med tre mål og deres delmål")
    if steering is None:
        return
    plan = DevelopmentPlan.objects.get(programme=programme)
    services.approve_plan(plan, by=steering.user)
    log(f"Godkendt: Roskildes udviklingsplan, version 1, af {steering.user.get_full_name()}")

    # After the approval the work has begun: the draft differs from version 1.
    template = SubGoal.objects.select_related("goal__plan__programme", "responsible").get(
        goal__plan=plan, title="Ny skabelon til handleplanen"
    )
    services.change_sub_goal(
        template,
        by=coordinator,
        title=template.title,
        responsible=template.responsible,
        starts_on=template.starts_on,
        due_on=_weeks(template.due_on, 2),
        status=SubGoalStatus.IN_PROGRESS,
    )
    log("Ændret: et delmål i Roskildes udviklingsplan efter godkendelsen")
