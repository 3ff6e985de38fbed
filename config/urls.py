from django.contrib import admin
from django.urls import include, path

from programmes import views as programme_views

urlpatterns = [
    path("", programme_views.home, name="home"),
    path("healthz", programme_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("accounts.urls")),
    path("", include("programmes.urls")),
    path("tilmelding/", include("enrolment.urls")),
    path("admin/", admin.site.urls),
]
