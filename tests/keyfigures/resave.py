"""Edit pages of the keyfigures app for the resave test (tests/test_resave.py)."""

EDIT_PAGES = {}
