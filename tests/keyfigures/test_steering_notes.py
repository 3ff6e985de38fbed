"""The steering discussion's notes: programme data, read by everyone who reads the programme,
written by the coordinator, the steering and implementation groups and SBST."""

import datetime

from django.urls import reverse
from django.utils import timezone

from keyfigures import services
from keyfigures.activity import Action
from keyfigures.models import SteeringNote
from programmes.models import ActivityEntry, GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory, member

from .factories import figure, indicator

Role = Membership.Role


def notes_url(programme):
    return reverse("keyfigures:steering_notes", kwargs={"programme_pk": programme.pk})


def edit_url(note):
    return reverse(
        "keyfigures:steering_note_edit",
        kwargs={"programme_pk": note.programme_id, "steering_note_pk": note.pk},
    )


def note_data(text="Målene for området drøftet.", day=None):
    day = day or timezone.localdate()
    return {
        "written_on_day": str(day.day),
        "written_on_month": str(day.month),
        "written_on_year": str(day.year),
        "text": text,
    }


def write(programme, by, text="Noten", days_ago=0):
    return services.add_steering_note(
        programme,
        by=by,
        written_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        text=text,
    )


def test_the_coordinator_writes_a_note_logged_on_the_programme(
    client_for, roskilde, roskilde_coordinator
):
    programme = ProgrammeFactory(municipality=roskilde)

    response = client_for(roskilde_coordinator).post(notes_url(programme), note_data())

    note = SteeringNote.objects.get()
    assert response.status_code == 302
    assert (note.text, note.author, note.municipality) == (
        "Målene for området drøftet.",
        roskilde_coordinator,
        roskilde,
    )
    entry = ActivityEntry.objects.get(action=Action.STEERING_NOTE_ADDED)
    assert entry.programme_id == programme.pk


def test_steering_and_implementation_members_and_sbst_write_notes_a_reader_only_reads(
    client, roskilde
):
    programme = ProgrammeFactory(municipality=roskilde)
    group = ProgrammeGroup.objects.create(
        programme=programme, kind=ProgrammeGroup.Kind.STEERING, name="Styregruppen"
    )
    in_group = member("Roskilde", role=Role.READER)
    GroupMember.objects.create(group=group, user=in_group, name="Sif Styre", level=Level.CHIEF)
    writers = [
        member("Roskilde", role=Role.STEERING),
        member("Roskilde", role=Role.IMPLEMENTATION),
        in_group,
        ConsultantFactory(),
    ]
    for index, user in enumerate(writers):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert client.post(notes_url(programme), note_data(f"Note {index}")).status_code == 302
    reader = member("Roskilde", role=Role.READER)
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(notes_url(programme)).status_code == 200
    assert client.get(notes_url(programme)).context["form"] is None
    assert client.post(notes_url(programme), note_data("Læserens note")).status_code == 403
    assert sorted(SteeringNote.objects.values_list("text", flat=True)) == [
        "Note 0",
        "Note 1",
        "Note 2",
        "Note 3",
    ]


def test_another_municipality_never_finds_the_notes(client_for, roskilde, roskilde_coordinator):
    programme = ProgrammeFactory(municipality=roskilde)
    note = write(programme, roskilde_coordinator)
    client = client_for(member("Herning"))

    assert client.get(notes_url(programme)).status_code == 404
    assert client.get(edit_url(note)).status_code == 404
    assert client.post(edit_url(note), note_data("Overtaget")).status_code == 404


def test_a_note_with_a_cpr_number_is_refused_and_nothing_saved(
    client_for, roskilde, roskilde_coordinator
):
    programme = ProgrammeFactory(municipality=roskilde)

    response = client_for(roskilde_coordinator).post(
        notes_url(programme), note_data("Borgeren 010190-1234 har fået bostøtte.")
    )

    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert SteeringNote.objects.count() == 0


def test_a_note_is_corrected_with_one_entry(client_for, roskilde, roskilde_coordinator):
    programme = ProgrammeFactory(municipality=roskilde)
    note = write(programme, roskilde_coordinator, "Første udgave")

    client_for(roskilde_coordinator).post(edit_url(note), note_data("Anden udgave"))

    note.refresh_from_db()
    assert note.text == "Anden udgave"
    assert ActivityEntry.objects.filter(action=Action.STEERING_NOTE_CHANGED).count() == 1


def test_a_note_named_under_another_programme_is_sent_on_to_its_own_address(
    client_for, roskilde, roskilde_coordinator
):
    note = write(ProgrammeFactory(municipality=roskilde), roskilde_coordinator)
    other = ProgrammeFactory(municipality=roskilde)
    wrong = reverse(
        "keyfigures:steering_note_edit",
        kwargs={"programme_pk": other.pk, "steering_note_pk": note.pk},
    )
    client = client_for(roskilde_coordinator)

    assert client.get(wrong).url == edit_url(note)
    assert client.post(wrong, note_data("Ændret")).status_code == 404


def test_the_notes_stand_beside_the_municipalitys_latest_figures(
    client_for, roskilde, herning, roskilde_coordinator
):
    programme = ProgrammeFactory(municipality=roskilde)
    trivsel = indicator("Trivsel")
    figure(roskilde, trivsel, 2023, 10)
    figure(roskilde, trivsel, 2024, 14)
    figure(herning, trivsel, 2024, 8)

    response = client_for(roskilde_coordinator).get(notes_url(programme))

    [headline] = response.context["headlines"]
    assert (headline.figure.year, headline.text, headline.median_text, headline.comparison) == (
        2024,
        "14",
        "11",
        "better",
    )


def test_the_notes_page_asks_as_many_queries_for_five_notes_as_for_one(
    client_for, roskilde, roskilde_coordinator, count_queries
):
    programme = ProgrammeFactory(municipality=roskilde)
    indicator()
    client = client_for(roskilde_coordinator)
    url = notes_url(programme)
    write(programme, member("Roskilde"), "Note 0")
    client.get(url)
    one = count_queries(lambda: client.get(url))
    for index in range(1, 5):
        write(programme, member("Roskilde"), f"Note {index}", days_ago=index)

    five = count_queries(lambda: client.get(url))

    assert one == five
    assert len(client.get(url).context["notes"]) == 5


def test_the_programme_page_shows_the_latest_note_and_the_way_to_the_figures(
    client_for, roskilde, roskilde_coordinator
):
    programme = ProgrammeFactory(municipality=roskilde)
    write(programme, roskilde_coordinator, "Ældre note", days_ago=30)
    write(programme, roskilde_coordinator, "Seneste drøftelse af målene", days_ago=1)

    body = (
        client_for(roskilde_coordinator)
        .get(reverse("programmes:programme_detail", args=[programme.pk]))
        .content.decode()
    )

    assert "Seneste drøftelse af målene" in body
    assert "Ældre note" not in body
    assert notes_url(programme) in body
    assert reverse("keyfigures:municipality_figures", kwargs={"code": "265"}) in body
