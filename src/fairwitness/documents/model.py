"""The letter model: what a letter says, to whom, when, and the law and date it rests on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from fairwitness.documents.wording import PROMPT_PREFIX, PROMPT_RE, prompts_in
from fairwitness.law.findings import Citation


class LetterError(ValueError):
    """The case lacks what this letter needs (the message says what to record), or a final letter
    was asked for while a prompt is still unfilled."""


class UnfilledPromptsError(LetterError):
    """A final letter was asked for while the draft still holds prompts for the family."""

    def __init__(self, prompts: list[str]):
        self.prompts = prompts
        super().__init__("This letter still has parts for you to fill in before it can be final: " + "; ".join(prompts))


@dataclass(slots=True)
class Letter:
    kind: str
    title: str  # the subject line
    recipient: str
    sender: str
    date: date
    paragraphs: list[str]
    expected_response: date | None
    citations: list[Citation]
    # For the family only, never in the letter sent: how the dates were counted, what to check,
    # and the disclaimer. Shown on the draft's cover note.
    notes: list[str] = field(default_factory=list)
    salutation: str = "Dear Sir or Madam,"
    closing: str = "Yours faithfully,"
    # Under the sender's name: their postal address, email and phone (from the case, asked once).
    sender_lines: list[str] = field(default_factory=list)
    # Under the recipient: the council's complaints address, where the family knows it.
    recipient_lines: list[str] = field(default_factory=list)
    # What the event that records this letter being sent says beyond its kind: a new complaint's
    # subject (the family's words), the events it is about and the children it concerns.
    record: dict[str, Any] = field(default_factory=dict)

    def prompts(self) -> list[str]:
        """Every bracketed prompt still waiting for the family, in order."""
        found: list[str] = []
        for text in (self.title, self.recipient, self.sender, *self.sender_lines, *self.recipient_lines,
                     self.salutation, self.closing, *self.paragraphs):
            found.extend(prompts_in(text))
        return found

    @property
    def is_final(self) -> bool:
        return not self.prompts()

    def require_final(self) -> None:
        missing = self.prompts()
        if missing:
            raise UnfilledPromptsError(list(dict.fromkeys(missing)))

    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def with_edits(self, edits: dict[Any, Any] | None) -> Letter:
        """The family's changes before the letter is final.

        Keys: ``subject`` (what a new complaint is about, as its event records it), ``title``, ``recipient``, ``sender``, ``salutation``, ``closing`` (replace the text); ``date`` (a date);
        ``paragraphs`` (the whole list); a paragraph number, as an int or a string of digits
        (replace that paragraph; ``None`` or "" removes it); ``append`` (paragraphs added before the
        signature); ``fill`` (a mapping from a prompt, with or without its brackets, to the text
        that replaces it everywhere).
        """
        if not edits:
            return self
        out = replace(self, paragraphs=list(self.paragraphs), citations=list(self.citations), notes=list(self.notes),
                      sender_lines=list(self.sender_lines), recipient_lines=list(self.recipient_lines),
                      record=dict(self.record))
        if (edits.get("subject") or "").strip() and "subject" in out.record:
            out.record["subject"] = str(edits["subject"]).strip()
        for key in ("title", "recipient", "sender", "salutation", "closing"):
            if key in edits and edits[key] is not None:
                setattr(out, key, str(edits[key]))
        if "date" in edits and edits["date"] is not None:
            value = edits["date"]
            out.date = value if isinstance(value, date) else date.fromisoformat(str(value))
        if "paragraphs" in edits and edits["paragraphs"] is not None:
            out.paragraphs = [str(p) for p in edits["paragraphs"]]
        numbered = {int(k): v for k, v in edits.items() if isinstance(k, int) or (isinstance(k, str) and k.isdigit())}
        for index in sorted(numbered, reverse=True):
            if not 0 <= index < len(out.paragraphs):
                raise LetterError(f"There is no paragraph {index} to change (the letter has {len(out.paragraphs)}).")
            if numbered[index] in (None, ""):
                del out.paragraphs[index]
            else:
                out.paragraphs[index] = str(numbered[index])
        out.paragraphs.extend(str(p) for p in edits.get("append") or [])
        for wanted, value in (edits.get("fill") or {}).items():
            out = _fill(out, str(wanted), str(value))
        return out


def _fill(letter: Letter, wanted: str, value: str) -> Letter:
    """Replace one prompt, written either exactly ("[Please add: your name]") or by its words."""
    def sub(text: str) -> str:
        return PROMPT_RE.sub(lambda m: value if m.group(0) == wanted or m.group(0)[len(PROMPT_PREFIX):-1] == wanted else m.group(0), text)

    letter.title, letter.recipient, letter.sender = sub(letter.title), sub(letter.recipient), sub(letter.sender)
    letter.sender_lines = [sub(line) for line in letter.sender_lines]
    letter.recipient_lines = [sub(line) for line in letter.recipient_lines]
    letter.paragraphs = [sub(p) for p in letter.paragraphs]
    return letter
