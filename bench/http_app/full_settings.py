"""The project's settings (as the environment gives them) with the bench's URLs."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "http_app.full_urls"
