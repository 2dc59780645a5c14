"""Small shared wording: dates (the project's one formatter, ``fairwitness.law.dates``) and people's names.

Nothing here invents a fact: where a name is missing we say so with a bracketed prompt that the
family fills in before a letter is final (see ``PROMPT_RE``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from fairwitness.law.caseformat import Case
from fairwitness.law.dates import long_date

# A bracketed prompt left for the family in an editable draft. A final letter may hold none.
PROMPT_PREFIX = "[Please add: "
PROMPT_RE = re.compile(r"\[Please add: [^\]]*\]")


def prompt(what: str) -> str:
    return f"{PROMPT_PREFIX}{what}]"


def prompts_in(text: str) -> list[str]:
    return PROMPT_RE.findall(text)


def when_text(at: date | datetime) -> str:
    """A date, with the time when one was recorded: 14 March 2023, 16:05."""
    if isinstance(at, datetime):
        return f"{long_date(at.date())}, {at:%H:%M}"
    return long_date(at)


def person_name(case: Case, person_id: str | None) -> str:
    """The person's name as the family entered it; an id that names nobody is kept as written
    (free text such as "the school nurse" is allowed in ``by``)."""
    if not person_id:
        return ""
    p = case.person(person_id)
    if p is None:
        return {"local_authority": "the local authority", "police": "the police", "court": "the court",
                "school": "the school", "health": "health services"}.get(person_id, person_id)
    if p.name:
        return p.name
    return f"the {p.role}" if p.role else person_id


def child_name(case: Case, child_id: str) -> str:
    for c in case.children:
        if c.id == child_id:
            return c.name or prompt(f"the name (or initials) of child {child_id}")
    return child_id


def join_names(names: list[str]) -> str:
    names = [n for n in names if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def children_of(case: Case, child_ids: list[str] | None) -> list[str]:
    """Names of the children an event concerns (absent means every child)."""
    ids = child_ids if child_ids else [c.id for c in case.children]
    return [child_name(case, cid) for cid in ids]


def humanise(value: str | None) -> str:
    return (value or "").replace("_", " ")
