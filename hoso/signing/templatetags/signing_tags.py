"""Template tags for the signatures listed on the versions page (one query, however many versions)."""

from typing import Any

from django import template

from hoso.people.models import RecordVersion
from hoso.signing.models import VersionSignature
from hoso.signing.selectors import signatures_of

register = template.Library()


@register.simple_tag
def signatures_for(versions: list[RecordVersion]) -> dict[int, VersionSignature]:
    return signatures_of(list(versions))


@register.simple_tag
def signature_in(signatures: dict[int, Any], version: RecordVersion) -> VersionSignature | None:
    return signatures.get(version.pk)
