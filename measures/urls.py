from django.urls import path

from . import views

app_name = "measures"

PROGRAMME = "forloeb/<int:programme_pk>/"
MEASURE = f"{PROGRAMME}maalinger/<int:measure_pk>/"

urlpatterns = [
    path(
        f"{PROGRAMME}proevehandlinger/<int:trial_action_pk>/maalinger/ny/",
        views.trial_action_measure_add,
        name="trial_action_measure_add",
    ),
    path(
        f"{PROGRAMME}udviklingsplan/maal/<int:goal_pk>/maalinger/ny/",
        views.goal_measure_add,
        name="goal_measure_add",
    ),
    path(MEASURE, views.measure_detail, name="measure_detail"),
    path(f"{MEASURE}ret/", views.measure_edit, name="measure_edit"),
    path(f"{MEASURE}fjern/", views.measure_remove, name="measure_remove"),
    path(f"{MEASURE}punkter/nyt/", views.point_add, name="point_add"),
    path(f"{MEASURE}punkter/<int:point_pk>/", views.point_edit, name="point_edit"),
    path(f"{MEASURE}punkter/<int:point_pk>/fjern/", views.point_remove, name="point_remove"),
]
