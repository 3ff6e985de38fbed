"""What people type about network activities; the rules live in `network.py`."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.validators import single_line
from programmes.widgets import DkfdsDateField

from .calendar import COPENHAGEN
from .models import Attendance, NetworkActivity

DESCRIPTION_MAX_LENGTH = 5000


class TimeOfDayField(forms.TimeField):
    """A time of day typed as hours and minutes, the Danish "13.30" or "13:30"."""

    widget = forms.TimeInput(format="%H.%M", attrs={"autocomplete": "off"})
    input_formats = ["%H.%M", "%H:%M", "%H"]
    default_error_messages = {
        "required": _("Skriv klokkeslættet, for eksempel 13.30."),
        "invalid": _("Skriv klokkeslættet som timer og minutter, for eksempel 13.30."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("For eksempel 13.30."))
        super().__init__(**kwargs)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time), COPENHAGEN)


class ActivityForm(forms.Form):
    """Title, time and place of a network activity, in Copenhagen's time."""

    title = forms.CharField(label=_("Titel"), max_length=200, validators=[single_line])
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvad aktiviteten handler om, og hvem den er for."),
    )
    date = DkfdsDateField(label=_("Dato"))
    starts = TimeOfDayField(label=_("Starter kl."))
    ends = TimeOfDayField(label=_("Slutter kl."), required=False)
    place = forms.CharField(
        label=_("Sted"),
        required=False,
        max_length=300,
        validators=[single_line],
        help_text=_("Adressen, hvis aktiviteten holdes et sted."),
    )
    online_url = forms.URLField(
        label=_("Link til onlinemøde"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Skriv en hel internetadresse, for eksempel https://…")},
        help_text=_("Linket, hvis aktiviteten holdes online."),
    )

    @classmethod
    def initial_for(cls, activity: NetworkActivity) -> dict:
        starts = timezone.localtime(activity.starts_at, COPENHAGEN)
        ends = timezone.localtime(activity.ends_at, COPENHAGEN) if activity.ends_at else None
        return {
            "title": activity.title,
            "description": activity.description,
            "date": starts.date(),
            "starts": starts.time(),
            "ends": ends.time() if ends else None,
            "place": activity.place,
            "online_url": activity.online_url,
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("Aktiviteten skal slutte, efter at den starter."))
        return cleaned

    def activity_fields(self) -> dict:
        """The model's fields from what was typed (a valid form)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "starts_at": _at(data["date"], data["starts"]),
            "ends_at": _at(data["date"], data["ends"]) if data["ends"] else None,
            "place": data["place"],
            "online_url": data["online_url"],
        }


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class CreateActivityForm(ActivityForm):
    municipalities = MunicipalityChoiceField(
        label=_("Kommuner"),
        queryset=None,
        help_text=_("Kommuner med et udviklingsforløb. Hver kommune ser kun sine egne deltagere."),
        error_messages={"required": _("Vælg mindst én kommune.")},
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities


class AddMunicipalitiesForm(forms.Form):
    municipalities = MunicipalityChoiceField(
        label=_("Invitér flere kommuner"),
        queryset=None,
        error_messages={"required": _("Vælg mindst én kommune.")},
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities


class MemberChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.group.name}, {obj.group.programme.cohort.name})"


class ParticipantsForm(forms.Form):
    members = MemberChoiceField(
        label=_("Deltagere"),
        queryset=None,
        required=False,
        help_text=_("Vælg de personer fra kommunens grupper, der deltager."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members


class AttendanceForm(forms.Form):
    """One choice of attendance per participant, named by the participant's id."""

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for participant in self.participants:
            self.fields[self.field_name(participant)] = forms.ChoiceField(
                label=participant.name,
                choices=Attendance.Status.choices,
                initial=participant.status,
            )

    @staticmethod
    def field_name(participant) -> str:
        return f"status_{participant.pk}"

    def statuses(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[self.field_name(p)] for p in self.participants}
