"""What people type into the development plan; the rules live in `services.py`, which the
forms ask so that a broken rule shows next to its field."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keyfigures.models import Indicator
from programmes.edits import apply_rule
from programmes.models import GroupMember, Principle, Purpose
from programmes.validators import no_personal_identifiers, single_line
from programmes.widgets import DkfdsDateField

from . import services
from .models import EvaluationKind, SubGoalStatus

TEXT_MAX_LENGTH = 5_000
INTRODUCTION_MAX_LENGTH = 20_000


class PlanForm(forms.Form):
    """The introduction, and the number of each goal in the plan's order."""

    introduction = forms.CharField(
        label=_("Indledning"),
        required=False,
        max_length=INTRODUCTION_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Hvorfor kommunen omlægger, og hvad planen skal føre til. Skriv ikke om enkelte "
            "borgere."
        ),
    )
    # Which text the form was opened on (`services.text_digest`), so a save cannot overwrite
    # what someone else saved meanwhile.
    shown = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for number, goal in enumerate(self.goals, start=1):
            self.fields[self.field_name(goal)] = forms.IntegerField(
                label=_("Nummer for målet »%(title)s«") % {"title": goal.title},
                min_value=1,
                max_value=len(self.goals),
                initial=number,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
                error_messages={
                    "required": _("Giv målet et nummer."),
                    "invalid": _("Skriv et tal."),
                    "min_value": _("Skriv et tal fra 1 til %(limit_value)s.")
                    % {"limit_value": len(self.goals)},
                    "max_value": _("Skriv et tal fra 1 til %(limit_value)s."),
                },
            )

    @staticmethod
    def field_name(goal) -> str:
        return f"goal_{goal.pk}"

    def goal_fields(self):
        return [self[self.field_name(goal)] for goal in self.goals]

    def goal_order(self) -> list[int]:
        """The goals' ids by the numbers given; two goals given one number keep their order."""
        numbered = [
            (self.cleaned_data[self.field_name(goal)], index, goal.pk)
            for index, goal in enumerate(self.goals)
        ]
        return [pk for _number, _index, pk in sorted(numbered)]


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})" if obj.unit else obj.name


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Mål"), max_length=300, validators=[single_line, no_personal_identifiers]
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    purposes = forms.TypedMultipleChoiceField(
        label=_("Formål, som målet skal tjene"),
        choices=Purpose.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét formål, som målet skal tjene.")},
    )
    principles = forms.TypedMultipleChoiceField(
        label=_("Principper, som målet bygger på"),
        choices=Principle.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét princip, som målet bygger på.")},
    )
    evaluation_kind = forms.ChoiceField(
        label=_("Målet evalueres ved"),
        choices=EvaluationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvordan målet evalueres.")},
    )
    indicator = IndicatorChoiceField(
        label=_("Nøgletal"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("Vælg et nøgletal"),
        help_text=_("Udfyldes, når målet evalueres ved et nøgletal."),
    )
    target = forms.CharField(
        label=_("Mål for nøgletallet"),
        required=False,
        max_length=200,
        validators=[single_line],
        help_text=_("For eksempel »10 procent flere i job inden udgangen af 2028«."),
    )
    criterion = forms.CharField(
        label=_("Kriterium"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Udfyldes, når målet evalueres ved et kriterium: hvad kan man se eller høre, når "
            "målet er nået?"
        ),
    )

    def __init__(self, *args, goal=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = goal.indicator_id if goal is not None else None
        # The catalogue's indicators in use, and the goal's own even if it was retired since.
        self.fields["indicator"].queryset = Indicator.objects.filter(
            Q(is_active=True) | Q(pk=current)
        ).order_by("theme", "position", "name")

    @staticmethod
    def initial_for(goal) -> dict:
        return {
            "title": goal.title,
            "description": goal.description,
            "purposes": list(goal.purposes),
            "principles": list(goal.principles),
            "evaluation_kind": goal.evaluation_kind,
            "indicator": goal.indicator_id,
            "target": goal.target,
            "criterion": goal.criterion,
        }

    def clean(self):
        data = super().clean()
        apply_rule(self, services.check_goal)
        return data


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.group.name})"


class SubGoalForm(forms.Form):
    title = forms.CharField(
        label=_("Delmål"), max_length=300, validators=[single_line, no_personal_identifiers]
    )
    responsible = MemberChoiceField(
        label=_("Ansvarlig"),
        queryset=GroupMember.objects.none(),
        empty_label=_("Vælg en ansvarlig"),
        error_messages={
            "required": _("Vælg den ansvarlige for delmålet."),
            "invalid_choice": _("Vælg en ansvarlig fra forløbets grupper."),
        },
    )
    starts_on = DkfdsDateField(label=_("Start"))
    due_on = DkfdsDateField(label=_("Frist"))
    status = forms.ChoiceField(
        label=_("Status"), choices=SubGoalStatus.choices, initial=SubGoalStatus.PLANNED
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        # Only the programme's own people can be chosen.
        self.fields["responsible"].queryset = (
            GroupMember.objects.filter(group__programme_id=programme.pk)
            .select_related("group")
            .order_by("name", "group__kind", "id")
        )

    @staticmethod
    def initial_for(sub_goal) -> dict:
        return {
            "title": sub_goal.title,
            "responsible": sub_goal.responsible_id,
            "starts_on": sub_goal.starts_on,
            "due_on": sub_goal.due_on,
            "status": sub_goal.status,
        }

    def clean(self):
        data = super().clean()
        apply_rule(self, services.check_sub_goal, self.programme)
        return data
