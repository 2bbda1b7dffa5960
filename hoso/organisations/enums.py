import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# Two-tier local government from 1 July 2025: districts are abolished and exist only as history
# (Luật Tổ chức chính quyền địa phương 72/2025/QH15).
DISTRICTS_ABOLISHED_ON = datetime.date(2025, 7, 1)


class OrgUnitKind(models.TextChoices):
    """Kinds of unit the seed regulations name (REQ-001, REQ-002)."""

    PROVINCIAL_COMMITTEE = "PROVINCIAL_COMMITTEE", _("Provincial People's Committee")
    DEPARTMENT = "DEPARTMENT", _("Department (Sở)")
    DEPARTMENT_EQUIVALENT = "DEPARTMENT_EQUIVALENT", _("Body equivalent to a department")
    SUB_DEPARTMENT = "SUB_DEPARTMENT", _("Sub-department (Chi cục)")
    CENTRE = "CENTRE", _("Centre")
    PUBLIC_SERVICE_UNIT = "PUBLIC_SERVICE_UNIT", _("Public service unit")
    DISTRICT_COMMITTEE = "DISTRICT_COMMITTEE", _("District People's Committee (until 30/06/2025)")
    DISTRICT_DIVISION = "DISTRICT_DIVISION", _("District division (until 30/06/2025)")
    COMMUNE_COMMITTEE = "COMMUNE_COMMITTEE", _("Commune-level People's Committee")
    PARTY_MASS_ORGANISATION = "PARTY_MASS_ORGANISATION", _("Party body, Fatherland Front or mass organisation")
    ASSOCIATION = "ASSOCIATION", _("Association (hội)")
    INTERNAL_SECTION = "INTERNAL_SECTION", _("Internal section (phòng, ban, bộ phận)")


DISTRICT_KINDS = frozenset({OrgUnitKind.DISTRICT_COMMITTEE, OrgUnitKind.DISTRICT_DIVISION})


class AdministrativeLevel(models.TextChoices):
    PROVINCE = "PROVINCE", _("Provincial level")
    DISTRICT = "DISTRICT", _("District level")
    COMMUNE = "COMMUNE", _("Commune level")


class JobPositionCategory(models.TextChoices):
    LEADERSHIP = "LEADERSHIP", _("Leadership and management")
    PROFESSIONAL = "PROFESSIONAL", _("Professional")
    SUPPORT = "SUPPORT", _("Support and service")
