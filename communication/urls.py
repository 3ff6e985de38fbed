from django.urls import path

from . import views

app_name = "communication"

PLAN = "forloeb/<int:programme_pk>/kommunikationsplan/"
ACTIVITY = f"{PLAN}<int:comm_activity_pk>/"

urlpatterns = [
    path(PLAN, views.activity_list, name="activity_list"),
    path(f"{PLAN}kalender/", views.activity_calendar, name="activity_calendar"),
    path(f"{PLAN}ny/", views.activity_add, name="activity_add"),
    path(ACTIVITY, views.activity_detail, name="activity_detail"),
    path(f"{ACTIVITY}rediger/", views.activity_edit, name="activity_edit"),
    path(f"{ACTIVITY}fjern/", views.activity_remove, name="activity_remove"),
    path(f"{ACTIVITY}gennemfoert/", views.activity_done, name="activity_done"),
]
