"""Sign-in security: per-account state, password history, failed sign-ins, sessions, incidents, recovery codes.

Nothing here holds a password or a recovery code in clear: history keeps the hashes Django made, recovery codes
are kept as SHA-256 digests of high-entropy random codes.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from hoso.core.models import PublicIdModel
from hoso.security.enums import IncidentKind, IncidentStatus, PasswordChangeReason, ThrottleScope


class AccountSecurity(models.Model):
    """The sign-in state of one account, created the first time it is needed (no row: nothing special)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="security", verbose_name=_("account")
    )
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    must_change_password = models.BooleanField(_("must change the password"), default=False)
    change_reason = models.CharField(
        _("reason for the change"), max_length=20, choices=PasswordChangeReason.choices, blank=True
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("locked by")
    )
    lock_reason = models.CharField(_("reason for the lock"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sign-in security of an account")
        verbose_name_plural = _("sign-in security of accounts")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class PasswordHistoryEntry(models.Model):
    """A password an account has had (its hash only), so that a recent one is not chosen again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="password_history", verbose_name=_("account")
    )
    password_hash = models.CharField(_("password hash"), max_length=256)
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("former password")
        verbose_name_plural = _("former passwords")
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_user")]


class LoginThrottle(models.Model):
    """Failed sign-ins counted for a username or a network address, and the lock-out they caused.

    One row per (scope, key). The count restarts when the first failure of the window is older than the
    lock-out duration, or when a lock-out has run out.
    """

    scope = models.CharField(_("scope"), max_length=10, choices=ThrottleScope.choices)
    key = models.CharField(_("key"), max_length=150)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    window_started_at = models.DateTimeField(_("first failure at"), default=timezone.now)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("failed sign-ins")
        verbose_name_plural = _("failed sign-ins")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="login_throttle_scope_key")]


class UserSession(models.Model):
    """Which session belongs to which account, so that all of them can be ended at once."""

    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="security_sessions", verbose_name=_("account")
    )
    created_at = models.DateTimeField(_("signed in at"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("network address"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class AccountIncident(PublicIdModel):
    """A report of a lost account, a forgotten password or a suspected theft (REQ-016), and how it was handled.

    Reports from the sign-in page name an account by the username typed; `account` is set only when such an
    account exists, and the reporter is told the same thing either way.
    """

    kind = models.CharField(_("kind of incident"), max_length=20, choices=IncidentKind.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="security_incidents",
        verbose_name=_("account"),
    )
    reported_username = models.CharField(_("username given"), max_length=150)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("account incident")
        verbose_name_plural = _("account incidents")
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["status", "-reported_at"], name="incident_status_reported")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.reported_username}"


RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_CODE_LENGTH = 10


def normalise_recovery_code(raw: str) -> str:
    return "".join(ch for ch in raw.lower() if ch.isalnum())


def hash_recovery_code(raw: str) -> str:
    return hashlib.sha256(normalise_recovery_code(raw).encode()).hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """One-time recovery codes for a lost phone, as a django-otp device; only their digests are stored.

    django-otp's own static device keeps its codes in clear, which REQ-017 rules out for anything that opens
    an account. A code has ~49 bits of randomness, so a plain SHA-256 digest is enough.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("account"))

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))

    @staticmethod
    def generate_code() -> str:
        code = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        return f"{code[:5]}-{code[5:]}"

    def verify_token(self, token: str) -> bool:
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        used = RecoveryCode.objects.filter(
            device=self, code_hash=hash_recovery_code(str(token)), used_at__isnull=True
        ).update(used_at=timezone.now())
        if used:
            self.throttle_reset()
            return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, models.CASCADE, related_name="codes", verbose_name=_("device"))
    code_hash = models.CharField(_("code digest"), max_length=64)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [models.UniqueConstraint(fields=["device", "code_hash"], name="recovery_code_unique")]
