"""The development plan's action codes in the activity log; every entry is about the plan."""

from django.utils.translation import gettext as _

from programmes.activity import register


class Action:
    INTRODUCTION_CHANGED = "plans.introduction_changed"
    GOALS_REORDERED = "plans.goals_reordered"
    GOAL_ADDED = "plans.goal_added"
    GOAL_CHANGED = "plans.goal_changed"
    GOAL_REMOVED = "plans.goal_removed"
    SUB_GOAL_ADDED = "plans.sub_goal_added"
    SUB_GOAL_CHANGED = "plans.sub_goal_changed"
    SUB_GOAL_REMOVED = "plans.sub_goal_removed"
    APPROVED = "plans.approved"


register(
    {
        Action.INTRODUCTION_CHANGED: lambda data: _("Udviklingsplanens indledning er ændret."),
        Action.GOALS_REORDERED: lambda data: _("Målenes rækkefølge i udviklingsplanen er ændret."),
        Action.GOAL_ADDED: lambda data: (
            _("Målet »%(title)s« er føjet til udviklingsplanen.") % data
        ),
        Action.GOAL_CHANGED: lambda data: _("Målet »%(title)s« er ændret.") % data,
        Action.GOAL_REMOVED: lambda data: (
            _("Målet »%(title)s« er fjernet fra udviklingsplanen.") % data
        ),
        Action.SUB_GOAL_ADDED: lambda data: (
            _("Delmålet »%(title)s« er føjet til målet »%(goal)s«.") % data
        ),
        Action.SUB_GOAL_CHANGED: lambda data: (
            _("Delmålet »%(title)s« under »%(goal)s« er ændret.") % data
        ),
        Action.SUB_GOAL_REMOVED: lambda data: (
            _("Delmålet »%(title)s« er fjernet fra målet »%(goal)s«.") % data
        ),
        Action.APPROVED: lambda data: (
            _("Styregruppen har godkendt udviklingsplanen som version %(number)s.") % data
        ),
    }
)
