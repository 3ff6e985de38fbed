"""Who may ask for and read a programme's PDF documents, inside what the scoping layer lets
them read (another municipality never finds the programme: 404).

The development plan as PDF is asked for by those who write or approve the plan (its
drafters, the steering group, the municipality's coordinators, SBST staff) and read by
everyone who reads the programme, earlier versions included; the anchoring plan likewise, by
those who draft or approve it (`anchoring.permissions`). The status report is SBST's: asked
for and read by SBST staff only, one programme or a whole cohort at once.
"""

from anchoring.permissions import can_approve_anchoring_plan, can_draft_anchoring_plan
from anchoring.selectors import approved_anchoring_plan_programme_ids
from plans.permissions import can_approve_plan, can_draft_plan

from .models import Document


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_request(user, programme, document: str) -> bool:
    if not _signed_in(user):
        return False
    if document == Document.DEVELOPMENT_PLAN:
        return can_draft_plan(user, programme) or can_approve_plan(user, programme)
    if document == Document.ANCHORING_PLAN:
        return can_draft_anchoring_plan(user, programme) or can_approve_anchoring_plan(
            user, programme
        )
    if document == Document.PROGRAMME_STATUS:
        return user.is_sbst
    return False


def offers_anchoring_plan(user, programme) -> bool:
    """Show the anchoring plan's "Lav PDF": to who may ask for it, once the steering group
    has approved a version (before that there is nothing to draw)."""
    return can_request(user, programme, Document.ANCHORING_PLAN) and bool(
        approved_anchoring_plan_programme_ids([programme])
    )


def can_read(user, document: str) -> bool:
    """Read a document of a programme the user already found through the scope."""
    if not _signed_in(user):
        return False
    if document == Document.PROGRAMME_STATUS:
        return user.is_sbst
    return True


def readable_documents(user) -> list[str]:
    return [d for d in Document.values if can_read(user, d)]


def can_use_cohort_reports(user) -> bool:
    """Ask for and read a whole cohort's status report: SBST staff."""
    return _signed_in(user) and user.is_sbst
