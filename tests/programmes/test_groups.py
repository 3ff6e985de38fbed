"""A programme's groups and their members: who may change them, the rules, the invitations."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from programmes import extensions, services
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Area, GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory, member
from tests.programmes.groups import Kind, group_of, person_in, well_composed_programme

Role = Membership.Role


@pytest.fixture
def programme(roskilde, roskilde_coordinator):
    return ProgrammeFactory(municipality=roskilde, coordinator=roskilde_coordinator)


def url(name, *args):
    return reverse(f"programmes:{name}", args=args)


def member_data(**fields):
    return {
        "name": "Nina Ny",
        "email": "",
        "title": "Socialrådgiver",
        "role": GroupMember.Role.MEMBER,
        "kind": GroupMember.Kind.EMPLOYEE,
        "level": Level.OTHER,
        "area": Area.AUTHORITY,
        **fields,
    }


def entries():
    return ActivityEntry.objects.count()


# Groups ----------------------------------------------------------------------------------


def test_coordinator_adds_a_local_group_with_its_area(client_for, roskilde_coordinator, programme):
    before = entries()

    response = client_for(roskilde_coordinator).post(
        url("group_add", programme.pk),
        {"kind": Kind.LOCAL, "name": "Lokal gruppe for bostøtte", "area": Area.HOUSING_SUPPORT},
    )

    group = programme.groups.get()
    assert response.status_code == 302
    assert response.url == url("group_detail", programme.pk, group.pk)
    assert (group.kind, group.name, group.area) == (
        Kind.LOCAL,
        "Lokal gruppe for bostøtte",
        Area.HOUSING_SUPPORT,
    )
    assert entries() == before + 1


def test_a_local_group_in_another_area_must_name_it(roskilde_coordinator, programme):
    with pytest.raises(DomainError) as refused:
        services.add_group(
            programme, by=roskilde_coordinator, name="Lokal", area=Area.OTHER, area_name=" "
        )

    assert refused.value.field == "area_name"
    group = services.add_group(
        programme, by=roskilde_coordinator, name="Lokal", area=Area.OTHER, area_name="Beskæftigelse"
    )
    assert (group.area, group.area_name) == (Area.OTHER, "Beskæftigelse")


def test_a_local_group_must_have_an_area(client_for, roskilde_coordinator, programme):
    response = client_for(roskilde_coordinator).post(
        url("group_add", programme.pk), {"kind": Kind.LOCAL, "name": "Lokal", "area": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["area"] == [
        "Vælg det område, den lokale gruppe arbejder i."
    ]
    assert not programme.groups.exists()


def test_a_programme_has_one_steering_group(roskilde_coordinator, programme):
    group_of(programme, Kind.STEERING)

    with pytest.raises(DomainError) as refused:
        services.add_group(programme, by=roskilde_coordinator, name="To", kind=Kind.STEERING)

    assert str(refused.value) == "Forløbet har allerede en styregruppe."


def test_adding_a_group_runs_the_group_added_hooks_in_the_transaction(
    roskilde_coordinator, programme
):
    seen = []

    def hook(group, *, by):
        seen.append((group.pk, by, ProgrammeGroup.objects.filter(pk=group.pk).exists()))

    extensions.register_group_added(hook)
    try:
        group = services.add_group(
            programme, by=roskilde_coordinator, name="Lokal", area=Area.AUTHORITY
        )
    finally:
        extensions.GROUP_ADDED_HOOKS.remove(hook)

    assert seen == [(group.pk, roskilde_coordinator, True)]


def test_a_failing_group_added_hook_leaves_no_group(roskilde_coordinator, programme):
    def hook(group, *, by):
        raise DomainError("Nej.")

    extensions.register_group_added(hook)
    try:
        with pytest.raises(DomainError):
            services.add_group(programme, by=roskilde_coordinator, name="L", area=Area.AUTHORITY)
    finally:
        extensions.GROUP_ADDED_HOOKS.remove(hook)

    assert not programme.groups.exists()


def test_coordinator_renames_a_group_with_one_activity_entry(
    client_for, roskilde_coordinator, programme
):
    group = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    before = entries()

    client_for(roskilde_coordinator).post(
        url("group_edit", programme.pk, group.pk),
        {"name": "Myndighedsgruppen", "area": Area.OTHER, "area_name": "Jobcenter"},
    )

    group.refresh_from_db()
    assert (group.name, group.area, group.area_name) == (
        "Myndighedsgruppen",
        Area.OTHER,
        "Jobcenter",
    )
    assert entries() == before + 1


def test_a_standing_group_is_renamed_but_has_no_area(client_for, roskilde_coordinator, programme):
    group = group_of(programme, Kind.STEERING)

    client_for(roskilde_coordinator).post(
        url("group_edit", programme.pk, group.pk),
        {"name": "Styregruppen for socialpsykiatrien", "area": Area.AUTHORITY},
    )

    group.refresh_from_db()
    assert (group.name, group.area) == ("Styregruppen for socialpsykiatrien", "")


def test_a_local_group_without_held_meetings_is_removed(
    client_for, roskilde_coordinator, programme
):
    from meetings.models import Meeting

    local = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    steering = group_of(programme, Kind.STEERING)
    own = Meeting.objects.create(programme=programme, phase="develop", title="Lokalt møde")
    own.groups.add(local)
    joint = Meeting.objects.create(programme=programme, phase="develop", title="Fælles opstart")
    joint.groups.add(local, steering)
    client = client_for(roskilde_coordinator)
    before = entries()

    assert client.get(url("group_remove", programme.pk, local.pk)).status_code == 200
    response = client.post(url("group_remove", programme.pk, local.pk))

    assert response.url == url("programme_detail", programme.pk)
    assert list(programme.groups.all()) == [steering]
    assert list(Meeting.objects.filter(programme=programme)) == [joint]
    assert entries() == before + 1


def test_a_local_group_that_has_held_a_meeting_stays(client_for, roskilde_coordinator, programme):
    from meetings.models import Meeting

    local = group_of(programme, Kind.LOCAL, name="Bostøttegruppen", area=Area.HOUSING_SUPPORT)
    held = Meeting.objects.create(
        programme=programme,
        phase="develop",
        title="Holdt møde",
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    held.groups.add(local)
    client = client_for(roskilde_coordinator)

    page = client.get(url("group_remove", programme.pk, local.pk))
    response = client.post(url("group_remove", programme.pk, local.pk), follow=True)

    refusal = (
        "Bostøttegruppen har holdt møder, så gruppen kan ikke fjernes. Møderne og deres "
        "referater skal blive i forløbets historie."
    )
    assert refusal in page.content.decode()
    assert refusal in response.content.decode()
    assert programme.groups.filter(pk=local.pk).exists()


def test_a_meeting_still_to_come_does_not_keep_a_group(roskilde_coordinator, programme):
    from meetings.models import Meeting

    local = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    later = Meeting.objects.create(
        programme=programme,
        phase="develop",
        title="Senere",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    later.groups.add(local)

    services.remove_group(local, by=roskilde_coordinator)

    assert not programme.groups.exists()


@pytest.mark.parametrize("kind", [Kind.STEERING, Kind.IMPLEMENTATION])
def test_the_standing_groups_cannot_be_removed(roskilde_coordinator, programme, kind):
    group = group_of(programme, kind)

    with pytest.raises(DomainError) as refused:
        services.remove_group(group, by=roskilde_coordinator)

    assert "faste grupper" in str(refused.value)
    assert programme.groups.filter(pk=group.pk).exists()


# Members ---------------------------------------------------------------------------------


def test_coordinator_adds_a_citizen_without_account(client_for, roskilde_coordinator, programme):
    group = group_of(programme, Kind.IMPLEMENTATION)
    before = entries()

    response = client_for(roskilde_coordinator).post(
        url("member_add", programme.pk, group.pk),
        member_data(name="Bo Borger", kind=GroupMember.Kind.CITIZEN, title="", area=""),
    )

    assert response.status_code == 302
    person = group.members.get()
    assert (person.name, person.kind, person.user) == ("Bo Borger", "citizen", None)
    assert entries() == before + 1
    assert not Invitation.objects.exists()


def test_a_group_has_at_most_one_chair(client_for, roskilde_coordinator, programme):
    group = group_of(programme, Kind.STEERING)
    person_in(group, "Freja Formand", role=GroupMember.Role.CHAIR)

    response = client_for(roskilde_coordinator).post(
        url("member_add", programme.pk, group.pk), member_data(role=GroupMember.Role.CHAIR)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["role"] == [
        "Freja Formand er allerede formand for Styregruppe, og en gruppe har én formand. "
        "Gør først Freja Formand til almindeligt medlem."
    ]
    assert group.members.count() == 1


def test_the_chair_is_changed_by_making_another_member_chair(roskilde_coordinator, programme):
    group = group_of(programme, Kind.STEERING)
    old = person_in(group, "Freja", role=GroupMember.Role.CHAIR, level=Level.DIRECTOR)
    new = person_in(group, "Niels", level=Level.CHIEF)
    fields = {"title": "", "kind": GroupMember.Kind.LEADER, "area": ""}

    # The chair keeps the role when something else about them changes.
    services.change_member(
        old, by=roskilde_coordinator, name="Freja F.", role="chair", level="director", **fields
    )
    services.change_member(
        old, by=roskilde_coordinator, name="Freja F.", role="member", level="director", **fields
    )
    services.change_member(
        new, by=roskilde_coordinator, name="Niels", role="chair", level="chief", **fields
    )

    assert list(group.members.filter(role="chair").values_list("name", flat=True)) == ["Niels"]


def test_the_same_email_is_not_twice_in_a_group(roskilde_coordinator, programme):
    group = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    person_in(group, "Anna", email="anna@roskilde.example.dk")

    with pytest.raises(DomainError) as refused:
        services.add_member(
            group,
            by=roskilde_coordinator,
            name="Anna",
            email="ANNA@roskilde.example.dk",
            level="other",
        )

    assert refused.value.field == "email"


def link_in_last_mail():
    return re.search(r"https?://\S+(/konto/invitation/\S+/)", mail.outbox[-1].body).group(1)


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (Kind.STEERING, Role.STEERING),
        (Kind.IMPLEMENTATION, Role.IMPLEMENTATION),
        (Kind.LOCAL, Role.LOCAL),
    ],
)
def test_a_member_invited_as_user_gets_the_groups_role_and_is_linked_on_accepting(
    client_for,
    roskilde_coordinator,
    roskilde,
    programme,
    kind,
    role,
    django_capture_on_commit_callbacks,
):
    group = group_of(programme, kind, area=Area.AUTHORITY if kind == Kind.LOCAL else "")
    client = client_for(roskilde_coordinator)
    before = entries()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("member_add", programme.pk, group.pk),
            member_data(email="Nina.Ny@Roskilde.example.dk", invite="on"),
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.municipality) == (
        "nina.ny@roskilde.example.dk",
        role,
        roskilde,
    )
    assert mail.outbox[-1].to == ["nina.ny@roskilde.example.dk"]
    assert entries() == before + 1
    person = group.members.get()
    assert person.user is None

    client.logout()
    link = link_in_last_mail()
    joined = client.post(
        link,
        {"full_name": "Nina Ny", "password1": "sikker-kode-123", "password2": "sikker-kode-123"},
    )

    assert joined.status_code == 302
    person.refresh_from_db()
    assert person.user == User.objects.get(email="nina.ny@roskilde.example.dk")
    assert person.user.memberships.get().role == role


def test_accepting_links_only_members_of_that_municipality(
    roskilde_coordinator, herning, programme, unscoped
):
    group = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    roskilde_member = person_in(group, "Nina", email="nina@example.dk")
    herning_programme = ProgrammeFactory(municipality=herning)
    herning_member = person_in(
        group_of(herning_programme, Kind.STEERING), "Nina", email="nina@example.dk"
    )
    user = member("Herning", role=Role.STEERING, email="nina@example.dk")

    services.link_joined_person(user, herning)

    roskilde_member.refresh_from_db()
    herning_member.refresh_from_db()
    assert (roskilde_member.user, herning_member.user) == (None, user)


def test_a_member_who_has_an_account_in_the_municipality_is_linked_not_invited(
    client_for, roskilde_coordinator, programme
):
    reader = member("Roskilde", role=Role.READER, email="lis@roskilde.example.dk")
    group = group_of(programme, Kind.IMPLEMENTATION)

    client_for(roskilde_coordinator).post(
        url("member_add", programme.pk, group.pk),
        member_data(name="Lis", email="LIS@roskilde.example.dk", invite="on"),
    )

    assert group.members.get().user == reader
    assert not Invitation.objects.exists()


def test_an_account_of_another_municipality_is_not_linked(roskilde_coordinator, programme):
    member("Herning", email="hans@herning.example.dk")
    group = group_of(programme, Kind.STEERING)

    person = services.add_member(
        group, by=roskilde_coordinator, name="Hans", email="hans@herning.example.dk", level="chief"
    )

    assert person.user is None


def test_inviting_needs_an_email(client_for, roskilde_coordinator, programme):
    group = group_of(programme, Kind.STEERING)

    response = client_for(roskilde_coordinator).post(
        url("member_add", programme.pk, group.pk), member_data(invite="on")
    )

    assert response.context["form"].errors["email"] == [
        "Skriv personens e-mail, hvis personen skal inviteres som bruger."
    ]
    assert not group.members.exists()


def test_a_member_without_account_is_invited_when_edited(
    client_for, roskilde_coordinator, programme
):
    group = group_of(programme, Kind.STEERING)
    person = person_in(group, "Ole", email="ole@roskilde.example.dk", level=Level.CHIEF)

    client_for(roskilde_coordinator).post(
        url("member_edit", programme.pk, group.pk, person.pk),
        member_data(name="Ole", email="ole@roskilde.example.dk", level="chief", invite="on"),
    )

    assert Invitation.objects.get().role == Role.STEERING


def test_a_new_email_leaves_the_old_account(roskilde_coordinator, programme):
    reader = member("Roskilde", role=Role.READER, email="gammel@roskilde.example.dk")
    group = group_of(programme, Kind.STEERING)
    person = services.add_member(
        group, by=roskilde_coordinator, name="P", email=reader.email, level="chief"
    )
    assert person.user == reader

    changed = services.change_member(
        person,
        by=roskilde_coordinator,
        name="P",
        email="ny@roskilde.example.dk",
        role="member",
        kind="employee",
        level="chief",
    )

    assert changed.user is None


def test_coordinator_removes_a_member(client_for, roskilde_coordinator, programme):
    group = group_of(programme, Kind.STEERING)
    person = person_in(group, "Ole")
    client = client_for(roskilde_coordinator)
    before = entries()

    assert client.get(url("member_remove", programme.pk, group.pk, person.pk)).status_code == 200
    client.post(url("member_remove", programme.pk, group.pk, person.pk))

    assert not group.members.exists()
    assert entries() == before + 1


def test_a_member_of_another_group_is_not_found_under_this_one(
    client_for, roskilde_coordinator, programme
):
    steering = group_of(programme, Kind.STEERING)
    local = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    person = person_in(local, "Ole")

    response = client_for(roskilde_coordinator).get(
        url("member_edit", programme.pk, steering.pk, person.pk)
    )

    assert response.status_code == 404


# Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.READER, Role.STEERING, Role.IMPLEMENTATION])
def test_a_reader_sees_the_group_but_may_not_change_it(client_for, programme, role):
    group = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    person = person_in(group, "Ole")
    client = client_for(member("Roskilde", role=role))

    page = client.get(url("group_detail", programme.pk, group.pk))
    refused = [
        client.get(url("group_add", programme.pk)),
        client.get(url("group_edit", programme.pk, group.pk)),
        client.post(url("group_edit", programme.pk, group.pk), {"name": "Nyt navn"}),
        client.post(url("group_remove", programme.pk, group.pk)),
        client.get(url("member_add", programme.pk, group.pk)),
        client.get(url("member_edit", programme.pk, group.pk, person.pk)),
        client.post(url("member_remove", programme.pk, group.pk, person.pk)),
    ]

    assert page.status_code == 200
    assert "Redigér gruppen" not in page.content.decode()
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert group.members.exists()


def test_a_reader_cannot_change_groups_through_the_services(programme):
    reader = member("Roskilde", role=Role.READER)
    group = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)

    with pytest.raises(DomainError):
        services.add_member(group, by=reader, name="X", level="other")
    with pytest.raises(DomainError):
        services.remove_group(group, by=reader)


def test_sbst_staff_edit_a_municipalitys_groups(client_for, programme):
    group = group_of(programme, Kind.STEERING)

    response = client_for(ConsultantFactory()).post(
        url("member_add", programme.pk, group.pk), member_data(level=Level.DIRECTOR)
    )

    assert response.status_code == 302
    assert group.members.count() == 1


@pytest.mark.parametrize("page", ["group_detail", "group_edit", "member_add", "member_edit"])
def test_herning_coordinator_gets_404_on_roskildes_group_pages(
    client_for, herning_coordinator, programme, page
):
    group = group_of(programme, Kind.STEERING)
    person = person_in(group, "Ole")
    args = [programme.pk, group.pk] + ([person.pk] if page == "member_edit" else [])

    client = client_for(herning_coordinator)

    assert client.get(url(page, *args)).status_code == 404
    if page != "group_detail":  # a page to read only answers a POST with 405
        assert client.post(url(page, *args), member_data()).status_code == 404


# What people type --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Nina\x00Ny"),
        ("title", "Social\x00rådgiver"),
        ("name", "N" * 5000),
        ("title", "T" * 5000),
        ("email", "n" * 300 + "@example.dk"),
        ("name", "To\nlinjer"),
        ("role", "president"),
        ("level", "\x00"),
    ],
)
def test_bad_member_input_is_a_form_error_not_a_server_error(
    client_for, roskilde_coordinator, programme, field, value
):
    group = group_of(programme, Kind.STEERING)

    response = client_for(roskilde_coordinator).post(
        url("member_add", programme.pk, group.pk), member_data(**{field: value})
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not group.members.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("name", "L\x00"), ("name", "L" * 300), ("area_name", "A" * 300)]
)
def test_bad_group_input_is_a_form_error_not_a_server_error(
    client_for, roskilde_coordinator, programme, field, value
):
    data = {"kind": Kind.LOCAL, "name": "Lokal", "area": Area.OTHER, "area_name": "Andet"}

    response = client_for(roskilde_coordinator).post(
        url("group_add", programme.pk), {**data, field: value}
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not programme.groups.exists()


# Pages -------------------------------------------------------------------------------------


def test_the_group_page_shows_members_and_composition_warnings(
    client_for, roskilde_coordinator, programme
):
    group = group_of(programme, Kind.IMPLEMENTATION, name="Implementeringsgruppen")
    person_in(group, "Mette Myndighed", area=Area.AUTHORITY, email="mette@roskilde.example.dk")
    member("Roskilde", role=Role.READER, email="konto@roskilde.example.dk")
    services.add_member(
        group,
        by=roskilde_coordinator,
        name="Kim Konto",
        email="konto@roskilde.example.dk",
        level="leader",
    )

    body = client_for(roskilde_coordinator).get(url("group_detail", programme.pk, group.pk))
    text = body.content.decode()

    assert "Mette Myndighed" in text and "Myndighed" in text
    assert "Implementeringsgruppen har ingen borgerrepræsentant" in text
    assert "alert-warning" in text
    assert "Har en bruger" in text and "Ingen bruger" in text
    assert url("member_add", programme.pk, group.pk) in text


def test_the_programme_page_links_each_group_and_shows_its_warnings(
    client_for, roskilde_coordinator, roskilde
):
    programme = well_composed_programme(roskilde)
    local = group_of(programme, Kind.LOCAL, name="Botilbudsgruppen", area=Area.RESIDENTIAL)
    person_in(local, "Else", kind=GroupMember.Kind.LEADER, level=Level.LEADER)

    text = (
        client_for(roskilde_coordinator).get(url("programme_detail", programme.pk)).content.decode()
    )

    for group in programme.groups.all():
        assert url("group_detail", programme.pk, group.pk) in text
    assert "Botilbudsgruppen har ingen borgerrepræsentant" in text
    assert text.count("alert-warning") == 1
    assert "Borgerrepræsentant" in text and "Leder" in text


def test_the_group_page_takes_as_many_queries_for_five_members_as_for_one(
    client_for, roskilde_coordinator, programme, count_queries
):
    group = group_of(programme, Kind.LOCAL, area=Area.AUTHORITY)
    client = client_for(roskilde_coordinator)
    page = url("group_detail", programme.pk, group.pk)

    def add(index):
        services.add_member(
            group,
            by=roskilde_coordinator,
            name=f"Medlem {index}",
            email=f"m{index}@roskilde.example.dk",
            level="other",
            invite=index % 2 == 0,
        )
        member("Roskilde", role=Role.READER, email=f"k{index}@roskilde.example.dk")
        services.add_member(
            group,
            by=roskilde_coordinator,
            name=f"Konto {index}",
            email=f"k{index}@roskilde.example.dk",
            level="other",
        )

    add(0)
    client.get(page)
    one = count_queries(lambda: client.get(page))
    for index in range(1, 5):
        add(index)
    five = count_queries(lambda: client.get(page))

    assert one == five
    assert len(client.get(page).context["members"]) == 10


def test_each_change_to_groups_reads_as_a_sentence_in_the_programmes_history(
    roskilde_coordinator, programme, django_capture_on_commit_callbacks
):
    by = roskilde_coordinator
    group = services.add_group(programme, by=by, name="Bostøtten", area=Area.HOUSING_SUPPORT)
    services.change_group(group, by=by, name="Bostøttegruppen", area=Area.HOUSING_SUPPORT)
    with django_capture_on_commit_callbacks(execute=True):
        person = services.add_member(
            group, by=by, name="Nina", email="nina@roskilde.example.dk", level="other", invite=True
        )
    services.change_member(
        person,
        by=by,
        name="Nina Ny",
        email=person.email,
        role="member",
        kind="citizen",
        level="other",
    )
    services.link_joined_person(
        member("Roskilde", role=Role.LOCAL, email="nina@roskilde.example.dk"),
        programme.municipality,
    )
    services.remove_member(person, by=by)
    services.remove_group(group, by=by)

    messages = [e.message for e in ActivityEntry.objects.filter(programme=programme)]

    assert messages == [
        "Bostøtten er oprettet.",
        "Bostøttegruppen er ændret.",
        "Nina er kommet med i Bostøttegruppen. Personen er inviteret som bruger.",
        "Oplysningerne om Nina Ny i Bostøttegruppen er ændret.",
        "Nina Ny i Bostøttegruppen har taget imod sin invitation og har nu en bruger.",
        "Nina Ny er ikke længere med i Bostøttegruppen.",
        "Bostøttegruppen er fjernet fra forløbet.",
    ]
