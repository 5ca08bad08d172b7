import pytest

from vinhdanh.nominations import services


@pytest.fixture
def draft(personas, tree):
    """A draft dossier of Sở Y tế to the city, year 2024."""
    return services.dossier_create(
        personas.unit_officer,
        data={"kind": "merit", "title": "Đề nghị khen thưởng năm 2024", "year": 2024,
              "sending_unit": tree.syt, "receiving_unit": None, "movement": None},
    )  # fmt: skip


@pytest.fixture
def add(personas):
    def _add(dossier, **data):
        data.setdefault("kind", "person")
        data.setdefault("honour", "LDTT")
        from vinhdanh.catalogue.models import Honour

        data["honour"] = Honour.objects.get(pk=data["honour"])
        return services.nominee_save(personas.unit_officer, dossier, None, data=data)

    return _add


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
