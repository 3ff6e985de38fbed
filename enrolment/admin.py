from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programmes.admin import GuardedAdmin, TenantAdminMixin

from .models import DirectorLink, Enrolment, MeetingParticipant, SteeringMember


class SteeringMemberInline(admin.TabularInline):
    model = SteeringMember
    extra = 0
    fields = ["name", "title", "email", "level", "user", "response", "comment", "responded_at"]
    readonly_fields = ["response", "comment", "responded_at"]
    autocomplete_fields = ["user"]


class MeetingParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    extra = 0
    fields = ["name", "title", "level", "has_strategic_responsibility"]


class DirectorLinkInline(admin.TabularInline):
    model = DirectorLink
    extra = 0
    can_delete = False
    fields = ["email", "created_at", "expires_at", "used_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(TenantAdminMixin, GuardedAdmin):
    """For SBST administrators. The state and the approvals change only through the pages,
    so the history and the e-mails stay true; here they are read-only."""

    list_display = ["municipality", "cohort", "state", "submitted_at", "decided_at"]
    list_filter = ["state", "cohort"]
    search_fields = ["municipality__name", "director_name", "director_email"]
    list_select_related = ["municipality", "cohort"]
    autocomplete_fields = ["municipality", "proposed_coordinator"]
    readonly_fields = [
        "state",
        "director_approved_at",
        "director_declined_at",
        "director_decline_reason",
        "meeting_date",
        "meeting_held",
        "submitted_at",
        "submitted_by",
        "decided_at",
        "decided_by",
        "decision_reason",
        "programme",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["municipality", "cohort", "state"]}),
        (
            _("Kriterium 1 og skemaet"),
            {
                "fields": [
                    "includes_strategic_management",
                    "includes_authority_area",
                    "includes_social_offers",
                    "ambitions",
                    "current_practice",
                    "proposed_coordinator",
                ]
            },
        ),
        (
            _("Kriterium 2: direktøren"),
            {
                "fields": [
                    "director_name",
                    "director_title",
                    "director_email",
                    "director_approved_at",
                    "director_declined_at",
                    "director_decline_reason",
                ]
            },
        ),
        (_("Kriterium 3: tilmeldingsmødet"), {"fields": ["meeting_date", "meeting_held"]}),
        (
            _("Afgørelse"),
            {
                "fields": [
                    "submitted_at",
                    "submitted_by",
                    "decided_at",
                    "decided_by",
                    "decision_reason",
                    "programme",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [
        SteeringMemberInline,
        MeetingParticipantInline,
        DirectorLinkInline,
    ]
