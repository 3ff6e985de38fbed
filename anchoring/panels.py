"""What the anchoring plan adds to the core's pages: where the plan stands on the programme
page, once the programme is in forankre (or a plan was started earlier), and on a steering
member's start page the anchoring plans waiting for the steering group."""

from phases.models import Phase
from phases.selectors import phase_of
from programmes import extensions
from programmes.versioning.selectors import approved_versions, draft_state

from . import selectors


def programme_anchoring_context(request, programme):
    """The plan's state, its number of items and the way to it; nothing before forankre
    while no plan is started."""
    plan = selectors.plan_of(programme, request.user)
    if plan is None and phase_of(programme) not in (Phase.ANCHOR, Phase.COMPLETED):
        return None
    versions = approved_versions(plan, request.user)[:1]
    return {
        "programme": programme,
        "plan": plan,
        "items": plan.items.count() if plan is not None else 0,
        "state": draft_state(plan, versions[0] if versions else None),
    }


def awaiting_approval_context(request, municipality):
    """Anchoring plans of the signed-in steering member's programmes with changes to
    answer and approve."""
    user = request.user
    if municipality is None or not user.is_authenticated or user.is_sbst:
        return None
    plans = selectors.plans_awaiting_approval_by(user, municipality)
    return {"plans": plans} if plans else None


def register():
    """Called from `AnchoringConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("anchoring/_programme_panel.html", programme_anchoring_context)
    )
    extensions.register_user_panel(
        extensions.Panel("anchoring/_awaiting_approval.html", awaiting_approval_context)
    )
