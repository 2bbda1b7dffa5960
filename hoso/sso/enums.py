from enum import StrEnum


class MatchField(StrEnum):
    """Which hoso attribute the provider's match claim is compared with (setting HOSO_OIDC_MATCH_FIELD)."""

    CITIZEN_ID = "citizen_id"  # số định danh cá nhân of the Person whose personal account is the user
    USERNAME = "username"


class Refusal(StrEnum):
    """Why a sign-in through the provider was refused: stable codes for logs and tests."""

    CANCELLED = "CANCELLED"
    INVALID_STATE = "INVALID_STATE"
    UNVERIFIED = "UNVERIFIED"
    PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE"
    NOT_LINKED = "NOT_LINKED"
    INACTIVE = "INACTIVE"
    LINKED_ELSEWHERE = "LINKED_ELSEWHERE"
