"""The communication app's pages for the cross-tenant walk (see tests/world.py)."""

WORLD = {}

SBST_PAGES = set()
