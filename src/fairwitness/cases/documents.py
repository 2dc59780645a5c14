"""Documents: what a file really is (sniffed from its bytes, never its name), and keeping it
encrypted at rest under the case key with the SHA-256 of its plaintext in the ledger."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filetype
from django.conf import settings
from django.db import transaction

from fairwitness import crypto
from fairwitness.cases.models import Case, Document, Event
from fairwitness.law.caseformat import CaseFileError, Problem
from fairwitness.ledger.records import record

ACCEPTED_DESCRIPTION = (
    "a PDF, a Word document, a picture (JPG, PNG, GIF, WebP or HEIC), an email (EML or MSG) "
    "or a sound recording (MP3, M4A, WAV or OGG)"
)

# sniffed MIME type -> (plain name, extensions a family might reasonably give it)
ACCEPTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": ("PDF", ("pdf",)),
    "image/png": ("PNG picture", ("png",)),
    "image/jpeg": ("JPEG picture", ("jpg", "jpeg", "jfif")),
    "image/gif": ("GIF picture", ("gif",)),
    "image/webp": ("WebP picture", ("webp",)),
    "image/heic": ("HEIC picture", ("heic", "heif")),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("Word document", ("docx",)),
    "application/msword": ("Word document", ("doc",)),
    "message/rfc822": ("email", ("eml", "txt")),
    "application/vnd.ms-outlook": ("Outlook email", ("msg",)),
    "audio/mpeg": ("MP3 recording", ("mp3",)),
    "audio/mp4": ("M4A recording", ("m4a", "mp4", "aac")),
    "audio/x-wav": ("WAV recording", ("wav",)),
    "audio/ogg": ("OGG recording", ("ogg", "oga", "opus")),
}

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MSG_STREAM = "__substg1.0_".encode("utf-16-le")
_EXECUTABLE_MIMES = {
    "application/x-msdownload", "application/x-executable", "application/x-elf", "application/x-mach-binary",
    "application/x-sharedlib", "application/x-dosexec", "application/vnd.microsoft.portable-executable",
}
_EMAIL_HEADERS = ("from", "to", "subject", "date", "received", "message-id", "mime-version", "return-path", "cc")
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MARKUP = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<script|<svg|<\?xml|<iframe|<object)", re.I)


class UploadRejected(CaseFileError):
    """A file we will not keep, with the message to show next to the upload field."""

    def __init__(self, message: str):
        self.message = message
        super().__init__("document", [Problem("document", "file", message)])


@dataclass(frozen=True, slots=True)
class Sniffed:
    mime: str
    label: str


def _looks_like_email(head: bytes) -> bool:
    names = set()
    for line in head.split(b"\n")[:60]:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header line
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].decode("ascii", "replace").lower())
    return len(names & set(_EMAIL_HEADERS)) >= 2 and bool(names & {"from", "received", "message-id"})


def _dangerous(data: bytes) -> str | None:
    """A plain-words description when the bytes are a program or a web page."""
    head = data[:4096]
    if head[:2] == b"MZ" or head[:4] in (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        return "a program"
    if head[:2] == b"#!":
        return "a script"
    kind = filetype.guess(head)
    if kind is not None and kind.mime in _EXECUTABLE_MIMES:
        return "a program"
    if _MARKUP.match(head.lstrip(b"\xef\xbb\xbf")):
        return "a web page"
    return None


def sniff(data: bytes) -> Sniffed | None:
    """What the bytes are, if they are something we keep."""
    head = data[:8192]
    if head[:8] == _CFB and _MSG_STREAM in data[:262144]:
        return Sniffed("application/vnd.ms-outlook", ACCEPTED["application/vnd.ms-outlook"][0])
    kind = filetype.guess(head)
    if kind is not None and kind.mime in ACCEPTED:
        return Sniffed(kind.mime, ACCEPTED[kind.mime][0])
    if kind is None and _looks_like_email(head.lstrip(b"\xef\xbb\xbf")):
        return Sniffed("message/rfc822", ACCEPTED["message/rfc822"][0])
    return None


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _read_upload(uploaded_file: Any) -> tuple[str, bytes]:
    """Accept a Django UploadedFile, a (name, bytes) pair, or a path."""
    limit = settings.FAIRWITNESS_MAX_UPLOAD_BYTES
    if isinstance(uploaded_file, tuple):
        name, data = uploaded_file
    elif isinstance(uploaded_file, str | Path):
        path = Path(uploaded_file)
        if path.stat().st_size > limit:
            raise UploadRejected(f"The selected file must be smaller than {_megabytes(limit)}")
        name, data = path.name, path.read_bytes()
    else:
        name = getattr(uploaded_file, "name", "") or "document"
        size = getattr(uploaded_file, "size", None)
        if size is not None and size > limit:
            raise UploadRejected(f"The selected file must be smaller than {_megabytes(limit)}")
        if hasattr(uploaded_file, "seek"):
            uploaded_file.seek(0)
        data = uploaded_file.read(limit + 1)
    name = os.path.basename(str(name).replace("\\", "/")) or "document"
    if len(data) > limit:
        raise UploadRejected(f"The selected file must be smaller than {_megabytes(limit)}")
    if not data:
        raise UploadRejected("The selected file is empty")
    return name, bytes(data)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def check_upload(name: str, data: bytes) -> Sniffed:
    """Refuse what we will not keep, saying why in words a parent understands."""
    danger = _dangerous(data)
    if danger:
        ext = _extension(name)
        called = f"is called “{name}”" + (f", like a {ext.upper()} file," if ext else "")
        raise UploadRejected(f"The selected file {called} but it is really {danger}. For your safety it was not kept.")
    found = sniff(data)
    if found is None:
        raise UploadRejected(f"The selected file must be {ACCEPTED_DESCRIPTION}")
    return found


def _blob_path(case: Case, public_id: uuid.UUID) -> Path:
    return Path(str(case.public_id)) / f"{public_id}.bin"


def _documents_dir() -> Path:
    return Path(settings.FAIRWITNESS_DOCUMENTS_DIR)


def store_document(case: Case, actor: Any, event: Event | None, uploaded_file: Any) -> Document:
    from fairwitness.cases.actions import _actor_id, _role
    from fairwitness.cases.integrity import records_for

    name, data = _read_upload(uploaded_file)
    found = check_upload(name, data)
    digest = hashlib.sha256(data).hexdigest()
    public_id = uuid.uuid4()
    relative = _blob_path(case, public_id)
    target = _documents_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(case.seal_bytes(data, f"document:{public_id}:content"))
    os.replace(temporary, target)
    try:
        with transaction.atomic():
            document = Document(public_id=public_id, case=case, event=event, content_type=found.mime, size=len(data),
                                sha256=digest, blob_path=str(relative), created_by=actor)
            document.filename_sealed = case.seal(name, f"document:{public_id}:name")
            document.save()
            record(action="document_attached", case=str(case.public_id), actor_id=_actor_id(actor), actor_role=_role(actor, case),
                   content_sha256=digest,
                   objects={"document": str(public_id), "event": event.event_id if event else None,
                            "filename_sha256": hashlib.sha256(name.encode()).hexdigest()},
                   subjects=records_for(("document", document)))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return document


def open_document(document: Document) -> bytes:
    """The plaintext, checked against its recorded SHA-256 (raises ContentUnavailable if not)."""
    path = _documents_dir() / document.blob_path
    try:
        blob = path.read_bytes()
    except OSError:
        raise crypto.ContentUnavailable("the stored file is missing") from None
    data = document.case.unseal_bytes(blob, f"document:{document.public_id}:content")
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise crypto.ContentUnavailable("the stored file does not match its recorded fingerprint")
    return data


def remove_blobs(case: Case) -> None:
    shutil.rmtree(_documents_dir() / str(case.public_id), ignore_errors=True)
