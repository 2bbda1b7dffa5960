"""Two-factor sign-in with TOTP apps (django-otp) and one-time recovery codes.

Required for the accounts `hoso.accounts.policy.requires_two_factor` names (administrators and approvers), optional
for everybody else. A user enrols by scanning a QR code drawn on the server as SVG (nothing from outside), confirms
with a first code, and receives ten recovery codes, shown once.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoso.accounts import policy
from hoso.accounts.models import User
from hoso.security.models import RecoveryCode, RecoveryCodeDevice, hash_recovery_code

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def has_two_factor(user: User) -> bool:
    """Whether the account has a confirmed authenticator (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def requires_two_factor(user: User) -> bool:
    return policy.requires_two_factor(user)


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user; a new key each time set-up starts over)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def restart_enrolment(user: User) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return pending_totp_device(user)


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, as authenticator apps ask for it when typed by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    return str(device.config_url)


def qr_code_svg(data: str) -> str:
    """An inline SVG QR code (a single path; no style attributes, so the strict CSP is kept)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=14, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def confirm_enrolment(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Check the first code from the app; on success the device replaces any older one and recovery codes are made.

    Returns the new recovery codes (to be shown once), or None when the code is wrong.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(_digits(token)):
            return None
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes; the earlier ones stop working."""
    with transaction.atomic():
        RecoveryCodeDevice.objects.filter(user=user).delete()
        device = RecoveryCodeDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes: list[str] = []
        while len(codes) < RECOVERY_CODE_COUNT:
            code = RecoveryCodeDevice.generate_code()
            if code not in codes:
                codes.append(code)
        RecoveryCode.objects.bulk_create(RecoveryCode(device=device, code_hash=hash_recovery_code(c)) for c in codes)
    return codes


def remaining_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()


def remove_two_factor(user: User) -> None:
    """Delete the authenticator and the recovery codes (the account must enrol again if 2FA is required)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCodeDevice.objects.filter(user=user).delete()


def _digits(token: str) -> str:
    return "".join(ch for ch in str(token) if not ch.isspace())


def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts this code: a 6-digit code from the app, or an unused recovery code."""
    code = _digits(code)
    if not code:
        return None
    with transaction.atomic():
        if code.isdigit():
            for totp in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if totp.verify_token(code):
                    return totp
            return None
        for recovery in RecoveryCodeDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if recovery.verify_token(code):
                return recovery
    return None


def issuer() -> str:
    return str(getattr(settings, "OTP_TOTP_ISSUER", "hoso"))
