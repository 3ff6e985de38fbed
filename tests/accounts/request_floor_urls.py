"""The project's URLs plus one minimal view that shows what the middleware gave the request."""

from django.http import JsonResponse
from django.urls import path
from django_scopes import scopes_disabled

from config.urls import urlpatterns as project_urlpatterns
from programmes.models import Municipality
from programmes.permissions import roles_in


def request_state(request):
    user = request.user
    return JsonResponse(
        {
            "user": user.email if user.is_authenticated else None,
            "municipalities": [m.municipality.name for m in request.memberships],
            "roles": sorted(f"{m.municipality.name}:{m.role}" for m in request.memberships),
            "current": request.municipality.name if request.municipality else None,
        }
    )


def request_roles(request):
    with scopes_disabled():  # Herning too, for a user without a role there
        municipalities = list(
            Municipality.objects.filter(name__in=["Roskilde", "Herning"]).order_by("name")
        )
    return JsonResponse({m.name: sorted(roles_in(request.user, m)) for m in municipalities})


urlpatterns = [
    path("request-floor/", request_state, name="request_floor"),
    path("request-floor/roles/", request_roles, name="request_floor_roles"),
    *project_urlpatterns,
]
