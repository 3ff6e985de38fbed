"""What people type into the enrolment pages; the rules live in `services.py`."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from programmes.models import Cohort, Level, Membership

from .models import Enrolment

LEVEL_CHOICES = [("", _("Vælg niveau")), *Level.choices]
# The model's EmailField column; Django's form EmailField would otherwise accept 320.
EMAIL_MAX_LENGTH = 254
# Rows a formset accepts; validated, so a crafted POST with more rows is refused.
MAX_ROWS = 30
# Free-text reasons and comments on the enrolment page.
REASON_MAX_LENGTH = 2000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def open_cohorts(current=None):
    """Cohorts SBST has opened whose deadline has not passed, plus the draft's own."""
    cohorts = Cohort.objects.filter(
        is_open_for_enrolment=True, enrolment_deadline__gte=timezone.localdate()
    )
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

    # What SBST needs before the enrolment can be submitted; a draft may still lack them.
    needed_to_submit = ("ambitions", "proposed_coordinator", "director_name", "director_email")

    def __init__(self, *args, municipality, user, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.needed_to_submit:
            self.fields[name].required = not draft
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
    name = forms.CharField(label=_("Navn"), max_length=200)
    title = forms.CharField(label=_("Stilling"), max_length=200, required=False)
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


SteeringMemberFormSet = forms.formset_factory(
    SteeringMemberForm,
    formset=SteeringMemberBaseFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)


def filled_rows(formset) -> list[dict]:
    """The rows a person filled in and did not mark for deletion."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(label=_("Mødets dato"), widget=DateInput())
    held = forms.BooleanField(
        label=_("Mødet er afholdt"),
        required=False,
        help_text=_("Lad feltet stå tomt, mens mødet kun er planlagt."),
    )


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    title = forms.CharField(label=_("Stilling"), max_length=200, required=False)
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


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=ParticipantBaseFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)


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
