"""Who may ask for and read a programme's PDF documents, inside what the scoping layer lets
them read (another municipality never finds the programme: 404).

The development plan as PDF is asked for by those who write or approve the plan (its
drafters, the steering group, the municipality's coordinators, SBST staff) and read by
everyone who reads the programme, earlier versions included. The status report is SBST's:
asked for and read by SBST staff only, one programme or a whole cohort at once.
"""

from plans.permissions import can_approve_plan, can_draft_plan

from .models import Document


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_request(user, programme, document: str) -> bool:
    if not _signed_in(user):
        return False
    if document == Document.DEVELOPMENT_PLAN:
        return can_draft_plan(user, programme) or can_approve_plan(user, programme)
    if document == Document.PROGRAMME_STATUS:
        return user.is_sbst
    return False


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
