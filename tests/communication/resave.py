"""Edit pages of the communication app for the resave test (tests/test_resave.py)."""

EDIT_PAGES = {}
