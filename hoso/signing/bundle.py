"""The offline bundle of a record's signed versions (REQ-073): everything `hoso.signing.offline` needs to verify
them without hoso: the signed bytes, the detached CMS, the certificate chain and the documents' hashes."""

import base64
from typing import Any

from django.utils import timezone

from hoso.people.models import Person
from hoso.signing.models import VersionSignature
from hoso.signing.offline import BUNDLE_FORMAT


def build_bundle(person: Person) -> dict[str, Any]:
    signatures = (
        VersionSignature.objects.filter(version__person=person).select_related("version").order_by("version__number")
    )
    return {
        "format": BUNDLE_FORMAT,
        "person": str(person.uid),
        "exported_at": timezone.now().isoformat(),
        "versions": [
            {
                "version": signature.version.number,
                "signed_content": signature.signed_content,
                "content_sha256": signature.content_sha256,
                "cms": base64.b64encode(bytes(signature.cms)).decode("ascii"),
                "certificate_pem": signature.certificate_pem,
                "chain_pem": signature.certificate_pem + signature.chain_pem,
                "signed_at": signature.signed_at.isoformat(),
                "signer_name": signature.signer_name,
                "signer_title": signature.signer_title,
                "documents": [{"uid": d.get("uid"), "sha256": d.get("sha256")} for d in signature.documents],
            }
            for signature in signatures
        ],
    }
