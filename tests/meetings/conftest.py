import pytest
from django.utils.functional import empty

from meetings.models import private_storage


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments go to the test's own folder, never the project's var/private."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield settings.PRIVATE_MEDIA_ROOT
    private_storage._wrapped = empty
