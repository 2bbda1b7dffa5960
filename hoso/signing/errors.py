"""The one error of signing: a clear message in the user's language, and per-field messages for forms."""

from django.utils.functional import Promise


class SigningError(Exception):
    """Signing (or adding a credential) is refused; `message` says why, `errors` maps form fields to messages."""

    def __init__(self, message: str | Promise, *, errors: dict[str, list[str]] | None = None) -> None:
        self.message = str(message)
        self.errors = errors or {}
        super().__init__(self.message)
