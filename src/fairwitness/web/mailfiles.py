"""Outside production, email is written to files instead of being sent or printed.

Each message is one ``.eml`` file in ``<data dir>/demo-emails/`` named by time, kind and recipient
(``20261201-130501-invitation-to-grandma@example.org.eml``), so someone trying the demo can open
the invitation or password-reset link they asked for. Nothing is printed: a link in a terminal or
a server log is a link anyone reading the log can use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

FOLDER_NAME = "demo-emails"


def outbox_dir() -> Path:
    return Path(settings.FAIRWITNESS_DATA_DIR) / FOLDER_NAME


def _slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]+", "-", text).strip("-").lower()[:limit] or "message"


def _kind(message: EmailMessage) -> str:
    kind = message.extra_headers.get("X-Fairwitness-Kind") if message.extra_headers else None
    return _slug(kind or message.subject, 30)


class DemoFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = outbox_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        sent = 0
        for message in email_messages:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            to = _slug(",".join(message.recipients()), 60)
            base = f"{stamp}-{_kind(message)}-to-{to}"
            path = folder / f"{base}.eml"
            n = 1
            while path.exists():
                n += 1
                path = folder / f"{base}-{n}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            path.chmod(0o600)
            sent += 1
        return sent
