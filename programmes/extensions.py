"""What feature apps add to the core's pages and demo data.

The core (this app) imports no feature app. A feature app registers here from its
`AppConfig.ready()`: panels on a municipality's pages (the coordinator's start page and the
consultant's municipality page) and on a programme's page, items in the main navigation,
and a demo-data builder for `seed_demo`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    """A piece of a municipality's page: `context(request, municipality)` gives the template's
    context, or None when the panel has nothing to show."""

    template: str
    context: Callable


MUNICIPALITY_PANELS: list[Panel] = []
# Sections of a programme's page, in order: `context(request, programme)`.
PROGRAMME_PANELS: list[Panel] = []
USER_PANELS: list[Panel] = []
NAV_ITEMS: list[Callable] = []
# fn(group, *, by): run inside the transaction that adds a group to a running programme.
GROUP_ADDED_HOOKS: list[Callable] = []
DEMO_BUILDERS: list[Callable] = []


def register_municipality_panel(panel: Panel) -> None:
    MUNICIPALITY_PANELS.append(panel)


def register_programme_panel(panel: Panel) -> None:
    """A section of a programme's page (its phases, its meetings), given the programme."""
    PROGRAMME_PANELS.append(panel)


def render_programme_panels(request, programme) -> list[str]:
    return render_panels(PROGRAMME_PANELS, request, programme)


def register_user_panel(panel: Panel) -> None:
    """A panel about the signed-in person (what waits for them), on their start page."""
    USER_PANELS.append(panel)


def register_nav_items(items: Callable) -> None:
    """`items(request)` returns (label, url) pairs for the main navigation."""
    NAV_ITEMS.append(items)


def register_group_added(hook: Callable) -> None:
    """`hook(group, by=user)` runs in the transaction that adds a group to a programme (the
    meetings app gives a late local group its meetings)."""
    if hook not in GROUP_ADDED_HOOKS:
        GROUP_ADDED_HOOKS.append(hook)


def group_added(group, *, by) -> None:
    for hook in GROUP_ADDED_HOOKS:
        hook(group, by=by)


def register_demo(builder: Callable) -> None:
    """`builder(password=..., log=...)` adds the app's demo data; it must be idempotent."""
    DEMO_BUILDERS.append(builder)


def render_panels(panels, request, municipality) -> list[str]:
    rendered = []
    for panel in panels:
        context = panel.context(request, municipality)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
