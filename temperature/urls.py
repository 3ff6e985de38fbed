from django.urls import path

from . import views

app_name = "temperature"

ROUNDS = "forloeb/<int:programme_pk>/temperaturmaaling/"
INSTRUMENT = "sbst/temperaturmaaling/"
DIMENSION = f"{INSTRUMENT}dimensioner/<slug:dimension_key>/"

urlpatterns = [
    path(ROUNDS, views.round_list, name="round_list"),
    path(f"{ROUNDS}ny/<slug:round_kind>/", views.round_open, name="round_open"),
    path(f"{ROUNDS}<int:round_pk>/", views.round_detail, name="round_detail"),
    path(f"{ROUNDS}<int:round_pk>/luk/", views.round_close, name="round_close"),
    path("temperaturmaaling/<str:token>/", views.survey, name="survey"),
    path(INSTRUMENT, views.instrument, name="instrument"),
    path(
        f"{INSTRUMENT}version/<int:instrument_version>/",
        views.instrument_version,
        name="instrument_version",
    ),
    path(f"{INSTRUMENT}skala/", views.scale_edit, name="scale_edit"),
    path(f"{INSTRUMENT}dimensioner/ny/", views.dimension_add, name="dimension_add"),
    path(f"{DIMENSION}rediger/", views.dimension_edit, name="dimension_edit"),
    path(f"{DIMENSION}fjern/", views.dimension_remove, name="dimension_remove"),
]
