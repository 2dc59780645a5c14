"""Encryption at rest: one AES-256-GCM data key per case, wrapped by the master key.

Everything a family writes (names, notes, events, documents) is encrypted under its case's key.
The ledger holds only SHA-256 hashes of that content, so destroying a case's wrapped key
(crypto-shredding) makes the content unreadable for ever while the hash chain still verifies.

Formats (all bytes): ``b"\\x01" + nonce(12) + ciphertext+tag``. The associated data binds each
ciphertext to what it is (case id, object kind and id), so a blob copied onto another row fails.
"""

from __future__ import annotations

import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = b"\x01"
NONCE_BYTES = 12


class ContentUnavailable(Exception):
    """The content cannot be read: the case was erased, or the ciphertext was tampered with."""


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if not blob or blob[:1] != VERSION or len(blob) < 1 + NONCE_BYTES + 16:
        raise ContentUnavailable("not a Fair Witness ciphertext")
    try:
        return AESGCM(key).decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise ContentUnavailable("the content does not match its seal: it was changed or the key is wrong") from None


def master_key() -> bytes:
    from django.conf import settings

    return bytes(settings.FAIRWITNESS_MASTER_KEY)


def new_case_key(master: bytes | None = None, case_label: str = "") -> tuple[bytes, bytes]:
    """A fresh data key and its wrapped form (the only form ever stored)."""
    key = AESGCM.generate_key(bit_length=256)
    return key, wrap_key(key, master, case_label)


def wrap_key(key: bytes, master: bytes | None = None, case_label: str = "") -> bytes:
    return _seal(master or master_key(), key, b"case-key:" + case_label.encode())


def unwrap_key(wrapped: bytes | None, master: bytes | None = None, case_label: str = "") -> bytes:
    if not wrapped:
        raise ContentUnavailable("this case was erased: its key has been destroyed")
    return _unwrap_cached(bytes(wrapped), master or master_key(), case_label)


@lru_cache(maxsize=512)
def _unwrap_cached(wrapped: bytes, master: bytes, case_label: str) -> bytes:
    # Keyed by the wrapped bytes: once a case's key is destroyed its row holds nothing to look up.
    return _open(master, wrapped, b"case-key:" + case_label.encode())


def encrypt(key: bytes, plaintext: bytes, aad: str) -> bytes:
    return _seal(key, plaintext, aad.encode())


def decrypt(key: bytes, blob: bytes, aad: str) -> bytes:
    return _open(key, bytes(blob), aad.encode())


def forget_cached_keys() -> None:
    """Drop unwrapped keys held in memory (after an erasure, and in tests)."""
    _unwrap_cached.cache_clear()
