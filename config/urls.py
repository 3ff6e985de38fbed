from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from programmes import views as programme_views

urlpatterns = [
    path("", programme_views.home, name="home"),
    path("healthz", programme_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on their own; the icon is a static file
    # (a temporary redirect, as its hashed name changes with the file).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.png")), name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("accounts.urls")),
    path("", include("programmes.urls")),
    path("tilmelding/", include("enrolment.urls")),
    path("", include("phases.urls")),
    path("", include("meetings.urls")),
    path("", include("assessments.urls")),
    path("", include("casereview.urls")),
    path("", include("keyfigures.urls")),
    path("", include("plans.urls")),
    path("", include("communication.urls")),
    path("", include("trial_actions.urls")),
    path("", include("measures.urls")),
    path("", include("temperature.urls")),
    path("", include("anchoring.urls")),
    path("", include("reports.urls")),
    path("", include("portfolio.urls")),
    path("", include("auditview.urls")),
    path("kalender/", include("meetings.urls_calendar")),
    path("netvaerk/", include("meetings.urls_network")),
    path("admin/", admin.site.urls),
]
