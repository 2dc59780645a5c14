"""Logs carry no personal data.

Fair Witness's own log messages name ids and counts only. Other people's code does not know that
rule: WeasyPrint logs "Failed to load image at data:image/png;base64,…" with a family's whole
photo, python-docx raises errors quoting a child's name, Django's request logger and waitress put
paths (with invitation and reset tokens) and exception messages into their records. So every
handler carries ``PersonalDataFilter``:

- a record from outside ``fairwitness`` keeps its message *template* but loses its arguments
  ("Failed to load image at %s" stays readable; what was at %s does not reach the log);
- an exception keeps its type and the code locations it passed through, never its message (the
  message is where names and content travel); it is given an error id to quote instead;
- any ``data:`` URL left in any message, ours included, is cut to its media type.
"""

from __future__ import annotations

import logging
import re
import secrets
import traceback

OWN_LOGGERS = ("fairwitness",)
WITHHELD = "[withheld]"
DATA_URL = re.compile(r"data:([\w.+-]+/[\w.+-]+)?[^\s\"')>]*", re.IGNORECASE)


def scrub_data_urls(text: str) -> str:
    return DATA_URL.sub(lambda m: f"data:{m.group(1) or ''}[removed]", text)


def error_id() -> str:
    """A short id to quote for an error, in the log and to the person who met it."""
    return "E-" + secrets.token_hex(4).upper()


def _frames_only(exc_info: tuple) -> str:
    """The traceback without the exception's message: where it happened, not what it was about."""
    kind, _value, tb = exc_info
    lines = ["Traceback (most recent call last):"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    lines.append(f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', kind)} (message withheld)")
    return "\n".join(lines)


def _is_own(name: str) -> bool:
    return any(name == own or name.startswith(own + ".") for own in OWN_LOGGERS)


class PersonalDataFilter(logging.Filter):
    """Rewrites records in place so that no handler formats personal data (see the module doc)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_fairwitness_scrubbed", False):
            return True
        if not _is_own(record.name):
            template = str(record.msg) if isinstance(record.msg, str) else type(record.msg).__name__
            if record.args:
                template = _withhold_placeholders(template)
            record.msg, record.args = template, ()
        else:
            record.msg = record.getMessage()
            record.args = ()
        if record.exc_info and record.exc_info[0] is not None:
            ident = error_id()
            record.msg = f"{record.msg} [error {ident}]"
            record.exc_text = _frames_only(record.exc_info)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = "(traceback withheld)"
        record.msg = scrub_data_urls(str(record.msg))
        record.stack_info = None
        record._fairwitness_scrubbed = True
        return True


_PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")


def _withhold_placeholders(template: str) -> str:
    return _PLACEHOLDER.sub(lambda m: "%" if m.group(0) == "%%" else WITHHELD, template)
