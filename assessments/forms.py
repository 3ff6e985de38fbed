"""What people type into the assessment pages; the rules live in `services.py`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.edits import typed_text
from programmes.validators import no_personal_identifiers
from programmes.widgets import DkfdsDateField

from .models import Dimension, Rating, Score

TEXT_MAX_LENGTH = 5_000


class VersionForm(forms.Form):
    """The date of a new version and its overall assessment."""

    assessed_on = DkfdsDateField(label=_("Vurderet den"))
    summary = forms.CharField(
        label=_("Samlet vurdering"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_personal_identifiers],
        help_text=_("Hvad viser vurderingen samlet set, og hvad betyder det for udviklingsplanen?"),
    )

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datoen for vurderingen kan ikke ligge i fremtiden."))
        return day

    def clean_summary(self):
        return typed_text(self.cleaned_data["summary"])


class RatingForm(forms.ModelForm):
    """One dimension's score, why, and what it rests on. The model's validators refuse a CPR
    number, an e-mail address or a phone number in the texts."""

    score = forms.TypedChoiceField(
        label=_("Vurdering"),
        choices=Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg en vurdering fra 1 til 5.")},
    )

    class Meta:
        model = Rating
        fields = ["score", "justification", "evidence"]
        widgets = {
            "justification": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"justification": _("Begrundelse"), "evidence": _("Dokumentation")}
        error_messages = {
            "justification": {"required": _("Skriv en begrundelse for vurderingen.")},
        }

    def __init__(self, *args, dimension: Dimension, **kwargs):
        kwargs.setdefault("prefix", f"dimension-{dimension.pk}")
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        for name in ("justification", "evidence"):
            self.fields[name].max_length = TEXT_MAX_LENGTH
            self.fields[name].widget.attrs["maxlength"] = TEXT_MAX_LENGTH

    def clean_justification(self):
        return typed_text(self.cleaned_data["justification"])

    def clean_evidence(self):
        return typed_text(self.cleaned_data["evidence"])

    def rating(self) -> dict:
        return {"dimension": self.dimension, **self.cleaned_data}


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name", "description", "position"]
        labels = {
            "name": _("Navn"),
            "description": _("Beskrivelse"),
            "position": _("Rækkefølge"),
        }
        help_texts = {
            "description": _("Hvad dimensionen dækker; vises for dem, der vurderer."),
            "position": _("Dimensionerne står i rækkefølge efter dette tal, laveste først."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {
                "required": _("Giv dimensionen et navn."),
                "unique": _("Der findes allerede en dimension med det navn."),
            },
        }

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Dimension.objects.filter(name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Der findes allerede en dimension med det navn."))
        return name

    def clean_description(self):
        return typed_text(self.cleaned_data["description"])
