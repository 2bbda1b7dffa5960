import shutil
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalog files."""
    target = tmp_path / "catalogs"
    target.mkdir()
    for path in Path(settings.HOSO_CATALOG_DIR).glob("*.csv"):
        shutil.copyfile(path, target / path.name)
    return target
