"""What people type into the meeting pages; the rules live in `services.py`."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from enrolment.forms import REASON_MAX_LENGTH, rows_formset
from programmes.models import Principle
from programmes.validators import no_personal_identifiers, single_line
from programmes.widgets import DkfdsDateField

from .attachments import KINDS, accepted_kinds
from .models import Attendance

TIME_INPUT_FORMATS = ["%H.%M", "%H:%M", "%H"]
MINUTES_MAX_LENGTH = 50_000
TEXT_MAX_LENGTH = 5_000


def _time_field(label):
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(format="%H.%M", attrs={"inputmode": "numeric", "size": 5}),
        help_text=_("Timer og minutter, for eksempel 13.30."),
        error_messages={"invalid": _("Skriv klokkeslættet som timer og minutter, fx 13.30.")},
    )


def local(moment):
    """A stored moment in the project's time zone (Europe/Copenhagen)."""
    return timezone.localtime(moment, timezone.get_default_timezone()) if moment else None


def combine(day, time):
    """A date and a wall-clock time in Europe/Copenhagen as an aware moment."""
    moment = datetime.datetime.combine(day, time)
    return timezone.make_aware(moment, timezone.get_default_timezone())


class ScheduleForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[single_line])
    date = DkfdsDateField(label=_("Dato"), required=False)
    start_time = _time_field(_("Starter kl."))
    end_time = _time_field(_("Slutter kl."))
    place = forms.CharField(
        label=_("Sted"),
        max_length=300,
        required=False,
        validators=[single_line],
        help_text=_("Adresse og lokale. Udfyld sted eller link, eller begge."),
    )
    online_url = forms.URLField(
        label=_("Link til onlinemøde"),
        max_length=500,
        required=False,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("For eksempel et link til Teams."),
    )

    @classmethod
    def initial_for(cls, meeting) -> dict:
        starts_at, ends_at = local(meeting.starts_at), local(meeting.ends_at)
        return {
            "title": meeting.title,
            "date": starts_at.date() if starts_at else None,
            "start_time": starts_at.time() if starts_at else None,
            "end_time": ends_at.time() if ends_at else None,
            "place": meeting.place,
            "online_url": meeting.online_url,
        }

    def clean(self):
        data = super().clean()
        day = data.get("date")
        start, end = data.get("start_time"), data.get("end_time")
        if day is None:
            if (start or end) and "date" not in self.errors:
                self.add_error("date", _("Skriv datoen for mødet."))
            data["starts_at"] = data["ends_at"] = None
            return data
        if start is None and "start_time" not in self.errors:
            self.add_error("start_time", _("Skriv, hvornår mødet starter."))
        if end is None and "end_time" not in self.errors:
            self.add_error("end_time", _("Skriv, hvornår mødet slutter."))
        data["starts_at"] = combine(day, start) if start else None
        data["ends_at"] = combine(day, end) if end else None
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Vises i mødets historik."),
    )


class AgendaItemForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Punkt"), max_length=300, validators=[single_line])
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_personal_identifiers],
    )
    principle = forms.TypedChoiceField(
        label=_("Princip"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Intet princip")), *Principle.choices],
    )
    deliverable = forms.ChoiceField(label=_("Leverance"), required=False)

    def __init__(self, *args, deliverables=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].choices = [("", _("Ingen leverance")), *deliverables]


class AgendaBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Dagsordenen kan højst have %(num)d punkt.",
            "Dagsordenen kan højst have %(num)d punkter.",
            "num",
        )
    }


AgendaFormSet = rows_formset(AgendaItemForm, AgendaBaseFormSet)


class AttendanceForm(forms.Form):
    """One choice per invited person: invited, came or sent apologies."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[self.field_name(row)] = forms.ChoiceField(
                label=row.name,
                choices=Attendance.Status.choices,
                initial=row.status,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(row) -> str:
        return f"status_{row.pk}"

    def statuses(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[self.field_name(row)] for row in self.rows}


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Referat"),
        required=False,
        max_length=MINUTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Hvad blev drøftet under hvert punkt på dagsordenen."),
        validators=[no_personal_identifiers],
    )


class DecisionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Beslutning"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_personal_identifiers],
    )


class DecisionBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Angiv højst %(num)d beslutning.", "Angiv højst %(num)d beslutninger.", "num"
        )
    }


DecisionFormSet = rows_formset(DecisionForm, DecisionBaseFormSet)


class FollowUpForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Opgave"), max_length=500, validators=[single_line, no_personal_identifiers]
    )
    responsible = forms.TypedChoiceField(label=_("Ansvarlig"), coerce=int)
    due_on = DkfdsDateField(label=_("Frist"))

    def __init__(self, *args, members=(), done=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from the programme's groups, read once for the whole formset.
        self.fields["responsible"].choices = [
            ("", _("Vælg en ansvarlig")),
            *((m.pk, f"{m.name} ({m.group.name})") for m in members),
        ]
        done_at = (done or {}).get(self.initial.get("id")) if self.initial else None
        if done_at:
            self.fields["text"].help_text = _("Udført %(date)s.") % {
                "date": date_format(local(done_at), "DATE_FORMAT")
            }


class FollowUpBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Angiv højst %(num)d opfølgningsopgave.",
            "Angiv højst %(num)d opfølgningsopgaver.",
            "num",
        )
    }


FollowUpFormSet = rows_formset(FollowUpForm, FollowUpBaseFormSet)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        max_length=None,
        widget=forms.FileInput(
            attrs={"accept": ",".join(f".{e}" for k in KINDS.values() for e in k.extensions)}
        ),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Vælg en fil."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(kinds)s; højst %(limit)s.") % {
            "kinds": accepted_kinds(),
            "limit": filesizeformat(settings.MEETING_ATTACHMENT_MAX_BYTES),
        }
