"""What every edit page shares (`programmes.edits`): typed text as stored, the form that asks
a service's rule, and the save that writes only what changed."""

from django import forms

from plans.models import DevelopmentPlan
from programmes.edits import apply_rule, save_changes, typed_text
from programmes.errors import DomainError
from tests.plans.factories import programme_with_groups


def test_typed_text_is_stored_without_blanks_and_with_lf_line_ends():
    assert typed_text("  Linje 1\r\nLinje 2\rLinje 3 \n") == "Linje 1\nLinje 2\nLinje 3"
    assert typed_text(None) == ""


def test_saving_changes_writes_only_the_fields_that_differ(roskilde, count_queries):
    plan = DevelopmentPlan.objects.create(programme=programme_with_groups(), introduction="Første")
    values = {"introduction": "Første", "has_changes": False}

    changed = save_changes(plan, values, ["introduction", "has_changes"])
    unchanged = count_queries(lambda: save_changes(plan, values, ["introduction", "has_changes"]))

    assert (changed, unchanged) == (["has_changes"], 0)
    assert DevelopmentPlan.objects.get(pk=plan.pk).has_changes is False


class TitleForm(forms.Form):
    title = forms.CharField()


def check_title(prefix, data):
    if data["title"] == "nej":
        raise DomainError("Skriv en anden titel.", field="title")
    if data["title"] == "aldrig":
        raise DomainError("Planen er låst.", field="unknown")
    return {"title": f"{prefix}{data['title']}"}


def test_the_form_rule_keeps_the_values_or_puts_the_refusal_by_its_field():
    def applied(title):
        form = TitleForm({"title": title})
        form.is_valid()
        apply_rule(form, check_title, "Mål: ")
        return form

    assert applied("ja").values == {"title": "Mål: ja"}
    assert applied("nej").errors == {"title": ["Skriv en anden titel."]}
    assert applied("aldrig").non_field_errors() == ["Planen er låst."]
    unchecked = applied("")
    assert not hasattr(unchecked, "values") and list(unchecked.errors) == ["title"]
