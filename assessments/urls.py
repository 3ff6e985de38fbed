from django.urls import path

from . import views

app_name = "assessments"

ASSESSMENT = "forloeb/<int:programme_pk>/organisatorisk-ramme/"
DIMENSION = "sbst/dimensioner/<int:dimension_pk>/"

urlpatterns = [
    path(ASSESSMENT, views.assessment_list, name="assessment_list"),
    path(f"{ASSESSMENT}ny/", views.assessment_add, name="assessment_add"),
    path(
        f"{ASSESSMENT}<int:assessment_number>/",
        views.assessment_detail,
        name="assessment_detail",
    ),
    path("sbst/dimensioner/", views.dimension_list, name="dimension_list"),
    path("sbst/dimensioner/ny/", views.dimension_add, name="dimension_add"),
    path(f"{DIMENSION}rediger/", views.dimension_edit, name="dimension_edit"),
    path(f"{DIMENSION}tag-ud-af-brug/", views.dimension_retire, name="dimension_retire"),
    path(f"{DIMENSION}tag-i-brug/", views.dimension_reactivate, name="dimension_reactivate"),
]
