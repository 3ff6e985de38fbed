from django.urls import path

from . import views

app_name = "reports"

REPORTS = "forloeb/<int:programme_pk>/rapporter/"
COHORT = "hold/<int:cohort_pk>/statusrapporter/"

urlpatterns = [
    path(REPORTS, views.report_list, name="report_list"),
    path(f"{REPORTS}bestil/", views.report_request, name="report_request"),
    path(f"{REPORTS}<int:report_pk>/", views.report_detail, name="report_detail"),
    path(f"{REPORTS}<int:report_pk>/pdf/", views.report_download, name="report_download"),
    path(COHORT, views.cohort_report_list, name="cohort_report_list"),
    path(
        f"{COHORT}<int:cohort_report_pk>/", views.cohort_report_detail, name="cohort_report_detail"
    ),
    path(
        f"{COHORT}<int:cohort_report_pk>/pdf/",
        views.cohort_report_download,
        name="cohort_report_download",
    ),
]
