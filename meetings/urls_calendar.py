from django.urls import path

from . import calendar_views

app_name = "calendar"

urlpatterns = [
    path("", calendar_views.feed, name="feed"),
    path("forny/", calendar_views.feed_renew, name="feed_renew"),
    path("<str:token>.ics", calendar_views.feed_ics, name="feed_ics"),
    path(
        "moede/<int:programme_pk>/<int:meeting_pk>.ics",
        calendar_views.meeting_ics,
        name="meeting_ics",
    ),
]
