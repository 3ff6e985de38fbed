"""Edit pages of the assessments app for the resave test (tests/test_resave.py)."""

EDIT_PAGES = {}
