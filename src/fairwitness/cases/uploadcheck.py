"""Checking an upload's whole content against the type it claims (issue 11), after ``documents.sniff``
has named the type from its first bytes:

* no file holds a web page or script anywhere (a GIF or PDF that is also HTML, a "polyglot");
* a PDF opens, holds no JavaScript, launch or other automatic actions, and its compressed streams
  do not expand past a limit (a "flate bomb");
* a Word file is a real Word package (the parts it must have) whose parts do not expand past a
  limit (a "zip bomb");
* a picture opens, decodes whole, and has no more pixels than a phone camera takes.

Each refusal is a sentence a parent understands; none of these files is kept.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
import zipfile
from collections.abc import Callable

MAX_IMAGE_PIXELS = 60_000_000  # a 48-megapixel phone photo fits; 144 MP (an attack) does not
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all of a Word file's or a PDF's compressed parts, expanded
MAX_ZIP_ENTRIES = 5_000
# A 1,000-page report has some tens of thousands of parts; a scanned letter a few dozen. Each part
# costs pypdf about 0.1 ms to read (twice, when it must rebuild a damaged index), so this bounds the
# check at a few seconds for the largest file we accept.
MAX_PDF_OBJECTS = 50_000

# Web-page markup anywhere in a file that claims to be something else makes it a polyglot: a
# browser or a mail client that sniffs it would run it.
_MARKUP_ANYWHERE = re.compile(rb"<\s*(script|html|iframe|object|embed|svg|body)[\s>/]", re.I)

SAFETY = "For your safety it was not kept."


class Refused(ValueError):
    """The sentence to show next to the upload field."""


def check_content(mime: str, data: bytes) -> None:
    """Raise ``Refused`` when the bytes are not wholly the type ``mime`` (already sniffed)."""
    if mime.startswith(("image/", "application/pdf", "audio/")) and _MARKUP_ANYWHERE.search(data):
        raise Refused(f"The selected file is partly a web page hidden inside a {_plain(mime)}. {SAFETY}")
    checker = _CHECKERS.get(mime)
    if checker is not None:
        checker(data)


def _plain(mime: str) -> str:
    return {"application/pdf": "PDF"}.get(mime, mime.split("/")[-1].upper() + " file")


# --- PDF ----------------------------------------------------------------------------------------

# Cheap checks on the raw bytes before pypdf parses anything. pypdf, lenient, looks for the end
# marker by reading the whole file backwards a line at a time, and rebuilds a missing index by
# scanning for every object: a 20 MB file of junk named .pdf took it 10 to 25 seconds. A real PDF
# ends with %%EOF (a few bytes of padding after it are common; the standard allows 1,024 bytes),
# and its parts can be counted from the bytes.
PDF_TAIL_BYTES = 64 * 1024


def _check_pdf_structure(data: bytes) -> None:
    """Refuse, in a moment, what cannot be a whole PDF: no end marker, or more parts than allowed."""
    if b"%%EOF" not in data[-PDF_TAIL_BYTES:]:
        raise Refused("The selected file says it is a PDF but it is not complete: it has no end. It may not have "
                      "finished downloading. Download or save it again and try again.")
    if data.count(b"endobj") > MAX_PDF_OBJECTS:  # every part written out ends so (counted in C, at once)
        raise Refused(f"The selected PDF is built in an unusual way (over {MAX_PDF_OBJECTS:,} parts). {SAFETY}")


_INDEX_POINTER = re.compile(rb"startxref\s*\d+\s*%%EOF")


def _check_pdf(data: bytes) -> None:
    _check_pdf_structure(data)
    readable = data
    if not _INDEX_POINTER.search(data[-PDF_TAIL_BYTES:]):
        # No pointer to the index before the end marker (damaged, or hand-made): pypdf would read back
        # from %%EOF a line at a time for one, and a junk "line" of megabytes takes it many seconds.
        # Given a pointer to the start instead, it finds no index there and rebuilds one by a single
        # scan for the parts, which it then checks as usual. The parts are the file's own.
        readable = data + b"\nstartxref\n0\n%%EOF\n"
    _check_pdf_parts(data, readable)


def _check_pdf_parts(data: bytes, readable: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError
    from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(readable), strict=False)
            if reader.is_encrypted:
                return  # cannot be looked inside; it is kept encrypted as it came (it is not opened here)
            ids = _pdf_object_ids(reader)
            if len(ids) > MAX_PDF_OBJECTS:
                raise Refused(f"The selected PDF is built in an unusual way (over {MAX_PDF_OBJECTS:,} parts). {SAFETY}")
            expanded = 0
            for idnum, generation in ids:
                obj = reader.get_object(IndirectObject(idnum, generation, reader))
                if isinstance(obj, DictionaryObject):
                    action = _pdf_action(obj)
                    if action:
                        raise Refused(f"The selected PDF contains {action}, which could run on your computer "
                                      f"when it is opened. {SAFETY} Print it to a new PDF and upload that instead.")
                if isinstance(obj, StreamObject):
                    expanded += len(obj.get_data())
                    if expanded > MAX_EXPANDED_BYTES:
                        raise Refused(f"The selected PDF expands to more than {MAX_EXPANDED_BYTES // 1_048_576} MB "
                                      f"when opened. {SAFETY}")
    except Refused:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError, MemoryError,
            AssertionError, IndexError, ZeroDivisionError) as exc:
        if type(exc).__name__ == "LimitReachedError":
            raise Refused(f"The selected PDF expands to more than {MAX_EXPANDED_BYTES // 1_048_576} MB when opened. "
                          f"{SAFETY}") from None
        # A PDF too damaged for the reader (old scanners write some) is kept only if its bytes name
        # nothing that runs: a viewer that repairs it must find no script to run either.
        action = _raw_pdf_action(data)
        if action:
            raise Refused(f"The selected PDF contains {action}, which could run on your computer when it is "
                          f"opened. {SAFETY} Print it to a new PDF and upload that instead.") from None


_PDF_NAME = re.compile(rb"/([A-Za-z0-9#]+)")


_RUNNING_NAME = re.compile(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData|EmbeddedFiles|RichMedia)(?![A-Za-z0-9#])")
_ESCAPED_NAME = re.compile(rb"/[A-Za-z0-9#]*#[0-9A-Fa-f]{2}[A-Za-z0-9#]*")


def _raw_pdf_action(data: bytes) -> str | None:
    """The same test on the raw bytes, names unescaped (/J#61vaScript is /JavaScript). The plain
    names are found by one search; only names written with #-escapes are unescaped one by one (a
    file of random bytes has tens of thousands of "names", and unescaping each took seconds)."""
    plain = _RUNNING_NAME.search(data)
    candidates = [plain] if plain else []
    for found in itertools.chain(candidates, _ESCAPED_NAME.finditer(data)):
        written = _PDF_NAME.match(data, found.start())
        if written is None:
            continue
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), written.group(1))
        if b"/" + name in (b"/JavaScript", b"/JS"):
            return "JavaScript"
        if b"/" + name in (b"/Launch", b"/SubmitForm", b"/ImportData", b"/EmbeddedFiles", b"/RichMedia"):
            return f"an automatic action ({name.decode()})"
    return None


def _pdf_object_ids(reader: object) -> list[tuple[int, int]]:
    ids: list[tuple[int, int]] = []
    for generation, table in getattr(reader, "xref", {}).items():
        ids.extend((idnum, generation) for idnum in table)
    ids.extend((idnum, 0) for idnum in getattr(reader, "xref_objStm", {}))
    return ids


_RUNNING_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "an action that starts a program (Launch)",
                    "/SubmitForm": "an action that sends data away (SubmitForm)", "/ImportData": "an action that "
                    "reads other files (ImportData)", "/GoToE": "a link into a hidden file (GoToE)",
                    "/RichMediaExecute": "embedded media that runs (RichMedia)"}


def _pdf_action(obj: object, depth: int = 0) -> str | None:
    """The plain name of something a PDF dictionary would run, looking into the dictionaries and
    arrays written inside it (an indirect one is looked at on its own). A destination to open at
    (``/OpenAction [page /Fit]``) is fine; an action that runs script or a program is not."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if depth > 8:
        return None
    if isinstance(obj, DictionaryObject):
        kind = str(obj.get("/S", ""))
        if kind in _RUNNING_ACTIONS:
            return _RUNNING_ACTIONS[kind]
        if "/JS" in obj or "/JavaScript" in obj:
            return "JavaScript"
        if "/EmbeddedFiles" in obj or str(obj.get("/Type", "")) == "/EmbeddedFile":
            return "another file hidden inside it"
        values = list(obj.values())
    elif isinstance(obj, ArrayObject):
        values = list(obj)
    else:
        return None
    for value in values:
        if isinstance(value, DictionaryObject | ArrayObject):  # written inside; indirect ones are visited anyway
            found = _pdf_action(value, depth + 1)
            if found:
                return found
    return None


