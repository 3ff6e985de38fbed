"""The whole log's filters, kept in the URL (`?person=karen&kommune=265&fra=2026-12-01`).

One FilterSet over the activity log; the same cleaned values filter the case review's reads
(django-auditlog's access entries), so both sources answer the same question
(`selectors.search`)."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from programmes.activity import action_codes
from programmes.models import ActivityEntry, Municipality
from programmes.widgets import DkfdsDateField

# The action filter's value for a read of a case in the case review.
READ = "casereview.read"


def action_choices():
    return [(READ, _("Læsning af en sag i sagsgennemgangen")), *((c, c) for c in action_codes())]


def object_type_choices():
    """The kinds of object the log has entries about, and the reviewed case (its reads)."""
    from casereview.models import ReviewedCase

    ids = set(
        ActivityEntry.objects.exclude(content_type=None)
        .values_list("content_type_id", flat=True)
        .distinct()
    )
    types = [ContentType.objects.get_for_id(pk) for pk in ids]
    types.append(ContentType.objects.get_for_model(ReviewedCase))
    models = {ct.pk: ct.model_class() for ct in types if ct.model_class() is not None}
    names = [str(model._meta.verbose_name) for model in models.values()]
    labelled = {}
    for pk, model in models.items():
        label = capfirst(str(model._meta.verbose_name))
        if names.count(str(model._meta.verbose_name)) > 1:  # "Dimension" of two apps
            label = f"{label} ({model._meta.app_config.verbose_name})"
        labelled[pk] = label
    return sorted(((str(pk), label) for pk, label in labelled.items()), key=lambda c: c[1])


class DateFilter(django_filters.DateFilter):
    field_class = DkfdsDateField


class LogFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label=_("Person"),
        method="noop",
        help_text=_("En del af navnet eller e-mailadressen."),
    )
    kommune = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        empty_label=_("Alle kommuner"),
        method="noop",
    )
    objekt = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=object_type_choices,
        empty_label=_("Alle typer"),
        method="noop",
    )
    handling = django_filters.ChoiceFilter(
        label=_("Handling"),
        choices=action_choices,
        empty_label=_("Alle handlinger"),
        method="noop",
    )
    fra = DateFilter(label=_("Fra og med"), method="noop")
    til = DateFilter(label=_("Til og med"), method="noop")

    class Meta:
        model = ActivityEntry
        fields = ["person", "kommune", "objekt", "handling", "fra", "til"]

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=ActivityEntry.objects.none(), **kwargs)
        municipalities = Municipality.objects.order_by("name")
        self.filters["kommune"].queryset = municipalities
        self.form.fields["kommune"].queryset = municipalities

    def noop(self, queryset, name, value):
        # Both sources are filtered by `selectors.search` from the cleaned values.
        return queryset

    def values(self) -> dict:
        """The valid filters' values (an invalid one is left out and shown with its error)."""
        form = self.form
        form.is_valid()
        return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
