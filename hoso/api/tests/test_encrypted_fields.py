"""The API over encrypted fields: plaintext in, plaintext out, duplicates as problem details, masked lists."""

import pytest

from hoso.people.models import ChangeSet, Person

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_a_duplicate_id_number_is_a_422_on_its_field_and_writes_nothing(api, person, unit):
    response = api.post("/api/v1/change-sets", {"unit": str(unit.uid)}, content_type=JSON)
    assert response.status_code == 201, response.content
    draft = response.json()["uid"]
    before = ChangeSet.objects.get(uid=draft).proposed

    response = api.patch(
        f"/api/v1/change-sets/{draft}/groups/identity", {"citizen_id": person.citizen_id}, content_type=JSON
    )

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"] == {"person.citizen_id": ["Đã có hồ sơ mang số định danh cá nhân này."]}
    assert ChangeSet.objects.get(uid=draft).proposed == before
    assert Person.objects.count() == 1


def test_the_list_finds_by_the_whole_id_number_and_masks_it(api, person):
    found = api.get("/api/v1/people/", {"q": "087185000123"}).json()["results"]
    partial = api.get("/api/v1/people/", {"q": "087185000"}).json()["results"]

    assert [row["citizen_id"] for row in found] == ["087******123"]
    assert partial == []


def test_the_record_shows_the_decrypted_values(api, person):
    record = api.get(f"/api/v1/people/{person.uid}").json()

    identity = next(part for part in record["parts"] if part["key"] == "identity")
    values = {field["name"]: field["value"] for field in identity["fields"]}
    assert (values["citizen_id"], values["phone"]) == ("087185000123", "0912345678")
    assert "gAAAAA" not in str(record)
