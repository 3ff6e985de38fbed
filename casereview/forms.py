"""What people type into the case form; the rules live in `services.py`.

The forms are ModelForms, so the model fields' validators run on what is typed (the guard
against CPR numbers, e-mail addresses and phone numbers among them) and a refusal is shown
next to its field.
"""

import copy

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from programmes.models import Area, Principle

from .models import Presence, PrincipleFinding, ReviewedCase, Shows

PRESENCE_FIELDS = (
    "hopes_in_assessment",
    "hopes_in_action_plan",
    "resources_in_assessment",
    "resources_in_action_plan",
)
NOTE_HELP = _(
    "Skriv ikke navne, CPR-numre, adresser eller kontaktoplysninger; omtal borgeren ved sagens "
    "pseudonym."
)


class CaseForm(forms.ModelForm):
    class Meta:
        model = ReviewedCase
        fields = ("label", "area", *PRESENCE_FIELDS, "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        label = self.fields["label"]
        label.help_text = _(
            "Vælg et pseudonym, som ikke kan føre til borgeren: ikke navn, initialer, "
            "fødselsdato, adresse eller sagsnummer, fx »Sag 3«."
        )
        label.label = _("Pseudonym")
        self.fields["area"].label = _("Område")
        self.fields["area"].choices = [("", _("Vælg et område")), *Area.choices]
        for name in PRESENCE_FIELDS:
            field = self.fields[name]
            field.widget = forms.RadioSelect()
            field.choices = Presence.choices
            field.label = capfirst(field.label)
        note = self.fields["note"]
        note.label = _("Samlet note")
        note.help_text = NOTE_HELP

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        taken = ReviewedCase.objects.filter(programme_id=self.programme.pk, label__iexact=label)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _(
                    "Forløbet har allerede en sag med pseudonymet »%(label)s« (store og små "
                    "bogstaver tæller ikke). Vælg et andet pseudonym."
                ),
                code="label_taken",
                params={"label": label},
            )
        return label


class FindingForm(forms.ModelForm):
    """How one principle shows in the case, and a note about it."""

    class Meta:
        model = PrincipleFinding
        fields = ("shows", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, principle: Principle, **kwargs):
        super().__init__(*args, prefix=f"principle-{principle.value}", **kwargs)
        self.principle = principle
        shows = self.fields["shows"]
        shows.widget = forms.RadioSelect()
        shows.choices = Shows.choices
        shows.label = _("Kommer princippet til udtryk i sagen?")
        shows.error_messages["required"] = _(
            "Vælg, om princippet kommer til udtryk: tydeligt, delvist, ikke eller ikke relevant."
        )
        note = self.fields["note"]
        note.label = _("Note om princippet")


class CaseForms:
    """The case form and one finding form per principle, shown and saved together."""

    def __init__(self, data=None, *, programme, case=None):
        # The forms fill in copies, so a refused form leaves the shown case as it is stored.
        instance = copy.copy(case) if case is not None else ReviewedCase(programme=programme)
        self.case = CaseForm(data, instance=instance, programme=programme)
        current = {row.principle: row for row in case.findings.all()} if case else {}
        self.findings = [
            FindingForm(
                data,
                principle=principle,
                instance=copy.copy(current[principle.value])
                if principle.value in current
                else PrincipleFinding(principle=principle.value),
            )
            for principle in Principle
        ]

    def is_valid(self) -> bool:
        # Every form is validated, so each shows its errors, not only the first invalid one.
        return all([self.case.is_valid(), *[form.is_valid() for form in self.findings]])

    @property
    def has_errors(self) -> bool:
        return bool(self.case.errors) or any(form.errors for form in self.findings)

    def details(self) -> dict:
        return {name: self.case.cleaned_data[name] for name in CaseForm.Meta.fields}

    def finding_values(self) -> dict[int, dict]:
        return {
            form.principle.value: {
                "shows": form.cleaned_data["shows"],
                "note": form.cleaned_data["note"],
            }
            for form in self.findings
        }
