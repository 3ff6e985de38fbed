"""The reports' action codes in the activity log; every entry is about one report row."""

from django.utils.translation import gettext as _

from programmes.activity import register


class Action:
    REQUESTED = "reports.requested"
    RUNNING = "reports.running"
    QUEUED = "reports.queued"
    DONE = "reports.done"
    FAILED = "reports.failed"


def _document(data) -> str:
    from .models import Document

    try:
        return str(Document(data.get("document")).label)
    except ValueError:
        return str(data.get("document", ""))


register(
    {
        Action.REQUESTED: lambda data: (
            _("%(document)s som PDF (version %(version)s) er bestilt.")
            % {"document": _document(data), "version": data.get("version", "")}
        ),
        Action.RUNNING: lambda data: (
            _("%(document)s som PDF (version %(version)s) bliver lavet.")
            % {"document": _document(data), "version": data.get("version", "")}
        ),
        Action.QUEUED: lambda data: (
            _("%(document)s som PDF (version %(version)s) venter på et nyt forsøg.")
            % {"document": _document(data), "version": data.get("version", "")}
        ),
        Action.DONE: lambda data: (
            _("%(document)s som PDF (version %(version)s) er færdig: %(pages)s sider.")
            % {
                "document": _document(data),
                "version": data.get("version", ""),
                "pages": data.get("pages", ""),
            }
        ),
        Action.FAILED: lambda data: (
            _("%(document)s som PDF (version %(version)s) kunne ikke laves.")
            % {"document": _document(data), "version": data.get("version", "")}
        ),
    }
)
