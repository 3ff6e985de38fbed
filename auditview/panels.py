"""What the activity pages add to the core's pages: the latest entries on a programme's page
(for those who may read its stream), and the whole log in SBST administrators' navigation."""

from django.urls import reverse
from django.utils.translation import gettext as _

from programmes import extensions
from programmes.activity import for_programme

from . import permissions

LATEST = 5


def programme_activity_context(request, programme):
    if not permissions.can_read_stream(request.user, programme):
        return None
    return {"programme": programme, "entries": list(for_programme(programme)[:LATEST])}


def nav_items(request):
    if permissions.can_search_log(request.user):
        return [(_("Aktivitetslog"), reverse("auditview:search"))]
    return []


def register():
    """Called from `AuditViewConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("auditview/_programme_panel.html", programme_activity_context)
    )
    extensions.register_nav_items(nav_items)
