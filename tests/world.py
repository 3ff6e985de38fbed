"""How to build a URL's keyword arguments from objects owned by one municipality.

The cross-tenant walk looks up every URL pattern's keyword arguments here. Each app's tests
may add a `tests/<app>/world.py` with a `WORLD` dict of the same shape; a kwarg that no world
knows fails the walk, so a new URL cannot slip past it.
"""

import importlib
import pkgutil
from pathlib import Path


def municipality_code(municipality):
    return municipality.code


# Keyword arguments of pages that point at no object of a municipality: links carrying
# a secret, and Django admin's own (the admin turns away users who are not staff).
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

WORLD = {"code": municipality_code}


def collect_world() -> dict:
    """Every `WORLD` from tests/*/world.py, merged with this one."""
    world = dict(WORLD)
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not module.ispkg:
            continue
        try:
            app_world = importlib.import_module(f"tests.{module.name}.world")
        except ModuleNotFoundError:
            continue
        world.update(app_world.WORLD)
    return world
