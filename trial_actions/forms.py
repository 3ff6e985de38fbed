"""What people type into the trial actions' pages; the rules live in `services.py`, which the
plan's form asks so that a broken rule shows next to its field."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import SubGoal
from programmes.edits import apply_rule
from programmes.models import GroupMember, Principle, ProgrammeGroup
from programmes.validators import no_personal_identifiers, single_line
from programmes.widgets import DkfdsDateField

from . import services
from .models import TrialAction, TrialActionState

TEXT_MAX_LENGTH = 5_000


def _free_text(label, required, *, rows=3, help_text=""):
    """A field a person writes freely in: long, and never with a citizen's name or CPR number
    (`required` is the sentence shown when it is left empty)."""
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": required},
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.group.name})"


class SubGoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.goal.title})"


class TrialActionForm(forms.Form):
    """The plan of a trial action; the choices are the programme's own groups, people and
    the sub-goals of its development plan, read once by the view."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=services.TITLE_MAX_LENGTH,
        validators=[single_line, no_personal_identifiers],
        help_text=_("Kort og konkret, for eksempel »Borgeren skriver selv sine mål«."),
        error_messages={"required": _("Giv prøvehandlingen en titel.")},
    )
    problem = _free_text(
        _("Problemet"),
        _("Beskriv det problem, prøvehandlingen skal løse."),
        help_text=_("Hvad virker ikke i dag? Skriv ikke om enkelte borgere."),
    )
    hoped_for = _free_text(
        _("Det håber vi på"), _("Skriv, hvad I håber, prøvehandlingen fører til.")
    )
    sub_goals = SubGoalChoiceField(
        label=_("Delmål i udviklingsplanen"),
        queryset=SubGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Vælg delmål fra forløbets egen udviklingsplan.")},
    )
    principles = forms.TypedMultipleChoiceField(
        label=_("Principper, som prøvehandlingen tjener"),
        choices=Principle.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét princip, som prøvehandlingen tjener.")},
    )
    group = forms.ModelChoiceField(
        label=_("Gruppe"),
        queryset=ProgrammeGroup.objects.none(),
        required=False,
        empty_label=_("Ingen gruppe valgt"),
        help_text=_("Den gruppe, der gennemfører prøvehandlingen, ofte en lokal gruppe."),
        error_messages={"invalid_choice": _("Vælg en af forløbets grupper.")},
    )
    responsible = MemberChoiceField(
        label=_("Ansvarlig"),
        queryset=GroupMember.objects.none(),
        required=False,
        empty_label=_("Ingen ansvarlig endnu"),
        help_text=_("Den ansvarlige får en påmindelse, hvis evalueringen bliver forsinket."),
        error_messages={"invalid_choice": _("Vælg en af forløbets gruppemedlemmer.")},
    )
    starts_on = DkfdsDateField(
        label=_("Start"),
        error_messages={"required": _("Skriv, hvornår prøvehandlingen starter.")},
    )
    ends_on = DkfdsDateField(
        label=_("Slut"),
        error_messages={"required": _("Skriv, hvornår prøvehandlingen slutter.")},
    )
    evaluate_by = DkfdsDateField(
        label=_("Evalueres senest"),
        error_messages={"required": _("Skriv, hvornår prøvehandlingen senest evalueres.")},
    )
    success_measure = _free_text(
        _("Sådan ser vi, om det lykkes"),
        _("Skriv, hvordan I vil se, om prøvehandlingen lykkes: en måling eller et kriterium."),
        help_text=_("En måling eller et kriterium, man kan iagttage."),
    )

    def __init__(self, *args, groups, members, sub_goals, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["group"].queryset = groups
        self.fields["responsible"].queryset = members
        self.fields["sub_goals"].queryset = sub_goals
        if not sub_goals:
            self.fields["sub_goals"].help_text = _("Udviklingsplanen har ingen delmål endnu.")

    def clean(self):
        data = super().clean()
        apply_rule(self, services.check_plan, self.programme)
        return data

    def plan(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.fields}


class ObservationForm(forms.Form):
    observed_on = DkfdsDateField(
        label=_("Dato"),
        error_messages={"required": _("Skriv datoen for iagttagelsen.")},
    )
    text = _free_text(
        _("Iagttagelse"),
        _("Skriv, hvad I har iagttaget."),
        help_text=_("Hvad så og hørte I? Skriv ikke navne eller CPR-numre på borgere."),
    )


class EvaluationForm(forms.Form):
    what_happened = _free_text(
        _("Hvad skete der, set i forhold til det, I håbede på?"),
        _("Skriv, hvad der skete, set i forhold til det, I håbede på."),
        rows=4,
    )
    learning = _free_text(_("Hvad har I lært?"), _("Skriv, hvad I har lært."), rows=4)


DECISION_CHOICES = [
    (TrialActionState.ADOPTED, _("Vedtag: prøvehandlingen bliver en del af praksis og forankres")),
    (TrialActionState.ADAPTED, _("Tilpas: en ny prøvehandling planlægges i forlængelse af denne")),
    (TrialActionState.DROPPED, _("Drop: prøvehandlingen stoppes")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslutning"),
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg, om prøvehandlingen vedtages, tilpasses eller droppes."),
            "invalid_choice": _("Vælg, om prøvehandlingen vedtages, tilpasses eller droppes."),
        },
    )
    decision_reason = _free_text(_("Begrundelse"), _("Skriv begrundelsen for beslutningen."))


class BoardFilter(django_filters.FilterSet):
    """The board's filters, kept in the URL (`?gruppe=3&princip=1&delmaal=7`)."""

    gruppe = django_filters.ModelChoiceFilter(
        label=_("Gruppe"),
        field_name="group",
        queryset=ProgrammeGroup.objects.none(),
        empty_label=_("Alle grupper"),
    )
    princip = django_filters.ChoiceFilter(
        label=_("Princip"),
        choices=Principle.choices,
        empty_label=_("Alle principper"),
        method="filter_principle",
    )
    delmaal = django_filters.ModelChoiceFilter(
        label=_("Delmål"),
        field_name="sub_goals",
        queryset=SubGoal.objects.none(),
        empty_label=_("Alle delmål"),
    )

    class Meta:
        model = TrialAction
        fields = ["gruppe", "princip", "delmaal"]

    def __init__(self, data=None, *, queryset, groups, sub_goals, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["gruppe"].queryset = groups
        self.filters["delmaal"].queryset = sub_goals
        # The form is built on first use, from the filters above.
        self.form.fields["gruppe"].queryset = groups
        self.form.fields["delmaal"].queryset = sub_goals
        self.form.fields["delmaal"].label_from_instance = lambda obj: obj.title

    def filter_principle(self, queryset, name, value):
        return queryset.filter(principle_rows__principle=int(value))
