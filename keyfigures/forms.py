"""What people type into the key-figure pages; the rules live in `services.py`."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programmes.widgets import DkfdsDateField

from .display import MAX_COMPARED
from .imports import FIRST_YEAR, MAX_BYTES, MAX_VALUE, parse_number
from .models import Indicator, SteeringNote

NOTE_MAX_LENGTH = 10_000


class IndicatorForm(forms.ModelForm):
    """An indicator of the catalogue; the model's validators check each field."""

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "theme",
            "definition",
            "unit",
            "source",
            "higher_is_better",
            "position",
            "is_active",
        ]
        labels = {
            "code": _("Kode"),
            "name": _("Navn"),
            "theme": _("Tema"),
            "definition": _("Definition"),
            "unit": _("Enhed"),
            "source": _("Kilde"),
            "higher_is_better": _("Højere er bedre"),
            "position": _("Rækkefølge i temaet"),
            "is_active": _("I brug"),
        }
        help_texts = {
            "code": _(
                "Det, importfilen kalder nøgletallet i kolonnen noegletal: små bogstaver, tal, "
                "bindestreg og understreg, fx andel-i-beskaeftigelse."
            ),
            "unit": _("Fx procent, antal pr. 10.000 indbyggere eller dage."),
            "higher_is_better": _(
                "Sæt kryds, hvis en højere værdi er en udvikling i den ønskede retning."
            ),
            "is_active": _("Et nøgletal, der ikke er i brug, vises ikke på kommunernes sider."),
        }
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}


class CompareForm(forms.Form):
    """The municipalities to compare with, kept in the address (`?sammenlign=265`)."""

    sammenlign = forms.MultipleChoiceField(
        label=_("Sammenlign med"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg op til fem kommuner."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sammenlign"].choices = choices

    def clean_sammenlign(self):
        codes = self.cleaned_data["sammenlign"]
        if len(codes) > MAX_COMPARED:
            raise ValidationError(
                ngettext(
                    "Vælg højst %(count)d kommune at sammenligne med.",
                    "Vælg højst %(count)d kommuner at sammenligne med.",
                    MAX_COMPARED,
                )
                % {"count": MAX_COMPARED}
            )
        return codes

    def codes(self) -> list[str]:
        """The chosen codes, or none when the choice is not valid."""
        if self.is_bound and self.is_valid():
            return list(self.cleaned_data["sammenlign"])
        return []


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med nøgletal"),
        help_text=_(
            "CSV (UTF-8, adskilt af semikolon eller komma) eller Excel (XLSX), højst %(size)d MB."
        )
        % {"size": MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class DecimalTextField(forms.Field):
    """A number written the Danish way (12,5) or a machine's (12.5), shown with a comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 30})

    def prepare_value(self, value):
        if value is None or value == "" or isinstance(value, str):
            return value
        return format(Decimal(value).normalize(), "f").replace(".", ",")

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if text in self.empty_values:
            return None
        parsed = parse_number(text) if len(str(text)) <= 30 else None
        if parsed is None:
            raise ValidationError(_("Skriv et tal, fx 12,5."), code="invalid")
        if abs(parsed) > MAX_VALUE:
            raise ValidationError(_("Tallet er for stort."), code="max_value")
        if parsed != parsed.quantize(Decimal("0.001")):
            raise ValidationError(_("Skriv højst tre decimaler."), code="decimal_places")
        return parsed


class LocalFigureForm(forms.Form):
    """The municipality's own figure for one indicator and year."""

    indicator = forms.ModelChoiceField(
        label=_("Nøgletal"), queryset=Indicator.objects.none(), empty_label=_("Vælg nøgletal")
    )
    year = forms.IntegerField(label=_("År"))
    value = DecimalTextField(label=_("Værdi"), help_text=_("Brug komma som decimaltegn, fx 12,5."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)
        # This year's figures are the latest there can be; the limit moves with the date.
        self.fields["year"] = forms.IntegerField(
            label=_("År"),
            min_value=FIRST_YEAR,
            max_value=timezone.localdate().year,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4, "maxlength": 4}),
            error_messages={"invalid": _("Skriv året med fire cifre, fx 2024.")},
        )


class SteeringNoteForm(forms.ModelForm):
    """A note from the steering discussion; the model's validators refuse CPR numbers,
    e-mail addresses and phone numbers."""

    written_on = DkfdsDateField(label=_("Dato"))

    class Meta:
        model = SteeringNote
        fields = ["written_on", "text"]
        labels = {"text": _("Note")}
        help_texts = {
            "text": _(
                "Hvad styringsdrøftelsen handlede om: områdets nuværende mål og styring, og hvad "
                "tallene viser. Skriv ikke navne, CPR-numre eller kontaktoplysninger på borgere."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": NOTE_MAX_LENGTH})}

    def clean_text(self):
        text = (self.cleaned_data.get("text") or "").strip()
        if len(text) > NOTE_MAX_LENGTH:
            raise ValidationError(
                _("Noten må højst være %(count)d tegn.") % {"count": NOTE_MAX_LENGTH}
            )
        return text


class RankingForm(forms.Form):
    """Which indicator and year to rank the municipalities by, kept in the address
    (`?noegletal=beskaeftigelse&aar=2024`)."""

    noegletal = forms.ChoiceField(label=_("Nøgletal"))
    aar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False)

    def __init__(self, *args, indicators, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["noegletal"].choices = [(i.code, i.name) for i in indicators]
        self.fields["aar"].choices = [("", _("Seneste år"))] + [(y, str(y)) for y in years]
