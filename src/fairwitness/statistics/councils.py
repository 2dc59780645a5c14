"""Geography for the open data: England, its regions and its children's services authorities.

The councils come from the project's own list (``cases/data/local-authorities-england.csv``, DfE's
``las.csv`` codes), passed in by the caller so this library needs no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

COUNTRY_CODE = "E92000001"
COUNTRY_NAME = "England"
# ONS region codes (E12), as DfE's regions.csv gives them.
REGION_CODES = {
    "North East": "E12000001", "North West": "E12000002", "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004", "West Midlands": "E12000005", "East of England": "E12000006",
    "London": "E12000007", "South East": "E12000008", "South West": "E12000009",
}


@dataclass(frozen=True)
class Council:
    ons_code: str
    name: str
    region: str
    dfe_code: str
    in_use_from: date | None = None
    in_use_to: date | None = None
    replaced_by: tuple[str, ...] = ()

    @property
    def region_code(self) -> str:
        return REGION_CODES.get(self.region, "")

    def in_use_on(self, day: date) -> bool:
        return (self.in_use_from is None or self.in_use_from <= day) and (self.in_use_to is None or day <= self.in_use_to)


class Councils:
    """The councils of one period (those in use on its last day), and where a record held against
    a council no longer in use belongs: its sole successor, or nowhere below England."""

    def __init__(self, every: Iterable[Council], on: date):
        self.by_code = {c.ons_code: c for c in every}
        self.current = sorted((c for c in self.by_code.values() if c.in_use_on(on)), key=lambda c: c.ons_code)
        self._current_codes = {c.ons_code for c in self.current}

    def resolve(self, code: str | None) -> str | None:
        seen = set()
        while code and code not in self._current_codes and code not in seen:
            seen.add(code)
            council = self.by_code.get(code)
            if council is None or len(council.replaced_by) != 1:
                return None
            code = council.replaced_by[0]
        return code if code in self._current_codes else None
