"""Edit pages of the plans app for the resave test (tests/test_resave.py)."""

EDIT_PAGES = {}
