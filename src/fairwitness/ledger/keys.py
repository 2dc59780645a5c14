"""The key that signs ledger checkpoints, kept by the same rules as the master key.

- ``FAIRWITNESS_SIGNING_KEY``: urlsafe base64 of a 32-byte Ed25519 private key, or
- ``FAIRWITNESS_SIGNING_KEY_FILE``: a file holding that text.
- Otherwise (not in production) a key is generated once into the data dir as ``signing.key``.

In production one of the two must be set and a key file must lie outside the data dir: someone who
copies or rewrites the data dir must not be able to sign a checkpoint for a rewritten ledger.
``FAIRWITNESS_LEDGER_ORIGIN`` names the ledger in its checkpoints (default ``fairwitness.local/ledger``).
"""

from __future__ import annotations

import base64
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from fairwitness.ledger.checkpoint import public_bytes, verifier_key

DEFAULT_ORIGIN = "fairwitness.local/ledger"
_lock = threading.Lock()
_cached: tuple[str, Ed25519PrivateKey] | None = None


def origin() -> str:
    return os.environ.get("FAIRWITNESS_LEDGER_ORIGIN", "").strip() or DEFAULT_ORIGIN


def _read_key_text() -> str:
    text = os.environ.get("FAIRWITNESS_SIGNING_KEY", "").strip()
    if text:
        return text
    data_dir = Path(settings.FAIRWITNESS_DATA_DIR)
    file_name = os.environ.get("FAIRWITNESS_SIGNING_KEY_FILE", "").strip()
    production = bool(getattr(settings, "PRODUCTION", False))
    if file_name:
        path = Path(file_name)
        if production and path.resolve().is_relative_to(data_dir.resolve()):
            raise ImproperlyConfigured("FAIRWITNESS_SIGNING_KEY_FILE must lie outside the data dir in production.")
        try:
            return path.read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"Cannot read FAIRWITNESS_SIGNING_KEY_FILE: {exc.strerror}") from None
    if production:
        raise ImproperlyConfigured("Set FAIRWITNESS_SIGNING_KEY or FAIRWITNESS_SIGNING_KEY_FILE (outside the data dir) in production.")
    path = data_dir / "signing.key"
    if not path.exists():
        seed = base64.urlsafe_b64encode(os.urandom(32))
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(seed)
        except FileExistsError:
            pass  # another process made it first
    return path.read_text().strip()


def signing_key() -> Ed25519PrivateKey:
    global _cached
    text = os.environ.get("FAIRWITNESS_SIGNING_KEY", "") + "|" + os.environ.get("FAIRWITNESS_SIGNING_KEY_FILE", "") + "|" + str(settings.FAIRWITNESS_DATA_DIR)
    with _lock:
        if _cached is not None and _cached[0] == text:
            return _cached[1]
        raw = _read_key_text()
        try:
            seed = base64.urlsafe_b64decode(raw)
            if len(seed) != 32:
                raise ValueError
            key = Ed25519PrivateKey.from_private_bytes(seed)
        except ValueError:
            raise ImproperlyConfigured("The ledger signing key must be urlsafe base64 of 32 bytes.") from None
        _cached = (text, key)
        return key


def public_key() -> bytes:
    return public_bytes(signing_key())


def public_key_line() -> str:
    """The verifier key as published on the transparency page (name+id+key)."""
    return verifier_key(origin(), public_key())


def check_configuration() -> None:
    """Called at start-up in production: refuses to start without a usable key outside the data dir."""
    signing_key()
