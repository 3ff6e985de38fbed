"""Demo data for `seed_demo`: Roskilde's programme moves on from forberede into udvikle (by
the consultant, its development plan approved), and gets a dozen trial actions in every
state, tied to the plan's sub-goals and principles: some adapted into chains, one whose
evaluation is overdue, with observations, evaluations and decisions.

Built through the services, so the history looks like the real thing. Runs after the plans
demo, which approves Roskilde's development plan; idempotent (nothing is added once the
programme has trial actions).
"""

import datetime

from django.contrib.auth import get_user_model

from outbox.services import suppressed as tasks_suppressed
from phases.models import Phase
from phases.selectors import phase_of
from phases.services import transition_programme
from plans.models import SubGoal
from programmes.models import GroupMember, Municipality, Programme, ProgrammeGroup
from programmes.models import Principle as Pr

from . import services
from .models import TrialAction, TrialActionState, copenhagen_today

User = get_user_model()
State = TrialActionState
Kind = ProgrammeGroup.Kind

EVALUATION = {
    "what_happened": (
        "Det meste gik som håbet. Medarbejderne tog godt imod det, men det tog længere tid "
        "end ventet at få det ind i hverdagen."
    ),
    "learning": "Det virker, når lederen følger op på personalemødet hver uge.",
}


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _trials(today):
    """(key, plan, [(days before today, observation)], the cycle: a list of steps)."""
    return [
        (
            "handleplan",
            {
                "title": "Borgerens egne ord øverst i handleplanen",
                "problem": "Handleplanerne begynder med tilbuddets mål, ikke borgerens.",
                "hoped_for": "At borgeren genkender sine egne ord og mål i planen.",
                "success_measure": "Otte af ti nye handleplaner har borgerens mål med egne ord.",
                "principles": [Pr.HOPES, Pr.RESOURCES],
                "sub_goals": ["Ny skabelon til handleplanen"],
                "group": Kind.IMPLEMENTATION,
                "responsible": "Omar Hansen",
                "starts_on": today - _days(90),
                "ends_on": today - _days(48),
                "evaluate_by": today - _days(40),
            },
            [(85, "Tre nye handleplaner skrevet; to begynder med borgerens egne ord.")],
            [
                "start",
                "evaluate",
                ("adapt", "Skabelonen virker, men samtalen skal trænes."),
                "start",
                "observe:Efter træningen begynder fire af fem nye planer med borgerens ord.",
            ],
        ),
        (
            "haab",
            {
                "title": "Samtaler om håb og drømme i bostøtten",
                "problem": "Bostøtten taler mest om praktiske opgaver.",
                "hoped_for": "At hver borger har talt om sine drømme inden for en måned.",
                "success_measure": "Alle i bostøtten har haft samtalen inden for fire uger.",
                "principles": [Pr.HOPES, Pr.RESPECT],
                "sub_goals": ["Træning i samtaler om håb og drømme"],
                "group": Kind.LOCAL,
                "responsible": "Lone Bech",
                "starts_on": today - _days(80),
                "ends_on": today - _days(40),
                "evaluate_by": today - _days(30),
            },
            [
                (75, "Første samtaler holdt; borgerne tog godt imod dem."),
                (55, "Medarbejderne beder om flere spørgsmål at starte samtalen med."),
            ],
            ["start", "evaluate", ("adopt", "Samtalerne bliver en fast del af bostøtten.")],
        ),
        (
            "forening",
            {
                "title": "Foreningsguide til bostøtten",
                "problem": "Medarbejderne kender for få foreninger at bygge bro til.",
                "hoped_for": "At flere borgere prøver en forening uden for tilbuddet.",
                "success_measure": "Ti borgere har besøgt en forening i perioden.",
                "principles": [Pr.NETWORK],
                "sub_goals": [
                    "Kortlægning af foreninger i Roskilde",
                    "Fast samarbejde med tre foreninger",
                ],
                "group": Kind.LOCAL,
                "responsible": "Ahmad Karimi",
                "starts_on": today - _days(100),
                "ends_on": today - _days(60),
                "evaluate_by": today - _days(50),
            },
            [(90, "Guiden er trykt; fire borgere har fået den.")],
            [
                "start",
                "evaluate",
                ("adapt", "Guiden alene er ikke nok; borgerne vil følges derhen."),
                "start",
                "observe:Ahmad har fulgt tre borgere til foreningen første gang.",
                "evaluate",
                ("adapt", "Følgeskab virker; nu prøver vi med frivillige i stedet for personale."),
            ],
        ),
        (
            "opfoelgning",
            {
                "title": "Opfølgning tre måneder efter hver bevilling",
                "problem": "Indsatser fortsætter uændret, også når behovet har ændret sig.",
                "hoped_for": "At støtten altid passer til borgerens behov lige nu.",
                "success_measure": "Alle bevillinger i perioden er fulgt op efter tre måneder.",
                "principles": [Pr.FOLLOW_UP, Pr.EARLY],
                "sub_goals": ["Fast opfølgning tre måneder efter hver bevilling"],
                "group": Kind.IMPLEMENTATION,
                "responsible": "Omar Hansen",
                "starts_on": today - _days(70),
                "ends_on": today - _days(20),
                "evaluate_by": today - _days(10),
            },
            [(60, "Otte opfølgninger holdt; to førte til mindre støtte.")],
            ["start", "evaluate"],
        ),
        (
            "morgenmoede",
            {
                "title": "Fælles morgenmøde om opfølgning",
                "problem": "Ingen ved, hvem der følger op på nye henvendelser.",
                "hoped_for": "At hver henvendelse har en ejer samme dag.",
                "success_measure": "Alle henvendelser har en navngiven ejer inden kl. 12.",
                "principles": [Pr.COORDINATED],
                "sub_goals": [],
                "group": Kind.IMPLEMENTATION,
                "responsible": "Pia Friis",
                "starts_on": today - _days(60),
                "ends_on": today - _days(30),
                "evaluate_by": today - _days(25),
            },
            [(50, "Mødet blev aflyst tre gange på to uger på grund af travlhed.")],
            ["start", "evaluate", ("drop", "Mødet passer ikke ind i vagtplanen.")],
        ),
        (
            "brobyggere",
            {
                "title": "Brobyggere med egen erfaring",
                "problem": "Borgerne møder sjældent nogen, der selv har været igennem det.",
                "hoped_for": "At borgere med egen erfaring følger andre ind i fællesskaber.",
                "success_measure": "To brobyggere er i gang og har fulgt fem borgere.",
                "principles": [Pr.NETWORK, Pr.KNOWLEDGE],
                "sub_goals": ["Borgere med egen erfaring som brobyggere"],
                "group": Kind.LOCAL,
                "responsible": "Lone Bech",
                "starts_on": today + _days(14),
                "ends_on": today + _days(70),
                "evaluate_by": today + _days(80),
            },
            [],
            [],
        ),
        (
            "netvaerksmoede",
            {
                "title": "Netværksmøde før visitation",
                "problem": "Visitationen sker uden borgerens netværk.",
                "hoped_for": "At netværket er med, før der besluttes en indsats.",
                "success_measure": "Halvdelen af visitationerne har haft et netværksmøde først.",
                "principles": [Pr.NETWORK, Pr.EARLY],
                "sub_goals": ["Fast opfølgning tre måneder efter hver bevilling"],
                "group": Kind.IMPLEMENTATION,
                "responsible": "Omar Hansen",
                "starts_on": today - _days(35),
                "ends_on": today - _days(7),
                "evaluate_by": today - _days(3),
            },
            [(30, "To netværksmøder holdt; pårørende kom til begge.")],
            ["start"],
        ),
        (
            "ressourcer",
            {
                "title": "Borgerens ressourcer på dagsordenen i visitationsudvalget",
                "problem": "Udvalget taler mest om borgerens begrænsninger.",
                "hoped_for": "At hver sag begynder med, hvad borgeren kan.",
                "success_measure": "Ressourcer står først i alle sager på udvalgets dagsorden.",
                "principles": [Pr.RESOURCES],
                "sub_goals": ["Gennemgang af ti nye handleplaner"],
                "group": Kind.IMPLEMENTATION,
                "responsible": "Pia Friis",
                "starts_on": today - _days(20),
                "ends_on": today + _days(20),
                "evaluate_by": today + _days(28),
            },
            [
                (14, "Første møde: tre af fem sager begyndte med ressourcer."),
                (7, "Andet møde: alle sager begyndte med ressourcer."),
            ],
            ["start"],
        ),
        (
            "cafe",
            {
                "title": "Åben café med frivillige",
                "problem": "Borgerne har få steder at mødes uden for tilbuddet.",
                "hoped_for": "Et fast mødested, som frivillige driver.",
                "success_measure": "Caféen er åben hver uge med mindst ti gæster.",
                "principles": [Pr.NETWORK, Pr.RESOURCES],
                "sub_goals": ["Fast samarbejde med tre foreninger"],
                "group": Kind.LOCAL,
                "responsible": "Ahmad Karimi",
                "starts_on": today - _days(120),
                "ends_on": today - _days(60),
                "evaluate_by": today - _days(55),
            },
            [
                (110, "Første café: syv gæster."),
                (80, "Caféen har nu fire faste frivillige og tolv gæster."),
            ],
            ["start", "evaluate", ("adopt", "Caféen fortsætter med de frivillige.")],
        ),
    ]


