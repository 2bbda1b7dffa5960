"""System checks of the document settings: HOSO_REQUIRED_DOCUMENTS must name parts of the record and list codes."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def check_required_documents(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from hoso.people.sections import LAYOUT

    rules = getattr(settings, "HOSO_REQUIRED_DOCUMENTS", {})
    known = {part.key for part in LAYOUT} | {"*"}
    errors: list[CheckMessage] = []
    if not isinstance(rules, dict):
        return [Error("HOSO_REQUIRED_DOCUMENTS must map part keys to lists of type codes.", id="documents.E001")]
    for key, codes in rules.items():
        if key not in known:
            errors.append(
                Error(
                    f"HOSO_REQUIRED_DOCUMENTS names “{key}”, which is not a part of the record.",
                    hint="Use the keys of hoso/people/sections.py (e.g. salary, work_history) or '*'.",
                    id="documents.E002",
                )
            )
        elif codes is not None and (not isinstance(codes, list) or not all(isinstance(c, str) for c in codes)):
            errors.append(
                Error(
                    f"HOSO_REQUIRED_DOCUMENTS[{key!r}] must be a list of document type codes, [] or null.",
                    id="documents.E003",
                )
            )
    if not isinstance(getattr(settings, "HOSO_UPLOAD_MAX_BYTES", 0), int) or settings.HOSO_UPLOAD_MAX_BYTES < 1:
        errors.append(Error("HOSO_UPLOAD_MAX_BYTES must be a positive number of bytes.", id="documents.E004"))
    return errors
