"""What people type into the anchoring plan; the rules live in `services.py`, which the
forms ask so that a broken rule shows next to its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.forms import MemberChoiceField
from plans.models import Goal
from programmes.edits import apply_rule
from programmes.models import GroupMember
from programmes.validators import no_personal_identifiers, single_line
from programmes.widgets import DkfdsDateField

from . import services
from .models import YIELD_TEXT, Mechanism, YieldAnswerChoice, YieldStatement

TEXT_MAX_LENGTH = 5_000
CONTINUATION_MAX_LENGTH = 20_000


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ItemForm(forms.Form):
    """An item of the plan; on a new item, optionally a goal of the development plan."""

    goal = GoalChoiceField(
        label=_("Et mål fra udviklingsplanen"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Intet mål: skriv selv, hvad der forankres"),
        help_text=_("Vælger du et mål, får punktet målets titel, hvis du ikke skriver en anden."),
    )
    title = forms.CharField(
        label=_("Hvad forankres"),
        max_length=300,
        required=False,
        validators=[single_line, no_personal_identifiers],
        error_messages={"required": _("Skriv, hvad der forankres.")},
    )
    mechanisms = forms.TypedMultipleChoiceField(
        label=_("Forankres gennem"),
        choices=Mechanism.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Sådan forankres det"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For eksempel hvilken arbejdsgang, funktionsbeskrivelse eller hvilket møde der "
            "ændres. Skriv ikke om enkelte borgere."
        ),
    )
    owner = MemberChoiceField(
        label=_("Ejer"),
        queryset=GroupMember.objects.none(),
        required=False,
        empty_label=_("Vælg en ejer"),
        error_messages={"invalid_choice": _("Vælg en ejer fra forløbets grupper.")},
    )
    follow_up_on = DkfdsDateField(label=_("Følges op"), required=False)

    def __init__(self, *args, programme, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["owner"].queryset = (
            GroupMember.objects.filter(group__programme_id=programme.pk)
            .select_related("group")
            .order_by("name", "group__kind", "id")
        )
        # Only a new item may name a goal: one of the development plan's not yet anchored;
        # the item then takes the goal's title unless another is written.
        if goals:
            self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        else:
            del self.fields["goal"]
            self.fields["title"].required = True

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "title": item.title,
            "mechanisms": list(item.mechanisms),
            "description": item.description,
            "owner": item.owner_id,
            "follow_up_on": item.follow_up_on,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        goal = data.get("goal")
        if goal is not None and not data.get("title"):
            data["title"] = goal.title
        apply_rule(self, services.check_item, self.programme)
        return data


class PlanForm(forms.Form):
    """The continuation, and what was done about each flagged dimension."""

    continuation = forms.CharField(
        label=_("Sådan fortsætter omlægningen efter forløbet"),
        required=False,
        max_length=CONTINUATION_MAX_LENGTH,
        validators=[no_personal_identifiers],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Hvem der fortsætter arbejdet, i hvilke fora, og hvad der skal ske de næste år. "
            "Skriv ikke om enkelte borgere."
        ),
    )
    # Which text the form was opened on (`services.text_digest`), so a save cannot overwrite
    # what someone else saved meanwhile.
    shown = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    shown_answers = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = list(dimensions)
        for number, dimension in enumerate(self.dimensions):
            self.fields[self.field_name(number)] = forms.CharField(
                label=_("Det blev gjort ved »%(name)s«") % {"name": dimension.name},
                help_text=dimension.reason,
                required=False,
                max_length=TEXT_MAX_LENGTH,
                validators=[no_personal_identifiers],
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @staticmethod
    def field_name(number) -> str:
        return f"dimension_{number}"

    def dimension_fields(self):
        return [self[self.field_name(n)] for n in range(len(self.dimensions))]

    def dimension_answers(self) -> dict[str, str]:
        return {
            dimension.key: self.cleaned_data[self.field_name(number)]
            for number, dimension in enumerate(self.dimensions)
        }


class YieldForm(forms.Form):
    """The steering group's answer to each statement of the expected yield, with a note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for statement in YieldStatement:
            self.fields[f"{statement.value}_answer"] = forms.ChoiceField(
                label=statement.label,
                help_text=YIELD_TEXT[statement],
                choices=YieldAnswerChoice.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{statement.value}_note"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=TEXT_MAX_LENGTH,
                validators=[no_personal_identifiers],
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_for(answers) -> dict:
        initial = {}
        for row in answers:
            initial[f"{row.statement}_answer"] = row.answer
            initial[f"{row.statement}_note"] = row.note
        return initial

    def statements(self):
        """(answer field, note field) per statement, in order."""
        return [(self[f"{s.value}_answer"], self[f"{s.value}_note"]) for s in YieldStatement]

    def answers(self) -> dict[str, dict]:
        return {
            s.value: {
                "answer": self.cleaned_data[f"{s.value}_answer"],
                "note": self.cleaned_data[f"{s.value}_note"],
            }
            for s in YieldStatement
        }
