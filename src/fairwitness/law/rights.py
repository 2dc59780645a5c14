"""What the council must, should, may and may not do, and what a parent may do, on each legal footing.

The lines live in ``packs/<jurisdiction>/rights.yaml`` (section 10 of the legal research, as data).
This module loads and validates that file and answers one question: the rights on a footing.
Pure Python and pydantic, no Django, so the CLI, the web app and the engine can all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

PACKS_DIR = Path(__file__).parent / "packs"
EVERY = "every"
KINDS = ("must", "should", "may", "may_not", "parent_may")

DEFAULT_CAVEAT = (
    "Our legal research marked this point to be checked: the source was not seen in full. "
    "Check it before relying on it."
)


class RightsPackError(ValueError):
    """The rights pack could not be loaded; the message names the file and the entry."""


# ------------------------------------------------------------------ the file's shape (validation)


class _LineSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=10)
    citation: str = Field(min_length=3)
    url: str | None = None
    facts: list[str] = Field(min_length=1)
    check: bool = False
    check_note: str | None = None

    @field_validator("url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("a url must start with https://")
        return value

    @field_validator("facts")
    @classmethod
    def _fact_ids(cls, value: list[str]) -> list[str]:
        for fact in value:
            if "." not in fact or " " in fact:
                raise ValueError(f"{fact!r} does not look like a fact id (source.provision.name)")
        return value

    @model_validator(mode="after")
    def _note_needs_check(self) -> _LineSpec:
        if self.check_note and not self.check:
            raise ValueError("check_note is only for lines marked check: true")
        return self


class _FootingSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3)
    summary: str = Field(min_length=10)
    must: list[_LineSpec] = []
    should: list[_LineSpec] = []
    may: list[_LineSpec] = []
    may_not: list[_LineSpec] = []
    parent_may: list[_LineSpec] = []

    @model_validator(mode="after")
    def _not_empty(self) -> _FootingSpec:
        if not any(getattr(self, kind) for kind in KINDS):
            raise ValueError("a footing needs at least one line")
        return self


class _PackSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    jurisdiction: str
    version: int
    source: str
    aliases: dict[str, str] = {}
    footings: dict[str, _FootingSpec]

    @model_validator(mode="after")
    def _consistent(self) -> _PackSpec:
        if EVERY not in self.footings:
            raise ValueError(f"the pack needs an '{EVERY}' footing (rights on every footing)")
        for alias, target in self.aliases.items():
            if target not in self.footings:
                raise ValueError(f"alias {alias!r} points to unknown footing {target!r}")
            if alias in self.footings:
                raise ValueError(f"alias {alias!r} is also a footing")
        return self


# ------------------------------------------------------------------ what callers get


@dataclass(frozen=True, slots=True)
class RightLine:
    text: str
    citation: str
    url: str | None
    facts: tuple[str, ...]
    caveat: str | None  # set for points to be checked ("(check)" in the research)

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "citation": self.citation, "url": self.url,
                "facts": list(self.facts), "caveat": self.caveat}


@dataclass(frozen=True, slots=True)
class FootingRights:
    footing: str
    title: str
    summary: str
    must: tuple[RightLine, ...]
    should: tuple[RightLine, ...]
    may: tuple[RightLine, ...]
    may_not: tuple[RightLine, ...]
    parent_may: tuple[RightLine, ...]
    every: tuple[RightLine, ...]  # the lines of the 'every' footing, shown after these

    def lines(self) -> list[tuple[str, RightLine]]:
        """Every line of this footing with its kind, then the 'every' lines as ('every', line)."""
        out = [(kind, line) for kind in KINDS for line in getattr(self, kind)]
        return out + [(EVERY, line) for line in self.every]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"footing": self.footing, "title": self.title, "summary": self.summary}
        for kind in (*KINDS, EVERY):
            data[kind] = [line.as_json() for line in getattr(self, kind)]
        return data


@dataclass(frozen=True, slots=True)
class RightsPack:
    jurisdiction: str
    source: str
    footings: dict[str, FootingRights]
    aliases: dict[str, str]

    def resolve(self, footing: str) -> str:
        name = footing.strip().lower().replace("-", "_")
        name = self.aliases.get(name, name)
        if name not in self.footings:
            raise KeyError(f"unknown footing {footing!r}; the known footings are: {', '.join(self.footings)}")
        return name

    def rights_for(self, footing: str) -> FootingRights:
        return self.footings[self.resolve(footing)]


def _line(spec: _LineSpec) -> RightLine:
    caveat = None
    if spec.check:
        caveat = f"To be checked: {spec.check_note}" if spec.check_note else DEFAULT_CAVEAT
    return RightLine(spec.text, spec.citation, spec.url, tuple(spec.facts), caveat)


def _lines(specs: list[_LineSpec]) -> tuple[RightLine, ...]:
    return tuple(_line(s) for s in specs)


def _where(loc: tuple[Any, ...], raw: Any) -> str:
    """A pydantic error location as a person would look for it: footing s20, may_not[3] ("The council...")."""
    if len(loc) >= 2 and loc[0] == "footings":
        where = f"footing {loc[1]}"
        if len(loc) >= 4 and loc[2] in KINDS and isinstance(loc[3], int):
            where += f", {loc[2]}[{loc[3]}]"
            try:
                text = raw["footings"][loc[1]][loc[2]][loc[3]].get("text", "")
                where += f' ("{str(text)[:50]}...")'
            except (KeyError, IndexError, TypeError, AttributeError):
                pass
            rest = loc[4:]
        else:
            rest = loc[2:]
        return where + (f", field {'.'.join(str(p) for p in rest)}" if rest else "")
    return "top level" + (f", field {'.'.join(str(p) for p in loc)}" if loc else "")


def parse_rights(raw: Any, source: str) -> RightsPack:
    """Validate parsed YAML; raise RightsPackError naming the file and each bad entry."""
    try:
        spec = _PackSpec.model_validate(raw)
    except ValidationError as exc:
        problems = [f"  - {_where(tuple(e['loc']), raw)}: {e['msg']}" for e in exc.errors(include_url=False)]
        raise RightsPackError(f"{source}: invalid rights pack\n" + "\n".join(problems)) from None
    every_spec = spec.footings[EVERY]
    every_lines = tuple(line for kind in KINDS for line in _lines(getattr(every_spec, kind)))
    footings = {
        name: FootingRights(
            footing=name, title=f.title, summary=f.summary,
            must=_lines(f.must), should=_lines(f.should), may=_lines(f.may),
            may_not=_lines(f.may_not), parent_may=_lines(f.parent_may),
            every=() if name == EVERY else every_lines,
        )
        for name, f in spec.footings.items()
    }
    return RightsPack(spec.jurisdiction, spec.source, footings, dict(spec.aliases))


def rights_file(jurisdiction: str = "england") -> Path:
    return PACKS_DIR / jurisdiction / "rights.yaml"


@lru_cache(maxsize=8)
def load_rights(jurisdiction: str = "england") -> RightsPack:
    path = rights_file(jurisdiction)
    from fairwitness.law.packs import PackError, read_strict_yaml  # a key written twice is an error here too

    try:
        raw = read_strict_yaml(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise RightsPackError(f"{path}: cannot read: {exc.strerror}") from None
    except PackError as exc:
        raise RightsPackError(str(exc)) from None
    return parse_rights(raw, str(path))


def rights_for(footing: str, jurisdiction: str = "england") -> FootingRights:
    """The rights on ``footing`` (aliases such as ``s20`` or ``cin_plan`` accepted).

    Raises KeyError listing the known footings when the footing is unknown."""
    return load_rights(jurisdiction).rights_for(footing)


def known_footings(jurisdiction: str = "england") -> list[str]:
    return list(load_rights(jurisdiction).footings)
