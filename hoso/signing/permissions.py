"""Who may verify a record's signatures, download its signed bundle and manage signing certificates."""

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.people import permissions as people_permissions
from hoso.people.models import Person


def can_verify_record(user: User, person: Person) -> bool:
    """Whoever may see the record may check its signatures (field paths above their clearance are withheld)."""
    return people_permissions.can_view_record(user, person)


def can_download_bundle(user: User, person: Person) -> bool:
    """The bundle holds the whole record: only readers whose clearance on it is full (REQ-073, REQ-096)."""
    return people_permissions.record_clearance(user, person) >= people_permissions.FULL


def can_manage_credentials(user: User, account: User) -> bool:
    """Account managers (MANAGE_ACCOUNTS over the account) register and revoke its signing certificates."""
    return policy.can(user, Capability.MANAGE_ACCOUNTS, account)
