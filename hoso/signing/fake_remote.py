"""A FAKE remote-signing server, for tests and the demo only: it is not a signing service.

It speaks the protocol of `hoso.signing.providers.RemoteSigningProvider` (what Vietnamese CAs offer for signing from
a phone or a USB token through a plug-in), holds test keys for its accounts, and "confirms on the device" at once,
after a delay, never, or refuses, as a test tells it (`FakeRemoteSigner.mode`, `.delay`). It serves HTTP on
127.0.0.1 on a free port in a background thread (stdlib only, no Django), like hoso/sso's test provider:

    with FakeRemoteSigner(api_key="k") as fake:
        fake.add_account("acc-1", issued)          # an `hoso.signing.pki.Issued` key + certificate
        provider = RemoteSigningProvider(base_url=fake.url, api_key="k")

`python -m hoso.signing.fake_remote [--port 8765] [--ca-dir var/keys] [--name "…"]` runs it for a demo with one
account signed by the demo CA, and prints the settings to point hoso at it.
"""

import argparse
import base64
import json
import secrets
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

from hoso.signing import pki

SIGN = "sign"  # confirm at once (after `delay` seconds)
REJECT = "reject"  # the signer refuses on their device
NEVER = "never"  # the signer never answers (the client times out)
EXPIRE = "expire"  # the request expires


@dataclass
class SignRequest:
    account: str
    digest: bytes
    created: float
    description: str


@dataclass
class FakeRemoteSigner:
    """The fake service; see the module docstring."""

    api_key: str = "fake-remote-api-key"
    mode: str = SIGN
    delay: float = 0.0
    accounts: dict[str, pki.Issued] = field(default_factory=dict)
    requests: dict[str, SignRequest] = field(default_factory=dict)
    port: int = 0

    def __post_init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> "FakeRemoteSigner":
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-remote-signer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> "FakeRemoteSigner":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add_account(self, account: str, issued: pki.Issued) -> None:
        self.accounts[account] = issued

    # --- the protocol ------------------------------------------------------------------------

    def create(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        account = body.get("account")
        if account not in self.accounts:
            return 404, {"error": "unknown account"}
        try:
            digest = base64.b64decode(str(body.get("hash", "")), validate=True)
        except ValueError:
            return 400, {"error": "hash is not base64"}
        if body.get("hash_algorithm") != "SHA-256" or len(digest) != 32:
            return 400, {"error": "hash must be a SHA-256 digest"}
        request_id = str(uuid.uuid4())
        with self._lock:
            self.requests[request_id] = SignRequest(account, digest, time.monotonic(), str(body.get("description", "")))
        return 201, {"id": request_id, "status": "PENDING"}

    def status(self, request_id: str) -> tuple[int, dict[str, Any]]:
        request = self.requests.get(request_id)
        if request is None:
            return 404, {"error": "unknown request"}
        if self.mode == REJECT:
            return 200, {"id": request_id, "status": "REJECTED"}
        if self.mode == EXPIRE:
            return 200, {"id": request_id, "status": "EXPIRED"}
        if self.mode == NEVER or time.monotonic() - request.created < self.delay:
            return 200, {"id": request_id, "status": "PENDING"}
        issued = self.accounts[request.account]
        signature = issued.key.sign(request.digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
        return 200, {
            "id": request_id,
            "status": "SIGNED",
            "signature": base64.b64encode(signature).decode("ascii"),
            "certificate": issued.certificate_pem,
        }


def _handler(fake: FakeRemoteSigner) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """No access log: test output stays readable."""

        def _authorised(self) -> bool:
            expected = f"Bearer {fake.api_key}"
            return secrets.compare_digest(self.headers.get("Authorization", ""), expected)

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            if not self._authorised():
                return self._answer(401, {"error": "bad api key"})
            if self.path.rstrip("/") != "/sign-requests":
                return self._answer(404, {"error": "not found"})
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return self._answer(400, {"error": "not JSON"})
            self._answer(*fake.create(body if isinstance(body, dict) else {}))

        def do_GET(self) -> None:
            if not self._authorised():
                return self._answer(401, {"error": "bad api key"})
            prefix = "/sign-requests/"
            if not self.path.startswith(prefix):
                return self._answer(404, {"error": "not found"})
            self._answer(*fake.status(self.path[len(prefix) :].strip("/")))

    return Handler


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="A FAKE remote-signing service for the hoso demo (not for production)."
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--ca-dir", type=Path, default=Path("var/keys"), help="where the hoso demo CA lives")
    parser.add_argument("--name", default="Trần Văn Đức", help="the signer's name in the demo certificate")
    parser.add_argument("--account", default="demo-signer")
    parser.add_argument("--api-key", default="fake-remote-api-key")
    parser.add_argument("--delay", type=float, default=3.0, help="seconds before the 'phone' confirms")
    args = parser.parse_args(argv)
    ca = pki.read_ca(args.ca_dir)
    if ca is None:
        ca = pki.make_ca()
        pki.write_ca(ca, args.ca_dir)
    issued = pki.issue(ca, args.name)
    certificate_path = args.ca_dir / f"fake-remote-{args.account}.pem"
    certificate_path.write_text(issued.certificate_pem, encoding="ascii")
    fake = FakeRemoteSigner(api_key=args.api_key, delay=args.delay, port=args.port)
    fake.add_account(args.account, issued)
    fake.start()
    say(f"FAKE remote-signing service on {fake.url} (not a real CA service)")
    say(f"  HOSO_SIGNING_REMOTE_URL={fake.url} HOSO_SIGNING_REMOTE_API_KEY={args.api_key}")
    say(f"  account {args.account!r}, certificate {certificate_path} (trust {args.ca_dir / 'hoso-demo-ca.pem'})")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
