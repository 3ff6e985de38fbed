"""What the development plan adds to the core's pages: where the plan stands on the
programme page, and on a steering member's start page the plans waiting for their approval."""

from programmes import extensions
from programmes.versioning.selectors import approved_versions, draft_state

from . import selectors


def programme_plan_context(request, programme):
    """The plan's state and the way to it."""
    plan = selectors.plan_of(programme, request.user)
    versions = approved_versions(plan, request.user)[:1]
    return {
        "programme": programme,
        "plan": plan,
        "state": draft_state(plan, versions[0] if versions else None),
    }


def awaiting_approval_context(request, municipality):
    """Plans of the signed-in steering member's programmes with changes to approve."""
    user = request.user
    if municipality is None or not user.is_authenticated or user.is_sbst:
        return None
    plans = selectors.plans_awaiting_approval_by(user, municipality)
    return {"plans": plans} if plans else None


def register():
    """Called from `PlansConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("plans/_programme_panel.html", programme_plan_context)
    )
    extensions.register_user_panel(
        extensions.Panel("plans/_awaiting_approval.html", awaiting_approval_context)
    )
