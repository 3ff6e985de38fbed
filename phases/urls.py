from django.urls import path

from . import views

app_name = "phases"

urlpatterns = [
    path("forloeb/<int:programme_pk>/fase/", views.programme_move, name="programme_move"),
    path("hold/<int:cohort_pk>/faser/", views.cohort_windows, name="cohort_windows"),
]
