from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .extensions import NAV_ITEMS
from .permissions import is_coordinator


def navigation(request):
    """The main navigation for the signed-in user's role, and their municipalities."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = [(_("Forside"), reverse("home"))]
    if user.is_sbst:
        items.append((_("Kommuner"), reverse("programmes:municipality_list")))
    for feature_items in NAV_ITEMS:
        items.extend(feature_items(request))
    municipality = getattr(request, "municipality", None)
    if municipality is not None and is_coordinator(user, municipality):
        items.append(
            (
                _("Personer"),
                reverse("programmes:municipality_people", args=[municipality.code]),
            )
        )
    if user.is_sbst:
        items.append((_("Invitationer"), reverse("accounts:invitation_list")))
    if user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    seen = {}
    for membership in getattr(request, "memberships", []):
        seen.setdefault(membership.municipality_id, membership.municipality)
    return {
        "nav_items": items,
        "current_municipality": municipality,
        "user_municipalities": list(seen.values()),
    }
