"""Trial actions in the Django admin: to look up and correct a row; the cycle itself runs
through `trial_actions.services` on the programme's pages, so the state is read-only here."""

from django.contrib import admin

from programmes.admin import TenantAdminMixin

from .models import Observation, TrialAction, TrialActionPrinciple


class PrincipleInline(admin.TabularInline):
    model = TrialActionPrinciple
    extra = 0
    fields = ["principle"]


class ObservationInline(admin.TabularInline):
    model = Observation
    extra = 0
    fields = ["observed_on", "text", "author"]
    raw_id_fields = ["author"]


@admin.register(TrialAction)
class TrialActionAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["title", "programme", "state", "starts_on", "evaluate_by", "follows"]
    list_filter = ["state"]
    search_fields = ["title", "programme__municipality__name"]
    list_select_related = ["programme__municipality", "programme__cohort", "follows"]
    raw_id_fields = ["programme", "group", "responsible", "follows", "sub_goals"]
    readonly_fields = [
        "state",
        "started_at",
        "evaluated_at",
        "decided_at",
        "created_at",
        "updated_at",
    ]
    inlines = [PrincipleInline, ObservationInline]
