"""A form saved exactly as it was shown changes nothing: one test over every edit page.

Each edit page is listed in EDIT_PAGES with how to build its object and how to read back
everything the page may change. The page is fetched, its form posted back as a browser
would, and the state compared: no row changed, no history line added.
"""

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from enrolment import services
from programmes.models import ActivityEntry, Level
from tests.anchoring.resave import EDIT_PAGES as ANCHORING_EDIT_PAGES
from tests.assessments.resave import EDIT_PAGES as ASSESSMENT_EDIT_PAGES
from tests.casereview.resave import EDIT_PAGES as CASE_REVIEW_EDIT_PAGES
from tests.communication.resave import EDIT_PAGES as COMMUNICATION_EDIT_PAGES
from tests.enrolment.factories import draft_enrolment, ready_for_decision, submitted_enrolment
from tests.factories import ConsultantFactory, member
from tests.forms import posted_form
from tests.keyfigures.resave import EDIT_PAGES as KEY_FIGURE_EDIT_PAGES
from tests.measures.resave import EDIT_PAGES as MEASURE_EDIT_PAGES
from tests.meetings.resave import EDIT_PAGES as MEETING_EDIT_PAGES
from tests.plans.resave import EDIT_PAGES as PLAN_EDIT_PAGES
from tests.temperature.resave import EDIT_PAGES as TEMPERATURE_EDIT_PAGES
from tests.trial_actions.resave import EDIT_PAGES as TRIAL_ACTION_EDIT_PAGES


def _enrolment_state(enrolment):
    enrolment.refresh_from_db()
    members = list(enrolment.steering_members.order_by("id").values())
    participants = list(enrolment.meeting_participants.order_by("id").values())
    fields = {f.attname: getattr(enrolment, f.attname) for f in enrolment._meta.concrete_fields}
    return fields, members, participants


def enrolment_edit(roskilde):
    coordinator = member("Roskilde")
    steering = [
        {
            "name": "Søren Styre",
            "title": "Socialchef",
            "email": "s@roskilde.example.dk",
            "level": Level.CHIEF,
        },
        {"name": "Ida & Bo <Direktør>", "title": "", "email": "", "level": Level.DIRECTOR},
    ]
    enrolment = draft_enrolment(
        roskilde, coordinator, steering=steering, ambitions="Linje 1\nLinje 2"
    )
    return (
        reverse("enrolment:enrolment_edit", args=[enrolment.pk]),
        coordinator,
        {"save": "1"},
        lambda: _enrolment_state(enrolment),
    )


def enrolment_meeting(roskilde):
    consultant = ConsultantFactory()
    enrolment = submitted_enrolment(roskilde, member("Roskilde"))
    services.record_enrolment_meeting(
        enrolment,
        by=consultant,
        meeting_date=timezone.localdate(),
        held=False,
        participants=[
            {
                "name": "Charlotte Chef",
                "title": "Chef",
                "level": Level.CHIEF,
                "has_strategic_responsibility": True,
            },
            {"name": "Lars Leder", "title": "", "level": Level.OTHER},
        ],
    )
    return (
        reverse("enrolment:enrolment_meeting", args=[enrolment.pk]),
        consultant,
        {},
        lambda: _enrolment_state(enrolment),
    )


def programme_contact(roskilde):
    consultant = ConsultantFactory()
    enrolment = ready_for_decision(roskilde, member("Roskilde"), consultant)
    programme = services.approve_enrolment(enrolment, by=consultant).programme

    def state():
        programme.refresh_from_db()
        return programme.primary_contact_id

    return reverse("programmes:programme_detail", args=[programme.pk]), consultant, {}, state


def cohort_windows(roskilde):
    from phases.models import PhaseWindow
    from tests.factories import AdministratorFactory, CohortFactory

    admin = AdministratorFactory()
    cohort = CohortFactory()
    # One window adjusted already, the others as the template computes them.
    PhaseWindow.objects.create(
        cohort=cohort,
        phase="develop",
        starts_on=cohort.starts_on.replace(year=cohort.starts_on.year + 1, month=2),
        ends_on=cohort.starts_on.replace(year=cohort.starts_on.year + 1, month=6, day=30),
    )

    def state():
        return list(PhaseWindow.objects.order_by("phase").values())

    return reverse("phases:cohort_windows", args=[cohort.pk]), admin, {}, state


