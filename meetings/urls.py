from django.urls import path

from . import views

app_name = "meetings"

MEETING = "forloeb/<int:programme_pk>/moeder/<int:meeting_pk>/"

urlpatterns = [
    path("forloeb/<int:programme_pk>/moeder/", views.meeting_list, name="meeting_list"),
    path(MEETING, views.meeting_detail, name="meeting_detail"),
    path(f"{MEETING}planlaeg/", views.meeting_edit, name="meeting_edit"),
    path(f"{MEETING}aflys/", views.meeting_cancel, name="meeting_cancel"),
    path(f"{MEETING}dagsorden/", views.agenda_edit, name="agenda_edit"),
    path(f"{MEETING}fremmoede/", views.attendance_edit, name="attendance_edit"),
    path(f"{MEETING}referat/", views.minutes_edit, name="minutes_edit"),
    path(
        f"{MEETING}opfoelgning/<int:followup_pk>/udfoert/",
        views.followup_done,
        name="followup_done",
    ),
    path(f"{MEETING}bilag/", views.attachment_add, name="attachment_add"),
    path(
        f"{MEETING}bilag/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        f"{MEETING}bilag/<int:attachment_pk>/slet/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
