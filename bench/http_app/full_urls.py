"""The project's URLs plus the same minimal view as the bare app, behind the full middleware."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def minimal(request):
    # Signed in, or wrk would count the refusal (the bench must measure the signed-in floor).
    if not request.user.is_authenticated:
        return HttpResponse("not signed in", content_type="text/plain", status=403)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-minimal/", minimal), *project_urlpatterns]
