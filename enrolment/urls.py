from django.urls import path

from . import views

app_name = "enrolment"

urlpatterns = [
    path("", views.start, name="start"),
    path("oversigt/", views.enrolment_list, name="enrolment_list"),
]
