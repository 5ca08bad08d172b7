import pytest

from tests.emulation.conftest import khoi9  # noqa: F401 (the bloc fixture, Khối thi đua số 9)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
