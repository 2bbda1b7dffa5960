"""Seed the document-type catalogue from hoso/documents/data/document_types.csv (REQ-034 (a)–(g)).

Idempotent: types are matched by code; a type an administrator already changed keeps its name, parts and position
(only missing types are created). Uses the historical model, never app code.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "document_types.csv"


def read_rows(path=CSV_PATH):
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {
                "code": row["code"].strip(),
                "group": row["group"].strip(),
                "position": int(row["position"]),
                "name": row["name"].strip(),
                "parts": row["parts"].split(),
            }


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    existing = set(DocumentType.objects.values_list("code", flat=True))
    DocumentType.objects.bulk_create([DocumentType(**row) for row in read_rows() if row["code"] not in existing])


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_supporting_documents")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
