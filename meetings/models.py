from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from accounts.models import SecretLink
from phases.models import Phase
from programmes.models import GroupMember, Principle, ProgrammeGroup, TenantModel
from programmes.validators import no_personal_identifiers


class PrivateStorage(LazyObject):
    """Attachments live under PRIVATE_MEDIA_ROOT, outside every static and public path;
    only `meetings.views.attachment_download` serves them, after checking the reader."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = PrivateStorage()


def get_private_storage():
    """The field's storage as a callable, so migrations name it rather than its path."""
    return private_storage


class Meeting(TenantModel):
    """A meeting of one or more of a programme's groups in one phase of its meeting plan.

    Meetings start unscheduled (no `starts_at`); people give them a date, a time and a place
    or an online link. A joint kick-off has several groups.
    """

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    # The meeting's place in its groups' plan for the phase: 1, 2, 3.
    number = models.PositiveSmallIntegerField(_("nummer i fasen"), default=1)
    is_kickoff = models.BooleanField(_("fælles opstart"), default=False)
    title = models.CharField(_("titel"), max_length=200)
    groups = models.ManyToManyField(
        ProgrammeGroup,
        through="MeetingGroup",
        verbose_name=_("grupper"),
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("starter"), null=True, blank=True)
    ends_at = models.DateTimeField(_("slutter"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=300, blank=True)
    online_url = models.URLField(_("link til onlinemøde"), max_length=500, blank=True)
    minutes = models.TextField(_("referat"), blank=True, validators=[no_personal_identifiers])
    minutes_written_at = models.DateTimeField(_("referat skrevet"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True)
    # Set once, in the same statement that claims the reminder, so it is sent once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["starts_at", "number", "id"]
        indexes = [
            models.Index(fields=["municipality", "programme", "phase"]),
            models.Index(fields=["municipality", "starts_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_scheduled(self) -> bool:
        return self.starts_at is not None

    @property
    def is_past(self) -> bool:
        return self.starts_at is not None and self.starts_at <= timezone.now()


class MeetingGroup(TenantModel):
    tenant_parent = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="meeting_groups")
    group = models.ForeignKey(ProgrammeGroup, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("gruppe ved møde")
        verbose_name_plural = _("grupper ved møder")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "group"], name="meeting_group_once")
        ]
        indexes = [models.Index(fields=["municipality", "group"])]


class AgendaItem(TenantModel):
    """A point on the agenda, optionally tied to one principle or to a deliverable."""

    tenant_parent = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    title = models.CharField(_("punkt"), max_length=300)
    description = models.TextField(
        _("beskrivelse"), blank=True, validators=[no_personal_identifiers]
    )
    principle = models.PositiveSmallIntegerField(
        _("princip"), choices=Principle.choices, null=True, blank=True
    )
    # A gate requirement's code from the programme kind's template (`phases/kinds.py`).
    deliverable = models.CharField(_("leverance"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Attendance(TenantModel):
    """Whether a person invited to the meeting came or sent apologies."""

    tenant_parent = "meeting"

    class Status(models.TextChoices):
        INVITED = "invited", _("Inviteret")
        CAME = "came", _("Deltog")
        APOLOGIES = "apologies", _("Meldt afbud")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        GroupMember,
        verbose_name=_("gruppemedlem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
    )
    # Kept so the record stays readable after the person leaves the group.
    name = models.CharField(_("navn"), max_length=200)
    status = models.CharField(
        _("fremmøde"), max_length=20, choices=Status.choices, default=Status.INVITED
    )

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.name} · {self.get_status_display()}"


class Decision(TenantModel):
    tenant_parent = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="decisions"
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    text = models.TextField(_("beslutning"), validators=[no_personal_identifiers])

    class Meta:
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:80]


class FollowUp(TenantModel):
    """A task agreed at a meeting, with a responsible person and a due date; it waits on the
    responsible person's start page until it is done."""

    tenant_parent = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    text = models.CharField(_("opgave"), max_length=500, validators=[no_personal_identifiers])
    responsible = models.ForeignKey(
        GroupMember,
        verbose_name=_("ansvarlig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("frist"))
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    overdue_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("opfølgningsopgave")
        verbose_name_plural = _("opfølgningsopgaver")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["municipality", "responsible", "done_at"])]

    def __str__(self):
        return self.text


def _attachment_path(instance, filename):
    # The stored name says nothing about the meeting or the file; the original is a field.
    import uuid

    return f"meetings/{instance.municipality_id}/{uuid.uuid4().hex}"


class Attachment(TenantModel):
    """A file attached to a meeting; its type is read from its content, not its name."""

    tenant_parent = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), storage=get_private_storage, upload_to=_attachment_path)
    name = models.CharField(_("filnavn"), max_length=255)
    content_type = models.CharField(_("filtype"), max_length=120)
    size = models.PositiveBigIntegerField(_("størrelse"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lagt op af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("lagt op"), default=timezone.now)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class NetworkActivity(models.Model):
    """A network activity SBST holds for the groups of several municipalities.

    It belongs to SBST, not to one municipality: a municipality reaches it only through its
    own `NetworkInvitation`, and sees only its own participants.
    """

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=300, blank=True)
    online_url = models.URLField(_("link til onlinemøde"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("netværksaktivitet")
        verbose_name_plural = _("netværksaktiviteter")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return self.title


class NetworkInvitation(TenantModel):
    """One municipality's place in a network activity (optionally one of its programmes)."""

    tenant_parent = None

    municipality = models.ForeignKey(
        "programmes.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="network_invitations",
    )
    activity = models.ForeignKey(
        NetworkActivity,
        verbose_name=_("netværksaktivitet"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("kommune i netværksaktivitet")
        verbose_name_plural = _("kommuner i netværksaktiviteter")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "activity"], name="network_invitation_once"
            )
        ]

    def __str__(self):
        return f"{self.activity} · {self.municipality}"


class NetworkParticipant(TenantModel):
    """A person of one municipality taking part in a network activity."""

    tenant_parent = "invitation"

    invitation = models.ForeignKey(
        NetworkInvitation,
        verbose_name=_("kommune i netværksaktivitet"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    member = models.ForeignKey(
        GroupMember,
        verbose_name=_("gruppemedlem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("navn"), max_length=200)
    status = models.CharField(
        _("fremmøde"),
        max_length=20,
        choices=Attendance.Status.choices,
        default=Attendance.Status.INVITED,
    )

    class Meta:
        verbose_name = _("deltager i netværksaktivitet")
        verbose_name_plural = _("deltagere i netværksaktiviteter")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "member"], name="network_participant_once"
            )
        ]

    def __str__(self):
        return self.name


class CalendarFeed(SecretLink):
    """A person's secret calendar address; renewing it makes a new token and the old one
    stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self):
        return str(self.user)
