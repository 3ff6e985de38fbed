from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """For SBST administrators: what waits, what failed and why."""

    list_display = ["created_at", "task_name", "state", "attempts", "next_attempt_at", "done_at"]
    list_filter = ["state", "task_name"]
    readonly_fields = [
        "task_name",
        "kwargs",
        "state",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "done_at",
    ]

    def has_add_permission(self, request):
        return False
