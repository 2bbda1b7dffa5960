"""Demo support: the "hoso demo CA" and a test certificate for each approver (issue 5 §6, `demo` command).

`create_demo_ca(directory)` makes (or reuses) the CA under `directory` (var/keys/ in dev; config/settings/dev.py
trusts its certificate when the file exists); `issue_demo_credential(user, ca=…)` issues an RSA-2048 certificate with
the user's full name, digitalSignature + nonRepudiation, valid one year, and registers it as the user's LOCAL
credential. Never for production: a real province registers certificates from a licensed CA.
"""

import base64
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from hoso.accounts.models import User
from hoso.signing import pki
from hoso.signing.enums import CredentialKind
from hoso.signing.models import SigningCredential
from hoso.signing.trust import describe, to_pem

CERTIFICATE_FILE = "hoso-demo-ca.pem"


@dataclass(frozen=True)
class DemoCA:
    certificate_path: Path
    key_path: Path
    issued: pki.Issued


def create_demo_ca(directory: Path | str) -> DemoCA:
    """The demo CA under `directory`: read when it is there, else made and written (key readable by owner only)."""
    directory = Path(directory)
    issued = pki.read_ca(directory)
    if issued is None:
        issued = pki.make_ca("hoso demo CA")
        pki.write_ca(issued, directory)
    demo = DemoCA(directory / CERTIFICATE_FILE, directory / "hoso-demo-ca.key", issued)
    # The settings of this process read the trust roots at start: trust the new CA here too (dev.py does at the next).
    roots = list(getattr(settings, "HOSO_SIGNING_TRUST_ROOTS", []))
    if str(demo.certificate_path) not in roots:
        settings.HOSO_SIGNING_TRUST_ROOTS = [*roots, str(demo.certificate_path)]
    return demo


def issue_demo_credential(user: User, *, ca: DemoCA | pki.Issued, title: str = "") -> SigningCredential:
    """A one-year demo certificate for `user`, registered as their signing credential (replaces older demo ones)."""
    authority = ca.issued if isinstance(ca, DemoCA) else ca
    issued = pki.issue(authority, user.get_full_name(), organisation="hoso demo")
    passphrase = secrets.token_urlsafe(18)
    SigningCredential.objects.filter(user=user, kind=CredentialKind.LOCAL_PKCS12, active=True).update(active=False)
    return SigningCredential.objects.create(
        user=user,
        kind=CredentialKind.LOCAL_PKCS12,
        title=title or _("Approver (demo certificate)"),
        certificate_pem=to_pem(issued.certificate),
        pkcs12=base64.b64encode(pki.to_pkcs12(issued, passphrase, ca=authority)).decode("ascii"),
        passphrase=passphrase,
        **describe(issued.certificate),
    )
