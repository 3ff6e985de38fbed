"""What people type into the communication plan's pages; the rules live in `services.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.widgets import DkfdsDateField

from .models import ActivityStatus, Channel, CommunicationActivity
from .selectors import OVERDUE

TEXT_MAX_LENGTH = 5_000


class ResponsibleField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.group.name})"


class ActivityForm(forms.ModelForm):
    """One activity of the plan; `members` are the programme's group members (the choices
    for the responsible person), read once by the view."""

    planned_on = DkfdsDateField(
        label=_("Dato"),
        error_messages={"required": _("Skriv datoen for aktiviteten med dag, måned og år.")},
    )
    responsible = ResponsibleField(
        label=_("Ansvarlig"),
        queryset=None,
        required=False,
        empty_label=_("Ingen ansvarlig endnu"),
        help_text=_("Vælg blandt forløbets gruppemedlemmer."),
        error_messages={"invalid_choice": _("Vælg en af forløbets gruppemedlemmer.")},
    )
    message = forms.CharField(
        label=_("Budskab"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvad skal målgruppen vide eller gøre bagefter?"),
        error_messages={"required": _("Skriv aktivitetens budskab.")},
    )
    materials = forms.CharField(
        label=_("Materialer"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad skal laves eller bruges: oplæg, artikel, pjece og lignende."),
    )

    class Meta:
        model = CommunicationActivity
        fields = [
            "title",
            "audience",
            "channel",
            "message",
            "materials",
            "responsible",
            "planned_on",
            "status",
        ]
        labels = {
            "title": _("Aktivitet"),
            "audience": _("Målgruppe"),
            "channel": _("Kanal"),
            "status": _("Status"),
        }
        help_texts = {
            "title": _("For eksempel »Orientering på personalemødet i bostøtten«."),
            "audience": _("Hvem skal nås, for eksempel medarbejdere, borgere eller politikere."),
        }
        error_messages = {
            "title": {"required": _("Skriv, hvad aktiviteten er.")},
            "audience": {"required": _("Skriv, hvem aktiviteten henvender sig til.")},
            "channel": {
                "required": _("Vælg, hvordan budskabet kommer ud."),
                "invalid_choice": _("Vælg en af kanalerne."),
            },
            "status": {
                "required": _("Vælg aktivitetens status."),
                "invalid_choice": _("Vælg planlagt, gennemført eller aflyst."),
            },
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = members
        self.fields["channel"].choices = [("", _("Vælg en kanal")), *Channel.choices]


class StatusFilterForm(forms.Form):
    """The list's filter, kept in the URL (`?status=overdue`)."""

    status = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[
            ("", _("Alle aktiviteter")),
            (ActivityStatus.PLANNED, _("Planlagte")),
            (OVERDUE, _("Overskredne")),
            (ActivityStatus.DONE, _("Gennemførte")),
            (ActivityStatus.CANCELLED, _("Aflyste")),
        ],
    )

    def chosen(self) -> str:
        return self.cleaned_data["status"] if self.is_valid() else ""