def _lookups(programme):
    groups = {g.kind: g for g in programme.groups.order_by("id")}
    members = {}
    for member in GroupMember.objects.filter(group__programme=programme).order_by("id"):
        members.setdefault(member.name, member)
    sub_goals = {
        s.title: s for s in SubGoal.objects.filter(goal__plan__programme=programme).order_by("id")
    }
    return groups, members, sub_goals


def _run(trial_action, steps, by, today):
    """Take the trial action through `steps`; an adaptation goes on with its follow-up."""
    for step in steps:
        if step == "start":
            trial_action = services.start_trial_action(trial_action, by=by)
        elif step == "evaluate":
            trial_action = services.evaluate_trial_action(trial_action, by=by, **EVALUATION)
        elif isinstance(step, str) and step.startswith("observe:"):
            services.add_observation(
                trial_action, by=by, observed_on=today, text=step.removeprefix("observe:")
            )
        else:
            decision, reason = step
            to = {"adopt": State.ADOPTED, "adapt": State.ADAPTED, "drop": State.DROPPED}[decision]
            decided = services.decide_trial_action(trial_action, to, by=by, reason=reason)
            if decided.created_follow_up is not None:
                trial_action = decided.created_follow_up
    return trial_action


def seed_trial_actions_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None or TrialAction.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    consultant = User.objects.get(email="konsulent@sbst.dk")
    with tasks_suppressed():
        if phase_of(programme) == Phase.PREPARE:
            transition_programme(programme, Phase.DEVELOP, by=consultant)
            log("Flyttet: Roskildes forløb fra forberede til udvikle")
        programme.refresh_from_db()
        today = copenhagen_today()
        groups, members, sub_goals = _lookups(programme)
        for _key, plan, observations, steps in _trials(today):
            values = {
                **plan,
                "group": groups.get(plan["group"]),
                "responsible": members.get(plan["responsible"]),
                "sub_goals": [sub_goals[t] for t in plan["sub_goals"] if t in sub_goals],
            }
            trial_action = services.plan_trial_action(programme, by=coordinator, **values)
            if steps and steps[0] == "start":
                trial_action = services.start_trial_action(trial_action, by=coordinator)
                steps = steps[1:]
                for days_ago, text in observations:
                    services.add_observation(
                        trial_action,
                        by=coordinator,
                        observed_on=today - _days(days_ago),
                        text=text,
                    )
            _run(trial_action, steps, coordinator, today)
    count = TrialAction.objects.filter(programme=programme).count()
    log(f"Oprettet: {count} prøvehandlinger i Roskilde, i alle tilstande")
