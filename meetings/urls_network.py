from django.urls import path

from . import network_views as views

app_name = "network"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("ny/", views.activity_create, name="activity_create"),
    path("aktivitet/<int:activity_pk>/", views.activity_detail, name="activity_detail"),
    path("aktivitet/<int:activity_pk>/rediger/", views.activity_edit, name="activity_edit"),
    path(
        "aktivitet/<int:activity_pk>/kommuner/",
        views.activity_municipalities,
        name="activity_municipalities",
    ),
    path("<int:invitation_pk>/", views.invitation_detail, name="invitation_detail"),
    path(
        "<int:invitation_pk>/deltagere/",
        views.invitation_participants,
        name="invitation_participants",
    ),
    path(
        "<int:invitation_pk>/fremmoede/",
        views.invitation_attendance,
        name="invitation_attendance",
    ),
    path("<int:invitation_pk>/fjern/", views.invitation_remove, name="invitation_remove"),
]
