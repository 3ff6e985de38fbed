"""Who may do what with a programme's anchoring plan: the same people as with its
development plan (`plans.permissions`), inside what the scoping layer lets them read.

Everyone who can read the programme reads its anchoring plan and its approved versions. The
implementation group drafts it, with the municipality's coordinators and SBST staff; the
steering group answers the expected yield and approves the plan, and only the steering
group: a member of the programme's steering group whose account is linked to them.
"""

from plans.permissions import can_approve_plan, can_draft_plan


def can_draft_anchoring_plan(user, programme) -> bool:
    """Write the draft: its items, the continuation and the answers about the flagged
    dimensions."""
    return can_draft_plan(user, programme)


def can_answer_yield(user, programme) -> bool:
    """Answer the expected-yield checklist: the steering group answers it at the end."""
    return can_approve_plan(user, programme)


def can_approve_anchoring_plan(user, programme) -> bool:
    """Approve the draft as a new version: a member of the programme's steering group."""
    return can_approve_plan(user, programme)
