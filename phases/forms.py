from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.widgets import DkfdsDateField

from .models import Phase


class MoveForm(forms.Form):
    """The consultant moves the programme to its next phase; a reason when its gate does not
    hold."""

    to = forms.ChoiceField(choices=Phase.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes, når porten ikke er opfyldt. Begrundelsen vises på forløbet."),
    )


class WindowForm(forms.Form):
    """One phase's window; the phase itself is fixed by the row."""

    starts_on = DkfdsDateField(label=_("Start"))
    ends_on = DkfdsDateField(label=_("Slut"))

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Fasen skal slutte efter, den starter."))
        return cleaned


def windows_in_order(forms) -> bool:
    """Each phase starts after the one before it ends; the error goes on the later phase."""
    ordered = True
    previous = None
    for form in forms:
        if previous is not None and form.cleaned_data["starts_on"] <= previous:
            form.add_error(
                "starts_on", _("En fase skal starte, efter at den forrige fase er slut.")
            )
            ordered = False
        previous = form.cleaned_data["ends_on"]
    return ordered
