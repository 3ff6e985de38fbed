from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("kommuner/<str:code>/personer/", views.municipality_people, name="municipality_people"),
    path(
        "kommuner/<str:code>/personer/<int:membership_pk>/fjern/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("forloeb/<int:programme_pk>/", views.programme_detail, name="programme_detail"),
    path("forloeb/<int:programme_pk>/kontakt/", views.programme_contact, name="programme_contact"),
    path("skift-kommune/", views.switch_municipality, name="switch_municipality"),
]