def _group_page(roskilde, page):
    from programmes.models import GroupMember, ProgrammeGroup
    from tests.factories import ProgrammeFactory

    coordinator = member("Roskilde")
    programme = ProgrammeFactory(municipality=roskilde, coordinator=coordinator)
    group = ProgrammeGroup.objects.create(
        programme=programme,
        kind="local",
        name="Lokal <gruppe> & co",
        area="other",
        area_name="Beskæftigelse",
    )
    person = GroupMember.objects.create(
        group=group,
        name="Ida & Bo <Borger>",
        email="Ida@Roskilde.example.dk",
        role="chair",
        kind="citizen",
        level=Level.OTHER,
        area="",
    )

    def state():
        return list(ProgrammeGroup.objects.filter(pk=group.pk).values()), list(
            group.members.values()
        )

    args = [programme.pk, group.pk] + ([person.pk] if page == "member_edit" else [])
    return reverse(f"programmes:{page}", args=args), coordinator, {}, state


def network_activity_edit(roskilde):
    import datetime
    from zoneinfo import ZoneInfo

    from meetings import network
    from meetings.models import NetworkActivity

    consultant = ConsultantFactory()
    activity = network.create_network_activity(
        by=consultant,
        municipalities=[roskilde],
        title="Netværksdag & <co>",
        description="Linje 1\nLinje 2",
        starts_at=datetime.datetime(2030, 3, 31, 9, 30, tzinfo=ZoneInfo("Europe/Copenhagen")),
        ends_at=None,
        place="Odense",
        online_url="https://moede.example.dk/netvaerk",
    )

    def state():
        return list(NetworkActivity.objects.filter(pk=activity.pk).values())

    return reverse("network:activity_edit", args=[activity.pk]), consultant, {}, state


EDIT_PAGES = {
    "programmes:group_edit": lambda roskilde: _group_page(roskilde, "group_edit"),
    "programmes:member_edit": lambda roskilde: _group_page(roskilde, "member_edit"),
    "phases:cohort_windows": cohort_windows,
    "enrolment:enrolment_edit": enrolment_edit,
    "enrolment:enrolment_meeting": enrolment_meeting,
    "programmes:programme_contact": programme_contact,
    "network:activity_edit": network_activity_edit,
    **MEETING_EDIT_PAGES,
    **ASSESSMENT_EDIT_PAGES,
    **CASE_REVIEW_EDIT_PAGES,
    **KEY_FIGURE_EDIT_PAGES,
    **PLAN_EDIT_PAGES,
    **COMMUNICATION_EDIT_PAGES,
    **TRIAL_ACTION_EDIT_PAGES,
    **TEMPERATURE_EDIT_PAGES,
    **ANCHORING_EDIT_PAGES,
    **MEASURE_EDIT_PAGES,
}


def test_every_edit_page_is_in_the_resave_test():
    names = {
        f"{ns}:{name}"
        for ns, (prefix, resolver) in get_resolver().namespace_dict.items()
        for name in resolver.reverse_dict
        if isinstance(name, str) and (name.endswith("_edit") or name.endswith("_meeting"))
    }

    assert names <= set(EDIT_PAGES)


@pytest.mark.parametrize("page", EDIT_PAGES, ids=list(EDIT_PAGES))
def test_a_form_saved_exactly_as_it_was_shown_changes_nothing(page, roskilde, client_for):
    url, user, submit, state = EDIT_PAGES[page](roskilde)
    client = client_for(user)
    before = state()
    entries = ActivityEntry.objects.count()
    shown = client.get(url)
    assert shown.status_code == 200
    data = posted_form(shown.content.decode())
    form_url = url
    if page == "programmes:programme_contact":
        data = posted_form(shown.content.decode(), containing="contact")
        form_url = reverse(page, args=[url.rstrip("/").split("/")[-1]])

    response = client.post(form_url, {**data, **submit})

    assert response.status_code in (200, 302)
    if response.status_code == 200 and response.context and "form" in response.context:
        assert not response.context["form"].errors
    assert state() == before
    assert ActivityEntry.objects.count() == entries, "nothing changed, so nothing is logged"
