from django.contrib import admin

from programmes.admin import TenantAdminMixin

from .models import AgendaItem, Attachment, Attendance, Decision, FollowUp, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "principle", "deliverable"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["name", "member", "status"]
    raw_id_fields = ["member"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["position", "text"]


@admin.register(Meeting)
class MeetingAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["title", "programme", "phase", "number", "starts_at", "cancelled_at"]
    list_filter = ["phase", "is_kickoff"]
    search_fields = ["title", "programme__municipality__name"]
    list_select_related = ["programme__municipality", "programme__cohort"]
    raw_id_fields = ["programme"]
    readonly_fields = ["minutes_written_at", "created_at"]
    inlines = [AgendaItemInline, AttendanceInline, DecisionInline]


@admin.register(FollowUp)
class FollowUpAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["text", "meeting", "responsible", "due_on", "done_at"]
    list_filter = ["done_at"]
    list_select_related = ["meeting", "responsible"]
    raw_id_fields = ["meeting", "responsible", "done_by"]


@admin.register(Attachment)
class AttachmentAdmin(TenantAdminMixin, admin.ModelAdmin):
    """Attachments come only through the meeting page, which checks the file's content; the
    admin shows them and may delete one, never takes a file in."""

    list_display = ["name", "meeting", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["meeting", "uploaded_by"]
    fields = ["meeting", "name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
