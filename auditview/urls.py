from django.urls import path

from . import views

app_name = "auditview"

urlpatterns = [
    path("forloeb/<int:programme_pk>/aktivitet/", views.stream, name="stream"),
    path("sbst/aktivitetslog/", views.search, name="search"),
]
