"""Edit pages of the casereview app for the resave test (tests/test_resave.py)."""

EDIT_PAGES = {}
