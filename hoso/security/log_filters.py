"""Logging filters: no personal ID number reaches a log line (section 3: no sensitive data in logs)."""

import logging

from hoso.audit.masking import mask_id_numbers


class MaskIdNumbersFilter(logging.Filter):
    """Masks every 12-digit personal ID number in a record's message (087185000123 → 087******123).

    The staff search puts a typed ID number in the query string, which request and error logs repeat. The
    message is formatted here once, with its arguments, so that numbers passed as arguments are masked too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is left for the handler to report
            return True
        masked = mask_id_numbers(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_text:
            record.exc_text = mask_id_numbers(record.exc_text)
        return True
