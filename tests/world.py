"""One municipality's whole world for the cross-tenant walk, and who may open each page of it.

The walk (`tests/test_cross_tenant_walk.py`) builds Roskilde's world before it requests any
URL: it calls every maker below and in every `tests/<app>/world.py` once, so list pages have
Roskilde data to leak. Then, for each URL pattern, it fills the keyword arguments from that
world and asserts that Herning's coordinator gets a 404 where the page's owner (a Roskilde
user who may see the object) gets a non-error answer; a maker that returns a wrong id fails
on the owner's side.

A maker takes a municipality, builds one object of it and returns `Made(value, owner)`:
`value` is the URL keyword argument (a pk, a code) and `owner` a user the maker made who
may open the pages that take it. Where one of those pages is someone else's, `owner_of`
names that user per URL name (the steering member for `enrolment:steering_response`).
Pages only SBST staff open go into the module's `SBST_PAGES`; the walk opens them as an
SBST consultant. Make people with `person()`, which names them after their municipality,
and name its own things after it where you can (not shared ones such as cohorts): a page
that leaks them then shows the municipality's name, which the walk looks for besides links
to the world's objects.
An app adds its kwargs in `tests/<app>/world.py`:

    def make_report_pk(municipality):
        coordinator = person(municipality, Role.COORDINATOR)
        report = ReportFactory(municipality=municipality, author=coordinator)
        return Made(report.pk, owner=coordinator)

    WORLD = {"report_pk": make_report_pk}
    SBST_PAGES = {"reports:report_list", "reports:report_approve"}

A URL kwarg that no world knows fails the walk, so a new URL cannot slip past it.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path

from programmes.models import Membership
from tests.factories import member


@dataclass(frozen=True)
class Made:
    """A maker's answer: the URL kwarg's value and who may open the pages that take it."""

    value: object
    owner: object
    owner_of: dict = field(default_factory=dict)


def person(municipality, role=Membership.Role.COORDINATOR):
    """A new member of `municipality` with `role`, named after both."""
    name = f"{Membership.Role(role).label} i {municipality.name}"
    return member(municipality.name, role=role, full_name=name)


def make_code(municipality) -> Made:
    return Made(municipality.code, owner=person(municipality))


WORLD = {"code": make_code}

# Pages that point at no object and that only SBST staff open.
SBST_PAGES = {"programmes:municipality_list"}

# Keyword arguments of pages that point at no object of a municipality: links carrying
# a secret, and Django admin's own (the admin turns away users who are not staff). The
# walk checks these pages as the outsider only: there is no object to own.
PUBLIC_KWARGS = {
    "token": lambda municipality: "ikke-et-gyldigt-token-0000",
    "uidb64": lambda municipality: "MQ",
    "app_label": lambda municipality: "programmes",
    "object_id": lambda municipality: "1",
    "id": lambda municipality: "1",
    "object_pk": lambda municipality: "1",
    "user_id": lambda municipality: "1",
    "group_id": lambda municipality: "1",
    "content_type_id": lambda municipality: "1",
    "url": lambda municipality: "programmes/",
}


def _app_worlds():
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not module.ispkg:
            continue
        try:
            yield importlib.import_module(f"tests.{module.name}.world")
        except ModuleNotFoundError:
            continue


def collect_world() -> dict:
    """Every `WORLD` from tests/*/world.py, merged with this one."""
    world = dict(WORLD)
    for app_world in _app_worlds():
        world.update(app_world.WORLD)
    return world


def collect_sbst_pages() -> set:
    """Every `SBST_PAGES` from tests/*/world.py, merged with this one."""
    pages = set(SBST_PAGES)
    for app_world in _app_worlds():
        pages |= set(getattr(app_world, "SBST_PAGES", ()))
    return pages


def collect_sbst_admin_pages() -> set:
    """Every `SBST_ADMIN_PAGES` from tests/*/world.py: SBST pages that only SBST's
    administrators open (other SBST staff get 403); the walk opens them as an administrator."""
    pages = set()
    for app_world in _app_worlds():
        pages |= set(getattr(app_world, "SBST_ADMIN_PAGES", ()))
    return pages


def build_world(municipality) -> dict:
    """Run every maker once for `municipality`: {kwarg: Made}."""
    made = {}
    for kwarg, maker in collect_world().items():
        result = maker(municipality)
        assert isinstance(result, Made), f"the maker of {kwarg!r} must return Made(value, owner)"
        made[kwarg] = result
    return made
