"""The activity pages for the cross-tenant walk (see tests/world.py).

The stream sits under its programme's URL (`programme_pk`, from tests/programmes/world.py,
which names the coordinator as the stream's reader); the search over the whole log is SBST
administrators' alone.
"""

WORLD: dict = {}

SBST_PAGES = {"auditview:search"}
SBST_ADMIN_PAGES = {"auditview:search"}
