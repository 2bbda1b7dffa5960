"""Request and response shapes of API v1: what the OpenAPI document shows and responses are checked against.

Request bodies forbid unknown fields, so a misspelt field is a 422 rather than silently ignored.
Text in requests may not contain NUL characters (PostgreSQL cannot store them).
"""

import datetime
import uuid
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


def _no_null_characters(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("null_character", "Null characters are not allowed.")
    return value


CleanStr = Annotated[str, AfterValidator(_no_null_characters)]


class RequestSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class Problem(Schema):
    """RFC 9457 problem details; `errors` maps a field path to its messages."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


# --- auth -----------------------------------------------------------------------------------------


class TokenIn(RequestSchema):
    username: Annotated[CleanStr, Field(max_length=150)]
    password: Annotated[CleanStr, Field(max_length=256)]
    otp: Annotated[
        CleanStr | None,
        Field(
            max_length=20,
            description="The authenticator app's code, or a recovery code (accounts with two-factor authentication).",
        ),
    ] = None


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


# --- references -------------------------------------------------------------------------------------


class UnitRef(Schema):
    uid: uuid.UUID
    name: str


class CatalogRef(Schema):
    code: str
    name: str


class Decision(Schema):
    number: str
    date: datetime.date | None
    issuer: str


# --- units ---------------------------------------------------------------------------------------


class UnitListItem(Schema):
    uid: uuid.UUID
    name: str
    short_name: str
    kind: str
    administrative_level: str
    parent: uuid.UUID | None
    depth: int
    agency_code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[UnitListItem]


class StaffingQuotaOut(Schema):
    year: int
    civil_servants: int
    public_employees: int
    contract_workers: int
    decision_number: str
    decision_date: datetime.date | None


class JobPositionOut(Schema):
    uid: uuid.UUID
    code: str
    name: str
    category: str
    required_rank: CatalogRef | None
    national_position: CatalogRef | None
    min_level: int | None
    max_level: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    decision_number: str
    decision_date: datetime.date | None


class UnitDetail(Schema):
    uid: uuid.UUID
    name: str
    short_name: str
    kind: str
    kind_display: str
    administrative_level: str
    parent: UnitRef | None
    ancestors: list[UnitRef]
    children: list[UnitRef]
    successor: UnitRef | None
    agency_code: str
    display_order: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    decision: Decision
    staffing_quotas: list[StaffingQuotaOut]
    job_positions: list[JobPositionOut]


class SubtreeItem(Schema):
    uid: uuid.UUID
    name: str
    short_name: str
    kind: str
    parent: uuid.UUID | None
    depth: int = Field(description="Levels below the requested unit: 1 for its direct sub-units.")
    agency_code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class Subtree(Schema):
    root: UnitRef
    count: int
    results: list[SubtreeItem]


# --- people --------------------------------------------------------------------------------------


class PersonListItem(Schema):
    uid: uuid.UUID
    full_name: str
    gender: str
    date_of_birth: datetime.date
    citizen_id: str = Field(description="Masked: the first and last three digits only.")
    unit: UnitRef
    staff_kind: CatalogRef | None
    employment_status: CatalogRef | None
    rank: CatalogRef | None


class PersonPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PersonListItem]


class RecordField(Schema):
    name: str
    label: str
    item: str = Field(description="Item of the personal-history form (TT 06/2023/TT-BNV).")
    value: Any = Field(description="The snapshot value: codes, unit UUIDs, ISO dates, decimals as strings.")
    display: str
    restriction: int = Field(description="Restriction level: 0 ordinary … 3 specially restricted.")


class RecordRow(Schema):
    uid: str
    fields: list[RecordField]


class RecordGroupPart(Schema):
    key: str
    title: str
    items: str
    is_section: Literal[False]
    fields: list[RecordField]


class RecordSectionPart(Schema):
    key: str
    title: str
    items: str
    is_section: Literal[True]
    hidden: bool = Field(False, description="The whole section is above the caller's access level: no rows shown.")
    rows: list[RecordRow]


class Record(Schema):
    uid: uuid.UUID
    version: int
    content_hash: str | None
    effective_at: datetime.datetime | None
    parts: list[RecordGroupPart | RecordSectionPart]


class VersionItem(Schema):
    number: int
    effective_at: datetime.datetime
    created_at: datetime.datetime
    created_by: str | None
    summary: str
    content_hash: str


class VersionList(Schema):
    count: int
    results: list[VersionItem]


# --- change sets -----------------------------------------------------------------------------------


class ChangeSetIn(RequestSchema):
    person: uuid.UUID | None = Field(None, description="Edit this person's record.")
    unit: uuid.UUID | None = Field(None, description="Start a new record employed by this unit.")
    title: Annotated[CleanStr, Field(max_length=200)] = ""


class ChangeSetOut(Schema):
    uid: uuid.UUID
    status: str
    title: str
    base_version: int
    person: uuid.UUID | None
    unit: uuid.UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    applied_at: datetime.datetime | None
    proposed: dict[str, Any]


FieldValues = dict[str, Any]


class RowOut(Schema):
    uid: str
    section: str
    row: dict[str, Any]


class DiffField(Schema):
    name: str
    label: str
    old: str
    new: str
    restriction: int


class DiffRow(Schema):
    uid: str
    change: Literal["added", "removed", "changed"]
    summary: str
    fields: list[DiffField]


class DiffPart(Schema):
    key: str
    title: str
    items: str
    fields: list[DiffField]
    rows: list[DiffRow]


class Applied(Schema):
    version: int
    content_hash: str
    person: uuid.UUID
    effective_at: datetime.datetime
