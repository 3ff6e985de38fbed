"""What people type into measures; the rules live in `services.py`, which the forms ask so
that a broken rule shows next to its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.edits import apply_rule
from programmes.validators import no_personal_identifiers, single_line
from programmes.widgets import DkfdsDateField

from . import services
from .models import UnitKind

DESCRIPTION_MAX_LENGTH = 5_000


class MeasureForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        validators=[single_line, no_personal_identifiers],
        help_text=_("Hvad der måles, for eksempel »Handleplaner med borgerens egne ord«."),
    )
    unit = forms.ChoiceField(
        label=_("Enhed"),
        choices=UnitKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg, hvad målingen tæller: antal, vurdering eller procent.")
        },
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvordan og hvor ofte der måles. Skriv ikke om enkelte borgere."),
    )

    @staticmethod
    def initial_for(measure) -> dict:
        return {"name": measure.name, "unit": measure.unit, "description": measure.description}

    def clean(self):
        data = super().clean()
        apply_rule(self, services.check_measure)
        return data


def parse_number(text: str) -> str:
    """A typed number as the services read it: a decimal comma (Danish, with dots between
    thousands) or a decimal point."""
    text = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


def shown_number(value) -> str:
    """A stored value as the form shows it: a decimal comma, no thousands separators."""
    number = value.quantize(1) if value == value.to_integral_value() else value.normalize()
    return format(number, "f").replace(".", ",")


class PointForm(forms.Form):
    measured_on = DkfdsDateField(label=_("Dato"))
    value = forms.CharField(
        label=_("Værdi"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
        error_messages={"required": _("Skriv værdien.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        validators=[single_line, no_personal_identifiers],
        help_text=_("Valgfri. For eksempel hvad der var anderledes i perioden."),
    )

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        if measure.unit == UnitKind.PERCENTAGE:
            self.fields["value"].help_text = _("En procent fra 0 til 100.")
        elif measure.unit == UnitKind.COUNT:
            self.fields["value"].help_text = _("Et helt tal.")

    @staticmethod
    def initial_for(point) -> dict:
        return {
            "measured_on": point.measured_on,
            "value": shown_number(point.value),
            "note": point.note,
        }

    def clean_value(self):
        return parse_number(self.cleaned_data["value"])

    def clean(self):
        data = super().clean()
        apply_rule(self, services.check_point, self.measure)
        return data
