from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404
from guardian.admin import GuardedModelAdmin

from .models import Cohort, GroupMember, Membership, Municipality, Programme, ProgrammeGroup


class GuardedAdmin(GuardedModelAdmin):
    """django-guardian's object-permission pages, with an id that is no id answered by 404
    (guardian's own views fail with a server error on one)."""

    def _existing_pk_or_404(self, object_pk):
        try:
            self.model._meta.pk.to_python(object_pk)
        except (ValidationError, ValueError) as exc:
            raise Http404 from exc

    def obj_perms_manage_view(self, request, object_pk):
        self._existing_pk_or_404(object_pk)
        return super().obj_perms_manage_view(request, object_pk)

    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        self._existing_pk_or_404(object_pk)
        return super().obj_perms_manage_user_view(request, object_pk, user_id)

    def obj_perms_manage_group_view(self, request, object_pk, group_id):
        self._existing_pk_or_404(object_pk)
        return super().obj_perms_manage_group_view(request, object_pk, group_id)


class TenantAdminMixin:
    """A tenant row's municipality is chosen once, when the row is added; after that it is
    shown read-only, so the admin cannot move a row away from its children."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and "municipality" not in fields:
            fields.append("municipality")
        return fields


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Membership)
class MembershipAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "municipality__name"]
    autocomplete_fields = ["user", "municipality"]
    list_select_related = ["user", "municipality"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "enrolment_deadline", "is_open_for_enrolment"]
    list_editable = ["is_open_for_enrolment"]


@admin.register(Programme)
class ProgrammeAdmin(TenantAdminMixin, GuardedAdmin):
    list_display = ["municipality", "cohort", "kind", "coordinator", "primary_contact"]
    list_filter = ["kind", "cohort"]
    list_select_related = ["municipality", "cohort", "coordinator", "primary_contact"]
    autocomplete_fields = ["municipality", "coordinator", "primary_contact"]


@admin.register(ProgrammeGroup)
class ProgrammeGroupAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "area", "programme"]
    list_select_related = ["programme__municipality", "programme__cohort"]


@admin.register(GroupMember)
class GroupMemberAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ["name", "group", "role", "kind", "level", "user"]
    list_select_related = ["group", "user"]
