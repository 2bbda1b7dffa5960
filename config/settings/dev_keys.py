"""Field-encryption keys for development, generated once per checkout (see config/settings/dev.py)."""

import base64
import os
from pathlib import Path


def dev_key_file(path: Path) -> list[str]:
    """The keys in `path`, generating one key there first if the file does not exist.

    `make run` on a fresh machine needs encryption keys and none are configured: one is made once
    per checkout under var/keys/ (gitignored, mode 0600) and reused, so the dev database stays readable.
    Add a line above the first to rotate (README, "Field encryption"). Losing the file loses the data.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(base64.urlsafe_b64encode(os.urandom(32)).decode("ascii") + "\n")
        try:
            os.link(draft, path)  # atomic: of two processes starting at once, both keep the first key
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    lines = path.read_text(encoding="ascii").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
