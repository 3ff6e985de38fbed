"""DKFDS's date field ("Datofelt"): day, month and year in three labelled inputs.

Use `DkfdsDateField` in a form; its widget `DkfdsDateInput` posts three values
(`<name>_day`, `<name>_month`, `<name>_year`) that the field turns into a `date`, with a
Danish sentence for each way the input can be wrong. On an error the three inputs show what
was typed, unchanged.
"""

import calendar
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

PARTS = ("day", "month", "year")
DIGITS = re.compile(r"[0-9]+")


class DkfdsDateInput(forms.Widget):
    """Three text inputs with `inputmode="numeric"` inside the fieldset the form template draws.

    Text rather than DKFDS's `type="number"`: the browser then sends what was typed (a number
    input sends "" for "3a"), so the page can show it back, and a scroll wheel never changes it.
    """

    template_name = "dkfds/widgets/date_input.html"
    use_fieldset = True
    # The template lives in the project's templates/, which Django's default form renderer
    # does not search.
    renderer = TemplatesSetting()
    labels = {"day": _("Dag"), "month": _("Måned"), "year": _("År")}
    # The error summary (templates/dkfds/errors.html) links to the day input.
    first_input_suffix = "-day"
    max_lengths = {"day": 2, "month": 2, "year": 4}

    def _render(self, template_name, context, renderer=None):
        return super()._render(template_name, context, self.renderer)

    def id_for_label(self, id_):
        # The legend names the group; each input has its own label.
        return ""

    @staticmethod
    def part_name(name, part):
        return f"{name}_{part}"

    def value_from_datadict(self, data, files, name):
        """The three typed values, or a single value posted under the field's own name."""
        if not any(self.part_name(name, part) in data for part in PARTS) and name in data:
            return data.get(name)
        return tuple(data.get(self.part_name(name, part), "") for part in PARTS)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(self.part_name(name, part) in data for part in PARTS)

    def split(self, value):
        """Day, month and year as the inputs show them: typed text back as typed."""
        if isinstance(value, (list, tuple)):
            return [str(part or "") for part in (*value, "", "", "")[:3]]
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return ["", "", ""]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = dict(context["widget"]["attrs"])
        base_id = attrs.pop("id", None) or f"id_{name}"
        attrs.pop("class", None)  # the template gives each input DKFDS's form-input
        context["widget"]["parts"] = [
            {
                "part": part,
                "name": self.part_name(name, part),
                "id": f"{base_id}-{part}",
                "label": self.labels[part],
                "value": typed,
                "maxlength": self.max_lengths[part],
                "attrs": attrs,
            }
            for part, typed in zip(PARTS, self.split(value), strict=True)
        ]
        return context


class DkfdsDateField(forms.DateField):
    """A date typed as day, month and year in `DkfdsDateInput`, checked in Danish."""

    widget = DkfdsDateInput
    default_error_messages = {
        "required": _("Skriv datoen med dag, måned og år."),
        "incomplete": _("Skriv både dag, måned og år."),
        "invalid": _("Skriv dag, måned og år med tal, for eksempel 25 11 2026."),
        "invalid_month": _("Måneden skal være et tal fra 1 til 12."),
        "invalid_day": _("Dagen skal være et tal fra 1 til 31."),
        "invalid_year": _("Skriv året med fire cifre, for eksempel 2026."),
        "no_such_day": _("Datoen findes ikke: %(month)s har kun %(days)s dage."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("For eksempel 25 11 2026."))
        super().__init__(**kwargs)

    def to_python(self, value):
        if not isinstance(value, (list, tuple)):
            return super().to_python(value)
        day, month, year = (str(part or "").strip() for part in (*value, "", "", "")[:3])
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        if not all(DIGITS.fullmatch(part) for part in (day, month, year)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4 or year.startswith("0"):
            raise ValidationError(self.error_messages["invalid_year"], code="invalid_year")
        day, month, year = int(day), int(month), int(year)
        if not 1 <= month <= 12:
            raise ValidationError(self.error_messages["invalid_month"], code="invalid_month")
        if not 1 <= day <= 31:
            raise ValidationError(self.error_messages["invalid_day"], code="invalid_day")
        days = calendar.monthrange(year, month)[1]
        if day > days:
            raise ValidationError(
                self.error_messages["no_such_day"],
                code="no_such_day",
                params={
                    "month": date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT"),
                    "days": days,
                },
            )
        return datetime.date(year, month, day)
