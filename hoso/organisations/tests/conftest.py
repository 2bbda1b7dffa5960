import copy

import pytest

PROVINCE_PROCESSOR = "hoso.core.context_processors.province"


@pytest.fixture(autouse=True)
def _province_context_processor(settings):  # type: ignore[no-untyped-def]
    """Pages show the province name: add its context processor while the settings lack it."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if PROVINCE_PROCESSOR not in processors:
        processors.append(PROVINCE_PROCESSOR)
        settings.TEMPLATES = templates
