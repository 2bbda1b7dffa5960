from pathlib import Path

import pytest
from django.conf import settings

SHARED = Path(settings.BASE_DIR).parent / "shared" / "domain" / "catalogs"
COPIES = Path(settings.BASE_DIR) / "hoso" / "catalogs" / "data"


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared domain folder {SHARED} is not here")
@pytest.mark.parametrize(
    "copy", sorted(path for path in COPIES.iterdir() if path.is_file()), ids=lambda path: path.name
)
def test_catalog_file_equals_the_shared_domain_file(copy):
    original = SHARED / copy.name
    assert original.is_file(), f"{copy.name} is not in {SHARED}"
    assert copy.read_bytes() == original.read_bytes(), f"{copy.name} drifted from {original}"


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared domain folder {SHARED} is not here")
def test_every_shared_catalog_file_is_copied():
    assert {path.name for path in SHARED.iterdir() if path.is_file()} == {
        path.name for path in COPIES.iterdir() if path.is_file()
    }
