"""Demo data for `seed_demo`: a draft anchoring plan for Roskilde's programme, started from
its adopted trial actions (and any reached goals): the first of them worked out, the others
still missing how, owner or follow-up; a free-text item; a first answer about a dimension
the temperature measurement flagged; a first draft of how the work continues. Not approved:
the programme is still in udvikle.

Built through the services, so the history looks like the real thing. Runs after the trial
actions and temperature demos; idempotent (nothing is added once the programme has a plan).
"""

import datetime

from django.contrib.auth import get_user_model

from programmes.models import GroupMember, Municipality, Programme

from . import services
from .models import AnchoringPlan, Mechanism
from .selectors import flagged_dimensions

User = get_user_model()

HOW = [
    (
        [Mechanism.PROCEDURES, Mechanism.JOB_DESCRIPTIONS],
        "Det bliver en fast del af arbejdsgangen, og funktionsbeskrivelserne nævner det.",
    ),
]


def seed_anchoring_plan_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None or AnchoringPlan.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    members = {}
    for member in GroupMember.objects.filter(group__programme=programme).order_by("group__kind"):
        members.setdefault(member.name, member)
    follow_up = (programme.cohort.starts_on + datetime.timedelta(days=2 * 365)).replace(day=1)

    _plan, items = services.pull_in(programme, by=coordinator)
    for item, (mechanisms, description) in zip(items, HOW, strict=False):
        services.change_item(
            item,
            by=coordinator,
            title=item.title,
            mechanisms=mechanisms,
            description=description,
            owner=item.owner or members.get("Omar Hansen"),
            follow_up_on=follow_up,
        )
    services.add_item(
        programme,
        by=coordinator,
        title="Styregruppen følger indsatstrappen hvert halve år",
        mechanisms=[Mechanism.KEY_FIGURES, Mechanism.MEETING_STRUCTURES],
        description="Indsatstrappen og antallet på botilbud er et fast punkt på styregruppens "
        "møde i februar og august.",
        owner=members.get("Sanne Styregruppe"),
        follow_up_on=follow_up,
    )
    flagged = flagged_dimensions(programme)
    services.change_plan(
        programme,
        by=coordinator,
        continuation=(
            "Implementeringsgruppen fortsætter som driftsgruppe efter forløbet og mødes hver "
            "anden måned. De lokale implementeringsgrupper bliver en del af teammøderne."
        ),
        dimension_answers=(
            {flagged[0].key: "Borgerrepræsentanter sidder nu i alle lokale grupper."}
            if flagged
            else None
        ),
    )
    log(f"Oprettet: Roskildes forankringsplan (udkast) med {len(items) + 1} punkter")
