from django.urls import path

from . import views

app_name = "casereview"

REVIEW = "forloeb/<int:programme_pk>/sagsgennemgang/"
CASE = f"{REVIEW}<int:case_pk>/"

urlpatterns = [
    path(REVIEW, views.review, name="review"),
    path(f"{REVIEW}ny/", views.case_add, name="case_add"),
    path(CASE, views.case_detail, name="case_detail"),
    path(f"{CASE}rediger/", views.case_edit, name="case_edit"),
    path(f"{CASE}fjern/", views.case_remove, name="case_remove"),
    path("sbst/sagsgennemgang/laesninger/", views.read_log, name="read_log"),
]
