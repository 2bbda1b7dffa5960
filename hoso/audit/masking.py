"""What never goes into the audit log: passwords, tokens and other secrets, and whole personal ID numbers."""

import re
from collections.abc import Mapping
from typing import Any

# A 12-digit personal identification number, typed plain or in groups ("087 185 000 123", "087.185.000.123").
_ID_NUMBER = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){11}(?!\d)")
VISIBLE_DIGITS = 3
# Keys whose values are removed from a detail wherever they appear (compared in lower case, as substrings).
SECRET_KEY_PARTS = (
    "password",
    "passwd",
    "secret",
    "token",
    "authorization",
    "cookie",
    "sessionid",
    "session_key",
    "csrf",
    "otp",
    "api_key",
    "apikey",
    "private_key",
)
REDACTED = "[redacted]"


def mask_id_number(digits: str) -> str:
    """087185000123 -> 087******123, the masking the record lists use."""
    return digits[:VISIBLE_DIGITS] + "*" * (len(digits) - 2 * VISIBLE_DIGITS) + digits[-VISIBLE_DIGITS:]


def mask_id_numbers(text: str) -> str:
    """Every 12-digit number in `text` masked: "CCCD 087185000123" -> "CCCD 087******123"."""
    return _ID_NUMBER.sub(lambda match: mask_id_number(re.sub(r"\D", "", match.group())), text)


def is_secret_key(key: str) -> bool:
    lowered = key.lower()
    return any(part in lowered for part in SECRET_KEY_PARTS)


def scrub(value: Any) -> Any:
    """A detail with secrets removed and ID numbers masked, at any depth."""
    if isinstance(value, str):
        return mask_id_numbers(value)
    if isinstance(value, Mapping):
        return {key: REDACTED if is_secret_key(str(key)) else scrub(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((scrub(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    return value
