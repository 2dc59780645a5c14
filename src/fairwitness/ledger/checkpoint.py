"""Signed checkpoints of the ledger: pure functions, no Django.

A checkpoint says "the chain had SIZE entries and its last entry's hash was HEAD", signed with the
body's Ed25519 key. It is what Certificate Transparency calls a signed tree head (RFC 9162, 4.10),
written in the text form transparency logs share today (C2SP ``tlog-checkpoint`` inside a C2SP
``signed-note``)::

    fairwitness.example/ledger        <- origin: which ledger
    1234                              <- size: how many entries
    qmVjZ...=                         <- the head entry's hash, base64 of its 32 bytes
    time 2026-12-01                   <- extension lines (the day; an export: the moment, and the case's head)
    case 5b6c... 17 Zm9v...=
                                      <- a blank line, then one signature line per key
    — fairwitness.example/ledger AbCd...=

Whoever holds a checkpoint (a family's receipt, the public page, a mirror) can later prove that
the ledger was cut short (it has fewer entries than SIZE) or rewritten (entry SIZE-1 has another
hash), even by someone with the whole database: forging a new checkpoint needs the signing key,
which is kept away from the data.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_ALGORITHM = b"\x01"  # signed-note's signature type byte for Ed25519
SIGNATURE_PREFIX = "\u2014 "  # an em dash and a space begin every signature line
_NAME = re.compile(r"^[^\s+]+$")


class CheckpointError(ValueError):
    """The text is not a checkpoint, or its signature does not verify."""


@dataclass(frozen=True)
class CaseHead:
    """One case's part of the chain at the checkpoint: how many entries, and its last entry's hash."""

    case: str
    count: int
    hash: str


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    head: str  # hex, as the ledger writes hashes
    time: str = ""
    case: CaseHead | None = None
    key_id: str = ""  # hex of the 4-byte key hash on the signature line that verified
    extensions: tuple[str, ...] = field(default=())

    @property
    def last_seq(self) -> int:
        return self.size - 1

    def body(self) -> str:
        lines = [self.origin, str(self.size), _b64(bytes.fromhex(self.head))]
        if self.time:
            lines.append(f"time {self.time}")
        if self.case is not None:
            lines.append(f"case {self.case.case} {self.case.count} {_b64(bytes.fromhex(self.case.hash))}")
        lines.extend(self.extensions)
        return "".join(f"{line}\n" for line in lines)


def key_hash(name: str, public_key: bytes) -> bytes:
    """signed-note's key id: the first 4 bytes of SHA-256(name, newline, type byte, key)."""
    return hashlib.sha256(name.encode() + b"\n" + ED25519_ALGORITHM + public_key).digest()[:4]


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def verifier_key(name: str, public_key: bytes) -> str:
    """The one-line form of a public key that tools such as ``note`` read: name+id+key."""
    blob = ED25519_ALGORITHM + public_key
    return f"{name}+{key_hash(name, public_key).hex()}+{_b64(blob)}"


def sign(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> str:
    """The checkpoint as a signed note (text), signed under its origin as the key name."""
    if not _NAME.match(checkpoint.origin):
        raise CheckpointError("a checkpoint's origin is one word with no spaces or '+'")
    body = checkpoint.body()
    signature = key.sign(body.encode("utf-8"))
    kh = key_hash(checkpoint.origin, public_bytes(key))
    return f"{body}\n{SIGNATURE_PREFIX}{checkpoint.origin} {_b64(kh + signature)}\n"


def open_note(text: str, public_key: bytes | None) -> Checkpoint:
    """Parse a signed checkpoint and check its signature with ``public_key``.

    Without a key the checkpoint is parsed but nothing is proved: the caller must say so."""
    if not isinstance(text, str) or "\n\n" not in text:
        raise CheckpointError("not a signed checkpoint (no signature block)")
    body, _, signatures = text.partition("\n\n")
    body += "\n"
    lines = body.splitlines()
    if len(lines) < 3:
        raise CheckpointError("a checkpoint has an origin, a size and a head hash")
    origin, size_text, head_text, *rest = lines
    if not size_text.isdigit():
        raise CheckpointError(f"the checkpoint's size {size_text!r} is not a number")
    try:
        head = base64.b64decode(head_text, validate=True)
    except ValueError:
        raise CheckpointError("the checkpoint's head hash is not base64") from None
    if len(head) != 32:
        raise CheckpointError("the checkpoint's head hash is not 32 bytes")
    time, case, extensions = "", None, []
    for line in rest:
        if line.startswith("time "):
            time = line[5:]
        elif line.startswith("case "):
            parts = line.split(" ")
            if len(parts) != 4 or not parts[2].isdigit():
                raise CheckpointError("the checkpoint's case line is malformed")
            try:
                case_hash = base64.b64decode(parts[3], validate=True).hex()
            except ValueError:
                raise CheckpointError("the checkpoint's case head is not base64") from None
            case = CaseHead(parts[1], int(parts[2]), case_hash)
        else:
            extensions.append(line)
    key_id = ""
    if public_key is not None:
        key_id = _check_signature(body, origin, signatures, public_key)
    return Checkpoint(origin, int(size_text), head.hex(), time, case, key_id, tuple(extensions))


def _check_signature(body: str, origin: str, signatures: str, public_key: bytes) -> str:
    wanted = key_hash(origin, public_key)
    verifier = Ed25519PublicKey.from_public_bytes(public_key)
    seen = False
    for line in signatures.splitlines():
        if not line.startswith(SIGNATURE_PREFIX):
            continue
        name, _, blob_text = line[len(SIGNATURE_PREFIX):].rpartition(" ")
        try:
            blob = base64.b64decode(blob_text, validate=True)
        except ValueError:
            continue
        if name != origin or blob[:4] != wanted:
            continue
        seen = True
        try:
            verifier.verify(blob[4:], body.encode("utf-8"))
        except InvalidSignature:
            raise CheckpointError("the checkpoint's signature does not verify: it was changed or forged") from None
        return wanted.hex()
    if seen:
        raise CheckpointError("the checkpoint's signature does not verify")
    raise CheckpointError("the checkpoint is not signed by this ledger's key")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
