"""What people type into the enrolment pages; the rules live in `services.py`."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from programmes.models import Cohort, Level, Membership
from programmes.validators import single_line
from programmes.widgets import DkfdsDateField

from .models import Enrolment

LEVEL_CHOICES = [("", _("Vælg niveau")), *Level.choices]
# The model's EmailField column; Django's form EmailField would otherwise accept 320.
EMAIL_MAX_LENGTH = 254
# Rows a formset accepts; validated, so a crafted POST with more rows is refused.
MAX_ROWS = 30
# Free-text reasons and comments on the enrolment page.
REASON_MAX_LENGTH = 2000


def open_cohorts(current=None):
    """Cohorts SBST has opened whose deadline has not passed, plus the draft's own."""
    cohorts = Cohort.objects.open_for_enrolment()
    if current is not None:
        cohorts = cohorts | Cohort.objects.filter(pk=current.pk)
    return cohorts.order_by("starts_on")


class EnrolmentForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [
            "includes_strategic_management",
            "includes_authority_area",
            "includes_social_offers",
            "ambitions",
            "current_practice",
            "cohort",
            "proposed_coordinator",
            "director_name",
            "director_title",
            "director_email",
        ]
        labels = {
            "includes_strategic_management": _("Den strategiske ledelse er med"),
            "includes_authority_area": _("Myndighedsområdet er med"),
            "includes_social_offers": _("De sociale tilbud er med"),
            "ambitions": _("Kommunens ønsker og ambitioner for socialpsykiatrien"),
            "current_practice": _(
                "Hvor langt er kommunen allerede med recovery-orienteret rehabilitering?"
            ),
            "cohort": _("Ønsket hold"),
            "proposed_coordinator": _("Foreslået koordinator"),
            "director_name": _("Direktørens navn"),
            "director_title": _("Direktørens titel"),
            "director_email": _("Direktørens e-mail"),
        }
        help_texts = {
            "cohort": _("Hold starter i januar eller august."),
            "director_email": _(
                "Direktøren får et personligt link til at godkende tilmeldingen, når den er "
                "indsendt."
            ),
        }
        widgets = {
            "ambitions": forms.Textarea(attrs={"rows": 5}),
            "current_practice": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may lack anything but its cohort; what a submission needs is decided in
        # one place, `services.missing_for_submission`, and shown beside these fields.
        for name in ("director_name", "director_title"):
            self.fields[name].validators.append(single_line)
        current = self.instance.cohort if self.instance.cohort_id else None
        self.fields["cohort"].queryset = open_cohorts(current)
        self.fields["cohort"].empty_label = _("Vælg hold")
        member_ids = (
            Membership.objects.for_user(user).for_municipality(municipality).values("user_id")
        )
        self.fields["proposed_coordinator"].queryset = (
            get_user_model().objects.filter(pk__in=member_ids, is_active=True).order_by("full_name")
        )
        self.fields["proposed_coordinator"].empty_label = _("Vælg en bruger i kommunen")


class SteeringMemberForm(forms.Form):
    # The member this row shows, so that saving the row keeps the member and their answer.
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Navn"), max_length=200, validators=[single_line])
    title = forms.CharField(
        label=_("Stilling"), max_length=200, required=False, validators=[single_line]
    )
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=EMAIL_MAX_LENGTH)
    level = forms.ChoiceField(label=_("Niveau"), choices=LEVEL_CHOICES)


class SteeringMemberBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Angiv højst %(num)d medlem af styregruppen.",
            "Angiv højst %(num)d medlemmer af styregruppen.",
            "num",
        )
    }


def rows_formset(form_class, formset_class, *, extra=1):
    """A formset of up to `MAX_ROWS` rows that also refuses a crafted TOTAL_FORMS above it
    before building a single form (Django's own ceiling is a thousand more)."""
    return forms.formset_factory(
        form_class,
        formset=formset_class,
        extra=extra,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


SteeringMemberFormSet = rows_formset(SteeringMemberForm, SteeringMemberBaseFormSet)


def filled_rows(formset) -> list[dict]:
    """Every row shown or typed that is not marked for deletion: rows shown as they were
    count as much as rows typed now; only the empty extra rows are left out."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def with_extra_row(data, prefix: str):
    """The posted data with one more empty row, for "Tilføj række" without JavaScript."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, MAX_ROWS))
    return data


class MeetingForm(forms.Form):
    meeting_date = DkfdsDateField(label=_("Mødets dato"))
    held = forms.BooleanField(
        label=_("Mødet er afholdt"),
        required=False,
        help_text=_("Sæt kun flueben, når mødet har fundet sted."),
    )


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200, validators=[single_line])
    title = forms.CharField(
        label=_("Stilling"), max_length=200, required=False, validators=[single_line]
    )
    level = forms.ChoiceField(label=_("Niveau"), choices=LEVEL_CHOICES)
    has_strategic_responsibility = forms.BooleanField(
        label=_("Har strategisk ansvar for socialpsykiatrien"), required=False
    )


class ParticipantBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Angiv højst %(num)d mødedeltager.",
            "Angiv højst %(num)d mødedeltagere.",
            "num",
        )
    }


ParticipantFormSet = rows_formset(ParticipantForm, ParticipantBaseFormSet)


class SteeringResponseForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Dit svar"),
        choices=[("approve", _("Jeg godkender tilmeldingen")), ("object", _("Jeg gør indsigelse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg om du godkender eller gør indsigelse.")},
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes ved en indsigelse."),
    )


class ApproveForm(forms.Form):
    primary_contact = forms.ModelChoiceField(
        label=_("Primær kontakt i SBST"),
        queryset=None,
        empty_label=None,
        help_text=_("Konsulenten, som kommunen har som sin kontakt i forløbet."),
    )
    comment = forms.CharField(
        label=_("Kommentar til kommunen"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Jeg godkender tilmeldingen, selv om ikke alle i styregruppen har svaret"),
        required=False,
    )

    def __init__(self, *args, contacts, needs_confirmation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["primary_contact"].queryset = contacts
        if needs_confirmation:
            self.fields["confirm"].required = True
            self.fields["confirm"].error_messages["required"] = _(
                "Bekræft, at du godkender, selv om ikke alle i styregruppen har svaret."
            )
        else:
            del self.fields["confirm"]


class DirectorAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Dit svar"),
        choices=[
            ("approve", _("Jeg godkender tilmeldingen")),
            ("decline", _("Jeg godkender ikke tilmeldingen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg om du godkender tilmeldingen.")},
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes, hvis du ikke godkender. Koordinatoren får begrundelsen."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse for afvisningen"),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Skriv en begrundelse for afvisningen.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EnrolmentFilter(django_filters.FilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=_("Hold"), queryset=Cohort.objects.order_by("-starts_on"), empty_label=_("Alle hold")
    )
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=Enrolment.State.choices, empty_label=_("Alle")
    )
    missing = django_filters.ChoiceFilter(
        label=_("Manglende kriterium"),
        choices=[
            ("1", _("1: Hele socialpsykiatrien")),
            ("2", _("2: Direktørens godkendelse")),
            ("3", _("3: Tilmeldingsmøde")),
        ],
        empty_label=_("Alle"),
        method="filter_missing",
    )

    class Meta:
        model = Enrolment
        fields = ["cohort", "state", "missing"]

    def filter_missing(self, queryset, name, value):
        return queryset.missing_criterion(int(value))
