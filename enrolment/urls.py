from django.urls import path

from . import views

app_name = "enrolment"

urlpatterns = [
    path("", views.start, name="start"),
    path("oversigt/", views.enrolment_list, name="enrolment_list"),
    path("ny/", views.enrolment_create, name="enrolment_create"),
    path("<int:enrolment_pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("<int:enrolment_pk>/rediger/", views.enrolment_edit, name="enrolment_edit"),
    path("<int:enrolment_pk>/indsend/", views.enrolment_submit, name="enrolment_submit"),
    path("<int:enrolment_pk>/traek-tilbage/", views.enrolment_withdraw, name="enrolment_withdraw"),
    path(
        "<int:enrolment_pk>/direktoer/nyt-link/",
        views.director_link_resend,
        name="director_link_resend",
    ),
    path("<int:enrolment_pk>/styregruppe/svar/", views.steering_response, name="steering_response"),
    path("<int:enrolment_pk>/moede/", views.enrolment_meeting, name="enrolment_meeting"),
    path("<int:enrolment_pk>/godkend/", views.enrolment_approve, name="enrolment_approve"),
    path("<int:enrolment_pk>/afvis/", views.enrolment_reject, name="enrolment_reject"),
    path("direktoer/<str:token>/", views.director_approval, name="director_approval"),
]
