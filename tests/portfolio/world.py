"""The portfolio's pages for the cross-tenant walk (see tests/world.py): SBST's alone. A
cohort is SBST's and shared (its maker is in tests/phases/world.py); for anyone else the
cohort view is not found."""

WORLD = {}

SBST_PAGES = {
    "portfolio:portfolio",
    "portfolio:portfolio_csv",
    "portfolio:portfolio_xlsx",
    "portfolio:municipality_grid",
    "portfolio:cohort",
}
