"""Issue 10, finding 3: case content in server logs. Third-party loggers keep their message's
template but lose its arguments; exceptions keep their type and where they happened, not their
message; data: URLs are cut from every message. Run through the handlers settings configures."""

from __future__ import annotations

import io
import logging

import pytest

MARKER = "Zephyrine Quaglino"
PHOTO = "data:image/png;base64," + "iVBORw0KGgo" * 2000


@pytest.fixture
def log_output():
    """What the configured handlers write (their streams swapped for a buffer)."""
    buffer = io.StringIO()
    handlers = {h for name in ("", "fairwitness", "django.request", "django.server")
                for h in logging.getLogger(name).handlers if isinstance(h, logging.StreamHandler)}
    assert handlers, "settings.LOGGING configures stream handlers"
    # Swapped directly, not with setStream, which would flush a stream pytest may have closed.
    old = {h: h.stream for h in handlers}
    for h in handlers:
        h.stream = buffer
    yield buffer
    for h, stream in old.items():
        h.stream = stream


def test_weasyprint_does_not_log_a_whole_photo(log_output):
    logging.getLogger("weasyprint").error("Failed to load image at %s: %s", PHOTO, f"{MARKER}.png broken")
    text = log_output.getvalue()
    assert "Failed to load image at" in text
    assert "iVBORw0KGgo" not in text and MARKER not in text
    assert len(text) < 300


def test_a_python_docx_traceback_keeps_where_not_what(log_output):
    try:
        raise KeyError(f"no style for child {MARKER}")
    except KeyError:
        logging.getLogger("docx.styles").exception("could not apply a style to %r", MARKER)
    text = log_output.getvalue()
    assert MARKER not in text
    assert "KeyError (message withheld)" in text and "test_log_filter.py" in text
    assert "[error E-" in text  # an id to quote instead of the content


def test_django_request_logs_no_path_or_message(log_output, client):
    logging.getLogger("django.request").error("Internal Server Error: %s", f"/cases/invitations/{MARKER}/",
                                              exc_info=(ValueError, ValueError(MARKER), None))
    text = log_output.getvalue()
    assert "Internal Server Error" in text and MARKER not in text


def test_our_own_messages_keep_ids_but_lose_data_urls(log_output):
    logging.getLogger("fairwitness.documents").warning("case %s: image %s could not be drawn", 42, PHOTO)
    text = log_output.getvalue()
    assert "case 42" in text and "data:image/png[removed]" in text and "iVBORw0KGgo" not in text
