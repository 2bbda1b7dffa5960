"""Capabilities and the built-in roles that bundle them.

Functional rights (which screens and actions) are capabilities; data rights (which people, which fields) come from
the unit a role is assigned on and from the restriction levels the capabilities open (REQ-012: set separately,
combined at run time by `hoso.accounts.policy`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capability(models.TextChoices):
    VIEW_RECORD = "VIEW_RECORD", _("View records")
    VIEW_SENSITIVE = "VIEW_SENSITIVE", _("View sensitive personal data")
    VIEW_SECRET = "VIEW_SECRET", _("View specially restricted data")
    EDIT_RECORD = "EDIT_RECORD", _("Enter changes and new records")
    REVIEW = "REVIEW", _("Check changes")
    APPROVE = "APPROVE", _("Approve changes")
    EXPORT = "EXPORT", _("Export and print")
    VIEW_REPORTS = "VIEW_REPORTS", _("View statistics and reports")
    MANAGE_ACCOUNTS = "MANAGE_ACCOUNTS", _("Manage accounts and rights")
    MANAGE_UNITS = "MANAGE_UNITS", _("Maintain the organisation tree")
    ADMINISTER_CATALOGS = "ADMINISTER_CATALOGS", _("Administer catalogs")
    VIEW_AUDIT = "VIEW_AUDIT", _("View the audit log")


# What every user may do on their own record, with no role at all (REQ-020: the employee always sees their own data;
# enters and updates it, which produces a change set that others review).
OWN_RECORD_CAPABILITIES = frozenset(
    {Capability.VIEW_RECORD, Capability.VIEW_SENSITIVE, Capability.VIEW_SECRET, Capability.EXPORT}
)
# Capabilities whose holders must sign in with a second factor.
TWO_FACTOR_CAPABILITIES = frozenset(
    {Capability.APPROVE, Capability.MANAGE_ACCOUNTS, Capability.MANAGE_UNITS, Capability.ADMINISTER_CATALOGS}
)


class BuiltinRole(models.TextChoices):
    """Codes of the roles of REQUIREMENTS §2, created with their capabilities by migration accounts 0004.

    A province may add roles of its own, or change what a built-in role bundles, in the administration site.
    """

    PROVINCE_ADMIN = "province-admin", _("System administrator (Department of Home Affairs)")
    UNIT_ADMIN = "unit-admin", _("Unit administrator")
    OFFICER = "officer", _("Records officer")
    HEAD = "head", _("Head of unit (approver)")
    INSPECTOR = "inspector", _("Inspector")
    LEADERSHIP = "leadership", _("Provincial leadership (statistics only)")
