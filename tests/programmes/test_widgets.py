"""DKFDS's date field: day, month and year typed in three inputs, checked in Danish."""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms
from django.template import Context, Template

from programmes.widgets import DkfdsDateField


class MeetingForm(forms.Form):
    meeting_date = DkfdsDateField(label="Mødets dato")


class OptionalDateForm(forms.Form):
    follow_up = DkfdsDateField(label="Opfølgning", required=False)


def typed(day, month, year, name="meeting_date"):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def render_crispy(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


class Elements(HTMLParser):
    """Every start tag's attributes, in order."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def inputs(self):
        return [attrs for tag, attrs in self.tags if tag == "input"]

    def posted(self):
        """What the browser sends for the form as shown."""
        return {attrs["name"]: attrs.get("value", "") for attrs in self.inputs()}

    def by_id(self, id_):
        return next(attrs for tag, attrs in self.tags if attrs.get("id") == id_)

    def first(self, tag):
        return next(attrs for name, attrs in self.tags if name == tag)


def test_a_date_typed_as_day_month_and_year_is_that_date():
    form = MeetingForm(data=typed("5", "06", "2027"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["meeting_date"] == datetime.date(2027, 6, 5)


def test_the_29th_of_february_exists_in_a_leap_year():
    form = MeetingForm(data=typed("29", "2", "2028"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["meeting_date"] == datetime.date(2028, 2, 29)


def test_an_impossible_date_is_refused_with_a_danish_sentence_naming_the_month():
    form = MeetingForm(data=typed("31", "02", "2026"))

    assert not form.is_valid()
    assert form.errors["meeting_date"] == ["Datoen findes ikke: februar 2026 har kun 28 dage."]


@pytest.mark.parametrize(
    ("day", "month", "year", "error"),
    [
        ("1", "", "2026", "Skriv både dag, måned og år."),
        ("3a", "2", "2026", "Skriv dag, måned og år med tal, for eksempel 25 11 2026."),
        ("1", "13", "2026", "Måneden skal være et tal fra 1 til 12."),
        ("0", "1", "2026", "Dagen skal være et tal fra 1 til 31."),
        ("1", "1", "26", "Skriv året med fire cifre, for eksempel 2026."),
    ],
)
def test_each_kind_of_wrong_date_gets_its_own_danish_sentence(day, month, year, error):
    form = MeetingForm(data=typed(day, month, year))

    assert not form.is_valid()
    assert form.errors["meeting_date"] == [error]


def test_an_empty_required_date_asks_for_the_date():
    form = MeetingForm(data=typed("", "", ""))

    assert not form.is_valid()
    assert form.errors["meeting_date"] == ["Skriv datoen med dag, måned og år."]


def test_an_empty_optional_date_is_none():
    form = OptionalDateForm(data=typed("", " ", "", name="follow_up"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["follow_up"] is None


def test_the_inputs_show_what_was_typed_after_an_error():
    form = MeetingForm(data=typed("31", "02", "2026"))
    form.is_valid()

    assert Elements(render_crispy(form)).posted() == typed("31", "02", "2026")


def test_a_date_rendered_and_posted_back_as_shown_is_the_same_date():
    shown = MeetingForm(initial={"meeting_date": datetime.date(2026, 11, 25)})
    posted = Elements(render_crispy(shown)).posted()

    assert posted == typed("25", "11", "2026")
    form = MeetingForm(data=posted, initial={"meeting_date": datetime.date(2026, 11, 25)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["meeting_date"] == datetime.date(2026, 11, 25)
    assert not form.has_changed()


def test_a_single_iso_value_under_the_fields_name_is_still_understood():
    form = MeetingForm(data={"meeting_date": "2026-11-25"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["meeting_date"] == datetime.date(2026, 11, 25)


def test_the_date_is_a_fieldset_whose_legend_names_it_and_each_input_has_a_label():
    html = render_crispy(MeetingForm())
    elements = Elements(html)

    assert '<legend class="form-label">Mødets dato</legend>' in html
    labels = {attrs["for"] for tag, attrs in elements.tags if tag == "label"}
    ids = [attrs["id"] for attrs in elements.inputs()]
    assert ids == ["id_meeting_date-day", "id_meeting_date-month", "id_meeting_date-year"]
    assert labels == set(ids)
    for attrs in elements.inputs():
        assert attrs["type"] == "text"
        assert attrs["inputmode"] == "numeric"
        assert "required" in attrs


def test_the_fieldset_is_described_by_the_hint_and_then_by_the_error():
    fine = Elements(render_crispy(MeetingForm()))
    assert fine.first("fieldset")["aria-describedby"] == "id_meeting_date-hint"
    assert fine.by_id("id_meeting_date-hint")

    wrong = MeetingForm(data=typed("31", "02", "2026"))
    wrong.is_valid()
    elements = Elements(render_crispy(wrong))
    described_by = elements.first("fieldset")["aria-describedby"].split()
    assert described_by == ["id_meeting_date-hint", "id_meeting_date-error"]
    assert elements.by_id("id_meeting_date-error")
    assert all(attrs["aria-invalid"] == "true" for attrs in elements.inputs())


def test_the_error_summary_links_to_the_day_input():
    form = MeetingForm(data=typed("31", "02", "2026"))
    form.is_valid()

    html = render_crispy(form)

    assert 'href="#id_meeting_date-day"' in html
