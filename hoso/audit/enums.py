"""Audit actions (stable upper-case codes) and the channel an act came through.

The codes are stored as plain text and never change meaning; add new ones at the end of their group. The model
field carries no `choices`, so a new action needs no migration: `record_event` refuses codes missing here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Signing in and out, credentials (REQ-100, REQ-102)
    LOGIN = "LOGIN", _("Signed in")
    LOGIN_FAILED = "LOGIN_FAILED", _("Failed sign-in")
    LOGOUT = "LOGOUT", _("Signed out")
    PASSWORD_CHANGED = "PASSWORD_CHANGED", _("Changed the password")
    PASSWORD_RESET = "PASSWORD_RESET", _("Reset a password")
    TWO_FACTOR_ENABLED = "TWO_FACTOR_ENABLED", _("Turned on two-step sign-in")
    TWO_FACTOR_DISABLED = "TWO_FACTOR_DISABLED", _("Turned off two-step sign-in")
    TWO_FACTOR_FAILED = "TWO_FACTOR_FAILED", _("Wrong second-step code")
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED", _("Account locked")
    ACCOUNT_UNLOCKED = "ACCOUNT_UNLOCKED", _("Account unlocked")
    # Accounts and rights (REQ-009–REQ-016, REQ-020)
    ACCOUNT_CREATED = "ACCOUNT_CREATED", _("Created an account")
    ACCOUNT_CHANGED = "ACCOUNT_CHANGED", _("Changed an account")
    ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED", _("Deactivated an account")
    ACCOUNT_REACTIVATED = "ACCOUNT_REACTIVATED", _("Reactivated an account")
    ACCOUNT_HANDED_OVER = "ACCOUNT_HANDED_OVER", _("Handed an account over to a new holder")
    ACCOUNT_INCIDENT_REPORTED = "ACCOUNT_INCIDENT_REPORTED", _("Reported a lost or stolen account")
    ROLE_GRANTED = "ROLE_GRANTED", _("Granted a role")
    ROLE_CHANGED = "ROLE_CHANGED", _("Changed a role assignment")
    ROLE_REVOKED = "ROLE_REVOKED", _("Revoked a role")
    DELEGATION_GRANTED = "DELEGATION_GRANTED", _("Delegated rights")
    DELEGATION_CHANGED = "DELEGATION_CHANGED", _("Changed a delegation")
    DELEGATION_REVOKED = "DELEGATION_REVOKED", _("Revoked a delegation")
    CONSENT_GRANTED = "CONSENT_GRANTED", _("Recorded a written consent")
    CONSENT_CHANGED = "CONSENT_CHANGED", _("Changed a written consent")
    CONSENT_REVOKED = "CONSENT_REVOKED", _("Revoked a written consent")
    # The organisation tree and catalogs (REQ-004, REQ-007)
    UNIT_CREATED = "UNIT_CREATED", _("Created a unit")
    UNIT_CHANGED = "UNIT_CHANGED", _("Changed a unit")
    UNIT_CLOSED = "UNIT_CLOSED", _("Ended a unit")
    CATALOG_CHANGED = "CATALOG_CHANGED", _("Changed a catalog")
    # Records: changes (REQ-100)
    RECORD_CREATED = "RECORD_CREATED", _("Created a record")
    RECORD_CHANGED = "RECORD_CHANGED", _("Changed a record")
    RECORD_TRANSFERRED = "RECORD_TRANSFERRED", _("Transferred a record to another unit")
    RECORD_IMPORTED = "RECORD_IMPORTED", _("Imported records")
    CHANGE_SET_CREATED = "CHANGE_SET_CREATED", _("Started a change set")
    CHANGE_SET_CHANGED = "CHANGE_SET_CHANGED", _("Edited a change set")
    CHANGE_SET_SUBMITTED = "CHANGE_SET_SUBMITTED", _("Submitted a change set")
    CHANGE_SET_CHECKED = "CHANGE_SET_CHECKED", _("Checked a change set")
    CHANGE_SET_RETURNED = "CHANGE_SET_RETURNED", _("Returned a change set for correction")
    CHANGE_SET_APPROVED = "CHANGE_SET_APPROVED", _("Approved a change set")
    CHANGE_SET_APPLIED = "CHANGE_SET_APPLIED", _("Applied a change set")
    CHANGE_SET_WITHDRAWN = "CHANGE_SET_WITHDRAWN", _("Withdrew a change set")
    # Records: reads (REQ-098: every access is logged)
    RECORD_VIEWED = "RECORD_VIEWED", _("Viewed a full record")
    RESTRICTED_VIEWED = "RESTRICTED_VIEWED", _("Viewed restricted fields")
    ATTACHMENT_VIEWED = "ATTACHMENT_VIEWED", _("Opened an attached document")
    SEARCH = "SEARCH", _("Searched records")
    EXPORT = "EXPORT", _("Exported data")
    PRINT = "PRINT", _("Printed a record")
    REPORT = "REPORT", _("Ran a report")
    # Exchanges and the log itself
    SYNC_SENT = "SYNC_SENT", _("Sent data to the national database")
    SYNC_RECEIVED = "SYNC_RECEIVED", _("Received data from the national database")
    AUDIT_VIEWED = "AUDIT_VIEWED", _("Viewed the usage log")
    SIGNING_CREDENTIAL_ADDED = "SIGNING_CREDENTIAL_ADDED", _("Added a signing certificate")
    SIGNING_CREDENTIAL_REVOKED = "SIGNING_CREDENTIAL_REVOKED", _("Revoked a signing certificate")
    VERSION_SIGNED = "VERSION_SIGNED", _("Signed a record version")
    SIGNATURES_VERIFIED = "SIGNATURES_VERIFIED", _("Verified the signatures of a record")
    SIGNED_BUNDLE_EXPORTED = "SIGNED_BUNDLE_EXPORTED", _("Downloaded the signed versions of a record")
    QUALITY_CHECK_STARTED = "QUALITY_CHECK_STARTED", _("Started a data consistency check")
    APPROVAL_RULE_CHANGED = "APPROVAL_RULE_CHANGED", _("Changed the approver rules")
    DOCUMENT_ADDED = "DOCUMENT_ADDED", _("Attached a supporting document")
    DOCUMENT_REMOVED = "DOCUMENT_REMOVED", _("Removed a supporting document from a change set")
    REVIEW_ROUND_LAUNCHED = "REVIEW_ROUND_LAUNCHED", _("Launched a review round")
    REVIEW_ROUND_ANSWERED = "REVIEW_ROUND_ANSWERED", _("Answered a review round")


A = AuditAction

# The columns of the usage summary (per unit, per account).
LOGIN_ACTIONS = frozenset({A.LOGIN})
CHANGE_ACTIONS = frozenset(
    {
        A.ACCOUNT_CREATED,
        A.ACCOUNT_CHANGED,
        A.ACCOUNT_DEACTIVATED,
        A.ACCOUNT_REACTIVATED,
        A.ACCOUNT_HANDED_OVER,
        A.ROLE_GRANTED,
        A.ROLE_CHANGED,
        A.ROLE_REVOKED,
        A.DELEGATION_GRANTED,
        A.DELEGATION_CHANGED,
        A.DELEGATION_REVOKED,
        A.CONSENT_GRANTED,
        A.CONSENT_CHANGED,
        A.CONSENT_REVOKED,
        A.UNIT_CREATED,
        A.UNIT_CHANGED,
        A.UNIT_CLOSED,
        A.CATALOG_CHANGED,
        A.RECORD_CREATED,
        A.RECORD_CHANGED,
        A.RECORD_TRANSFERRED,
        A.RECORD_IMPORTED,
        A.CHANGE_SET_CREATED,
        A.CHANGE_SET_CHANGED,
        A.CHANGE_SET_SUBMITTED,
        A.CHANGE_SET_CHECKED,
        A.CHANGE_SET_RETURNED,
        A.CHANGE_SET_APPROVED,
        A.CHANGE_SET_APPLIED,
        A.CHANGE_SET_WITHDRAWN,
    }
)
VIEW_ACTIONS = frozenset({A.RECORD_VIEWED, A.RESTRICTED_VIEWED, A.ATTACHMENT_VIEWED})
EXPORT_ACTIONS = frozenset({A.EXPORT, A.PRINT})

# What the data subject sees about their own record ("who viewed or changed my record", NĐ 13/2023 Điều 9).
SUBJECT_ACTIONS = frozenset(
    VIEW_ACTIONS
    | EXPORT_ACTIONS
    | {
        A.RECORD_CREATED,
        A.RECORD_CHANGED,
        A.RECORD_TRANSFERRED,
        A.RECORD_IMPORTED,
        A.CHANGE_SET_CREATED,
        A.CHANGE_SET_SUBMITTED,
        A.CHANGE_SET_CHECKED,
        A.CHANGE_SET_RETURNED,
        A.CHANGE_SET_APPROVED,
        A.CHANGE_SET_APPLIED,
        A.CONSENT_GRANTED,
        A.CONSENT_CHANGED,
        A.CONSENT_REVOKED,
        A.SYNC_SENT,
        A.SYNC_RECEIVED,
    }
)


class Channel(models.TextChoices):
    """How the actor reached the system."""

    WEB = "WEB", _("Web")
    API = "API", _("API")
    COMMAND = "COMMAND", _("Command")
    SYSTEM = "SYSTEM", _("Background job")
