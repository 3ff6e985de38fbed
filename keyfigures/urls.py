from django.urls import path

from . import views

app_name = "keyfigures"

urlpatterns = [
    path("noegletal/", views.indicator_list, name="indicator_list"),
    path("noegletal/ny/", views.indicator_add, name="indicator_add"),
    path("noegletal/<int:indicator_pk>/rediger/", views.indicator_edit, name="indicator_edit"),
    path("noegletal/import/", views.import_upload, name="import_upload"),
    path(
        "noegletal/import/<int:figure_import_pk>/",
        views.import_preview,
        name="import_preview",
    ),
    path(
        "kommuner/<str:code>/noegletal/",
        views.municipality_figures,
        name="municipality_figures",
    ),
    path(
        "kommuner/<str:code>/noegletal/sammenligning/",
        views.indicator_ranking,
        name="indicator_ranking",
    ),
    path("kommuner/<str:code>/noegletal/ny/", views.figure_add, name="figure_add"),
    path(
        "kommuner/<str:code>/noegletal/<int:figure_pk>/rediger/",
        views.figure_edit,
        name="figure_edit",
    ),
    path(
        "forloeb/<int:programme_pk>/styringsdroeftelse/",
        views.steering_notes,
        name="steering_notes",
    ),
    path(
        "forloeb/<int:programme_pk>/styringsdroeftelse/<int:steering_note_pk>/rediger/",
        views.steering_note_edit,
        name="steering_note_edit",
    ),
]
