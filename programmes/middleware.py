from .models import Membership

SESSION_KEY = "current_municipality_id"


class CurrentMunicipalityMiddleware:
    """Sets `request.memberships` and `request.municipality`, the municipality the user works in.

    A user with several municipalities switches between them; the choice is kept in the
    session and only ever one of the user's own. SBST staff have no current municipality.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.municipality = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.memberships = list(
                Membership.objects.filter(user=user)
                .select_related("municipality")
                .order_by("municipality__name", "role")
            )
            municipalities = {m.municipality_id: m.municipality for m in request.memberships}
            chosen = request.session.get(SESSION_KEY)
            if chosen in municipalities:
                request.municipality = municipalities[chosen]
            elif municipalities:
                request.municipality = request.memberships[0].municipality
        return self.get_response(request)
