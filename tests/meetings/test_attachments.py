"""Attachments: the type read from the content, a size limit, stored privately, served only
through the meeting's scope."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.attachments import clean_name, inspect_upload
from meetings.models import Attachment
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Membership
from tests.factories import member

from . import files
from .factories import kickoff, started_programme

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def meeting(roskilde):
    return kickoff(started_programme(roskilde))


def add_url(meeting):
    return reverse(
        "meetings:attachment_add",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def file_url(attachment, name="meetings:attachment_download"):
    meeting = attachment.meeting
    return reverse(
        name,
        kwargs={
            "programme_pk": meeting.programme_id,
            "meeting_pk": meeting.pk,
            "attachment_pk": attachment.pk,
        },
    )


def upload_error(response) -> list[str]:
    return response.context["upload_form"].errors.get("file", [])


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Dagsorden.pdf", files.pdf(), "application/pdf"),
        ("Referat.docx", files.docx(), DOCX),
        ("Nøgletal.xlsx", files.xlsx(), XLSX),
        ("Plan.odt", files.odt(), ODT),
        ("Tavle.png", files.png(), "image/png"),
        ("Foto.JPG", files.jpeg(), "image/jpeg"),
    ],
)
def test_each_accepted_kind_is_stored_privately_with_its_checksum(
    meeting, coordinator, client_for, private_media, name, content, content_type
):
    response = client_for(coordinator).post(
        add_url(meeting), {"file": files.upload(name, content, "text/plain")}
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get(meeting=meeting)
    assert (attachment.name, attachment.content_type) == (name, content_type)
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    stored = Path(attachment.file.path)
    assert stored.read_bytes() == content
    assert stored.is_relative_to(private_media)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert name not in str(stored)  # the stored name tells nothing
    assert stored.parent.name == str(meeting.municipality_id)
    assert ActivityEntry.objects.filter(action="meetings.attachment_added").count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Dagsorden.pdf", files.exe()),
        ("Dagsorden.pdf", files.html()),
        ("Referat.docx", files.html()),
    ],
    ids=["exe-named-pdf", "html-named-pdf", "html-named-docx"],
)
def test_a_wrong_type_behind_a_right_name_is_refused_beside_the_field(
    meeting, coordinator, client_for, name, content
):
    response = client_for(coordinator).post(
        add_url(meeting), {"file": files.upload(name, content, "application/pdf")}
    )

    assert response.status_code == 200
    assert upload_error(response)[0].startswith(
        "Filens indhold er ikke en af de filtyper, der kan lægges ved et møde"
    )
    assert not Attachment.objects.exists()
    assert not ActivityEntry.objects.filter(action="meetings.attachment_added").exists()


def test_a_right_type_behind_a_wrong_name_is_refused_too(meeting, coordinator, client_for):
    response = client_for(coordinator).post(
        add_url(meeting), {"file": files.upload("Referat.docx", files.pdf())}
    )

    assert upload_error(response) == [
        "Filens indhold er PDF, men navnet ender på “.docx”. Giv filen det navn, der passer "
        "til indholdet, og prøv igen."
    ]


def test_a_word_file_with_macros_is_refused(meeting, coordinator, client_for):
    macro = files.docx(extra=[("word/vbaProject.bin", b"\x00" * 16)])

    response = client_for(coordinator).post(
        add_url(meeting), {"file": files.upload("Referat.docx", macro)}
    )

    assert "indeholder makroer" in upload_error(response)[0]


def test_a_file_above_the_limit_is_refused(meeting, coordinator, client_for, settings):
    settings.MEETING_ATTACHMENT_MAX_BYTES = 1024
    big = files.pdf() + b"%" * 2048

    response = client_for(coordinator).post(
        add_url(meeting), {"file": files.upload("Stor.pdf", big)}
    )

    assert [e.replace("\xa0", " ") for e in upload_error(response)] == [
        "Filen fylder 2,1 KB. Et bilag må højst fylde 1,0 KB."
    ]
    assert not Attachment.objects.exists()


def test_the_original_name_is_kept_without_folders_or_nul_bytes():
    kind = inspect_upload(files.upload("x.pdf", files.pdf()))
    pdf = type("K", (), {"extensions": ("pdf",)})

    assert clean_name("..\\..\\C:\\Windows\\ond\x00.pdf", pdf) == "ond.pdf"
    assert clean_name("../../etc/\u202epasswd.pdf", pdf) == "passwd.pdf"
    assert clean_name("/", pdf) == "bilag.pdf"
    assert clean_name("a" * 300 + ".pdf", pdf) == "a" * 251 + ".pdf"
    assert kind.name == "x.pdf"


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError) as refused:
        inspect_upload(files.upload("tom.pdf", b""))

    assert refused.value.field == "file"


def _added(meeting, by, name="Dagsorden.pdf", content=None):
    from meetings.services import add_attachment

    return add_attachment(meeting, by=by, upload=files.upload(name, content or files.pdf()))


def test_a_reader_downloads_it_as_an_attachment_with_its_stored_type(
    meeting, coordinator, client_for
):
    attachment = _added(meeting, coordinator, name="Referat æøå.pdf")
    reader = member("Roskilde", role=Membership.Role.READER)

    response = client_for(reader).get(file_url(attachment))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Referat%20%C3%A6%C3%B8%C3%A5.pdf" in response["Content-Disposition"]


def test_another_municipalitys_file_is_404(meeting, coordinator, client_for, herning_coordinator):
    attachment = _added(meeting, coordinator)
    client = client_for(herning_coordinator)

    assert client.get(file_url(attachment)).status_code == 404
    assert client.post(file_url(attachment, "meetings:attachment_delete")).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_reader_may_not_upload(meeting, client_for):
    reader = member("Roskilde", role=Membership.Role.READER)

    response = client_for(reader).post(
        add_url(meeting), {"file": files.upload("Dagsorden.pdf", files.pdf())}
    )

    assert response.status_code == 403


def test_removing_an_attachment_deletes_its_row_and_its_file(
    meeting, coordinator, client_for, django_capture_on_commit_callbacks
):
    attachment = _added(meeting, coordinator)
    stored = Path(attachment.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(file_url(attachment, "meetings:attachment_delete"))

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not stored.exists()
    assert ActivityEntry.objects.filter(action="meetings.attachment_removed").count() == 1