# --- Word ---------------------------------------------------------------------------------------

_DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")


def _check_zip_package(data: bytes, required: tuple[str, ...], what: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise Refused(f"The selected {what} has too many parts ({len(entries):,}). {SAFETY}")
        names = {e.filename for e in entries}
        if not all(part in names for part in required):
            raise Refused(f"The selected file says it is a {what} but it is not one. Save it again from your "
                          "word processor and try again.")
        expanded = 0
        for entry in entries:  # read, not trusted: a zip's declared sizes can lie
            with archive.open(entry) as part:
                while chunk := part.read(1 << 20):
                    expanded += len(chunk)
                    if expanded > MAX_EXPANDED_BYTES:
                        raise Refused(f"The selected {what} expands to more than {MAX_EXPANDED_BYTES // 1_048_576} MB "
                                      f"when opened. {SAFETY}")
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError, RuntimeError):
        raise Refused(f"The selected file says it is a {what} but it cannot be opened as one. "
                      "Save it again and try again.") from None


def _check_docx(data: bytes) -> None:
    _check_zip_package(data, _DOCX_PARTS, "Word document")


# --- pictures -----------------------------------------------------------------------------------

def _check_image(data: bytes) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise Refused(f"The selected picture is {width:,} × {height:,} pixels, more than "
                                  f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels. Make it smaller and try again.")
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # decoded whole: a picture's header on something else does not pass
    except Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(f"The selected picture has far more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels, "
                      f"more than any photo. {SAFETY}") from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file; each means the same here
        raise Refused("The selected picture cannot be opened. Save it again, or take a screenshot of it, "
                      "and try again.") from None


_CHECKERS: dict[str, Callable[[bytes], None]] = {
    "application/pdf": _check_pdf,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _check_docx,
    "image/png": _check_image,
    "image/jpeg": _check_image,
    "image/gif": _check_image,
    "image/webp": _check_image,
}
