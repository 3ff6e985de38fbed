"""Steps the pages of every versioned plan share: the approval button's POST, and the page
that compares two versions. The plan kinds' own views fetch the programme and the draft,
check the right, and render their own templates around `templates/versioning/`."""

from django.contrib import messages
from django.utils.translation import gettext as _

from programmes.errors import DomainError

from .selectors import approved_version, approved_versions

# How the pages' addresses name the draft where a version number could stand (`?til=udkast`).
DRAFT = "udkast"


def approve_and_tell(request, plan, approve, approved: str) -> None:
    """Call the `approve(plan, by=…)` service for the signed-in user and tell the result:
    `approved` with the new version's %(number)s, or the refusal."""
    try:
        version = approve(plan, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, approved % {"number": version.number})


def version_number(value) -> int | None:
    """A version number given in an address: a whole number from 1, else None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def diff_context(request, programme, plan, *, snapshot, diff, none_yet: str) -> dict:
    """What the page of differences shows: between two approved versions of `plan` (the
    draft, or None while nobody has written one), or a version and the draft. `?fra=1&til=2`;
    `til=udkast` for the draft (the default); `fra` by default the latest version when
    comparing with the draft, else the version before `til`.

    `snapshot(plan)` and `diff(old, new)` are the plan kind's; `none_yet` what to say while
    no version is approved. A number that does not exist is told on the page, with the
    choice of those that do."""
    user = request.user
    versions = approved_versions(plan, user)
    numbers = [version.number for version in versions]
    context = {"programme": programme, "versions": versions, "draft": DRAFT, "error": None}
    if not versions:
        context["error"] = none_yet
        return context
    given_to = request.GET.get("til", DRAFT)
    to = DRAFT if given_to == DRAFT else version_number(given_to)
    given_from = request.GET.get("fra")
    if given_from is None:
        start = numbers[0] if to == DRAFT else (to - 1 if to else None)
    else:
        start = version_number(given_from)
    context.update({"fra": start, "til": to})
    if start not in numbers or (to != DRAFT and to not in numbers):
        context["error"] = _(
            "Vælg to versioner, der findes: en godkendt version fra 1 til %(last)s, eller udkastet."
        ) % {"last": numbers[0]}
        return context
    versions_of_plan = plan.versions.model
    old = approved_version(versions_of_plan, programme, user, start).content
    if to == DRAFT:
        new = snapshot(plan)
    else:
        new = approved_version(versions_of_plan, programme, user, to).content
    context["differences"] = diff(old, new)
    return context
