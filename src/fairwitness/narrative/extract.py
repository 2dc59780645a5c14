"""The words of an uploaded letter or report: PDF (pypdf), Word (python-docx) or plain text."""

from __future__ import annotations

import contextlib
import io
import logging
import zipfile
from collections.abc import Iterator

MAX_TEXT_CHARS = 200_000  # about 60 pages of prose: more is not a story to read sentence by sentence


class UnreadableDocument(ValueError):
    """A file whose words cannot be read; the message says why in plain words."""


def extract_text(data: bytes, filename: str = "") -> str:
    """The text of a document, by its content (not its name)."""
    if data.startswith(b"%PDF"):
        text = _pdf_text(data)
    elif data.startswith(b"PK"):
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    if not text.strip():
        raise UnreadableDocument("We could not find any words in this file. If it is a scan, please type or paste the words instead.")
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(f"This file has more than {MAX_TEXT_CHARS:,} characters of text. Please paste the part that tells what happened.")
    return text


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """pypdf warns about every flaw of a damaged file; the parent gets one plain sentence instead,
    and nothing of the file reaches a log."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pdf_text(data: bytes) -> str:
    with _quiet("pypdf"):
        return _read_pdf(data)


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument("This PDF is protected by a password. Please save an unprotected copy or paste the words.")
        pages = []
        for page in reader.pages[:200]:
            pages.append(page.extract_text() or "")
        return "\n\n".join(pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        if isinstance(exc, UnreadableDocument):
            raise
        raise UnreadableDocument("This PDF could not be read. Please paste the words instead.") from None


def _docx_text(data: bytes) -> str:
    import docx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > 50_000_000:
                raise UnreadableDocument("This Word file is too large once unpacked. Please paste the words instead.")
        document = docx.Document(io.BytesIO(data))
    except UnreadableDocument:
        raise
    except Exception:  # python-docx raises many kinds for a damaged file; none of them should reach the parent
        raise UnreadableDocument("This file is not a Word document we can read (.docx). Please paste the words instead.") from None
    return "\n\n".join(p.text for p in document.paragraphs)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("This file is not text, a PDF or a Word document. Please paste the words instead.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
