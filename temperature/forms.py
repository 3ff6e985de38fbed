"""What people type into the temperature measurement's pages; the rules live in
`services.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.edits import typed_text

from .models import RespondentKind
from .services import SCALE_MAX_STEPS, lines

DONT_KNOW = "0"


class OpenRoundForm(forms.Form):
    """How many are expected to answer in each respondent group (an empty field leaves the
    group out)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in RespondentKind.choices:
            self.fields[f"expected_{kind}"] = forms.IntegerField(
                label=_("%(group)s: forventet antal svar") % {"group": label},
                required=False,
                min_value=1,
                max_value=10_000,
                help_text=_("Lad feltet stå tomt, hvis gruppen ikke skal svare."),
                error_messages={
                    "invalid": _("Skriv et helt tal."),
                    "min_value": _("Skriv mindst 1, eller lad feltet stå tomt."),
                    "max_value": _("Skriv højst 10.000."),
                },
            )

    def groups(self) -> dict[str, int]:
        return {
            kind: self.cleaned_data[f"expected_{kind}"]
            for kind in RespondentKind.values
            if self.cleaned_data.get(f"expected_{kind}")
        }


class AnswerForm(forms.Form):
    """One radio group per statement of the round's instrument, with "Ved ikke" last."""

    def __init__(self, *args, instrument, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(value), label) for value, label in instrument.scale_values]
        choices.append((DONT_KNOW, _("Ved ikke")))
        self.sections = []
        for dimension in dimensions:
            names = []
            for statement in dimension.statements.all():
                name = f"s{statement.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=statement.text,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Vælg et svar ved udsagnet, eller vælg »Ved ikke«.")
                    },
                )
                names.append(name)
            self.sections.append((dimension, [self[name] for name in names]))

    def values(self) -> dict[int, int | None]:
        return {
            int(name[1:]): None if value == DONT_KNOW else int(value)
            for name, value in self.cleaned_data.items()
        }


class ScaleForm(forms.Form):
    """The scale's steps, lowest first, one field each; empty fields at the end are unused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, SCALE_MAX_STEPS + 1):
            self.fields[f"step_{number}"] = forms.CharField(
                label=_("Trin %(number)s") % {"number": number},
                required=False,
                max_length=100,
                help_text=_("Det laveste trin, for eksempel »Helt uenig«.") if number == 1 else "",
            )

    @staticmethod
    def initial_for(labels: list[str]) -> dict:
        return {f"step_{number}": label for number, label in enumerate(labels, start=1)}

    def labels(self) -> list[str]:
        return [
            self.cleaned_data[f"step_{number}"].strip()
            for number in range(1, SCALE_MAX_STEPS + 1)
            if self.cleaned_data[f"step_{number}"].strip()
        ]


class DimensionForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={"required": _("Giv dimensionen et navn.")},
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hvad dimensionen dækker; vises over udsagnene i spørgeskemaet."),
    )
    position = forms.IntegerField(
        label=_("Rækkefølge"),
        min_value=0,
        max_value=999,
        help_text=_("Dimensionerne står i rækkefølge efter dette tal, laveste først."),
    )
    statements = forms.CharField(
        label=_("Udsagn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Ét udsagn pr. linje, skrevet så man kan svare enig eller uenig, i et sprog alle "
            "forstår."
        ),
        error_messages={"required": _("Skriv mindst ét udsagn, ét pr. linje.")},
    )

    def __init__(self, *args, with_position=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_position:
            del self.fields["position"]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_description(self):
        return typed_text(self.cleaned_data["description"])

    def clean_statements(self):
        return lines(self.cleaned_data["statements"])
