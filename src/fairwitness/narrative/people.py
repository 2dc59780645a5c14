"""Who a sentence is about: the case's people and children, found by name and by the roles parents
use for them ("my partner", "their dad", "the social worker", "the foster carer")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# role key -> (how a story names it, words in a recorded person's role that mean it, plain label)
ROLES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "council": (r"\bsocial\s+services\b|\bsocial\s+care\b|\bchildren'?s\s+services\b|\bthe\s+council\b|\blocal\s+authority\b|\bSS\b",
                ("council", "local authority"), "children's services"),
    "social_worker": (r"\bsocial\s+workers?\b|\bSW\b", ("social worker",), "social worker"),
    "foster_carer": (r"\bfoster\s+(?:carers?|mum|mom|mother|parents?)\b", ("foster",), "foster carer"),
    "partner": (r"\b(?:my|our|his|her)\s+partner'?s?\b|\bpartner\b", ("partner", "step"), "partner"),
    "mother": (r"\b(?:mum|mom|mam|mummy|mother|birth\s+mother|their\s+mum|his\s+mum|her\s+mum)\b", ("mother", "mum"), "mother"),
    "father": (r"\b(?:dad|daddy|father|birth\s+father|their\s+dad|his\s+dad|her\s+dad)\b", ("father", "dad"), "father"),
    "grandparent": (r"\b(?:nan|nana|nanna|gran|granny|grandma|grandmother|grandad|grandfather|grandparents?)\b", ("grand",), "grandparent"),
    "school": (r"\b(?:school|teacher|head\s*teacher|school\s+support\s+worker)\b", ("school", "teacher"), "school"),
    "police": (r"\bpolice\b", ("police",), "police"),
    "iro": (r"\b(?:IRO|independent\s+reviewing\s+officer)\b", ("reviewing officer", "iro"), "independent reviewing officer"),
    "guardian": (r"\b(?:children'?s\s+guardian|cafcass)\b", ("guardian", "cafcass"), "children's guardian"),
    "health": (r"\b(?:health\s+visitor|gp|doctor|midwife|camhs|hospital)\b", ("health", "doctor", "gp", "midwife"), "health professional"),
}
_ROLE_PATTERNS = {key: re.compile(pattern, re.IGNORECASE) for key, (pattern, _, _) in ROLES.items()}
WRITER = re.compile(r"\b(?:I|me|my|we|us|our|myself|ourselves)\b")
# Most likely to be the one acting first: the council's own people, then others.
PROFESSIONALS = ("social_worker", "council", "police", "iro", "guardian", "foster_carer", "health", "school")
PARENTS = ("mother", "father", "partner")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class Mention:
    role: str  # a key of ROLES, "writer", or "name"
    person_id: str | None  # the recorded person meant, when one is
    words: str


def _role_keys(role: str) -> set[str]:
    role = role.lower()
    return {key for key, (_, words, _) in ROLES.items() if any(w in role for w in words)}


def mentions(sentence: str, people: list[Person]) -> list[Mention]:
    """The people a sentence names, in order: by name first, then by role (matched to the one recorded
    person with that role, if there is exactly one)."""
    found: list[tuple[int, Mention]] = []
    named: set[str] = set()
    for person in people:
        for token in {person.name.split()[0], person.name} if person.name else set():
            if len(token) < 2:
                continue
            m = re.search(r"\b" + re.escape(token) + r"\b", sentence)
            if m:
                found.append((m.start(), Mention("name", person.id, m[0])))
                named.add(person.id)
                break
    for key, pattern in _ROLE_PATTERNS.items():
        m = pattern.search(sentence)
        if not m:
            continue
        holders = [p for p in people if key in _role_keys(p.role)]
        person_id = holders[0].id if len(holders) == 1 else None
        if person_id in named:
            continue
        found.append((m.start(), Mention(key, person_id, m[0])))
    m = WRITER.search(sentence)
    if m:
        found.append((m.start(), Mention("writer", None, m[0])))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


def children_named(sentence: str, children: list[Person]) -> list[str]:
    """Ids of the case's children named in the sentence (by first name)."""
    ids = []
    for child in children:
        first = child.name.split()[0] if child.name else ""
        if len(first) >= 2 and re.search(r"\b" + re.escape(first) + r"\b", sentence):
            ids.append(child.id)
    return ids
