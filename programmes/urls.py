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
    path("forloeb/<int:programme_pk>/grupper/ny/", views.group_add, name="group_add"),
    path(
        "forloeb/<int:programme_pk>/grupper/<int:group_pk>/",
        views.group_detail,
        name="group_detail",
    ),
    path(
        "forloeb/<int:programme_pk>/grupper/<int:group_pk>/rediger/",
        views.group_edit,
        name="group_edit",
    ),
    path(
        "forloeb/<int:programme_pk>/grupper/<int:group_pk>/fjern/",
        views.group_remove,
        name="group_remove",
    ),
    path(
        "forloeb/<int:programme_pk>/grupper/<int:group_pk>/medlemmer/ny/",
        views.member_add,
        name="member_add",
    ),
    path(
        "forloeb/<int:programme_pk>/grupper/<int:group_pk>/medlemmer/<int:member_pk>/rediger/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "forloeb/<int:programme_pk>/grupper/<int:group_pk>/medlemmer/<int:member_pk>/fjern/",
        views.member_remove,
        name="member_remove",
    ),
    path("skift-kommune/", views.switch_municipality, name="switch_municipality"),
]
