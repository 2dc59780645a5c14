"""England and Wales' holidays from 1900 to 1970, before the Banking and Financial Dealings Act 1971.

Families and ombudsmen bring records from the 1960s to the 1980s (a parent's own childhood in care,
historic accommodation), so the working calendar has to count days then too. The ``holidays``
package is not right for these years, so they are worked out here from the law of the time:

* Good Friday and Christmas Day: common-law holidays, never in the Acts (no substitute day when
  Christmas fell at a weekend).
* Bank Holidays Act 1871, Schedule 1: Easter Monday, Whit Monday (the Monday in Whitsun week), the
  first Monday in August, and 26 December if a week day (Saturday was one); with the Holidays
  Extension Act 1875, 27 December when the 26th is a Sunday.
* 1965 to 1970, by proclamation, on trial before the 1971 Act: the August holiday at the end of
  August (the Monday after the last Saturday: 2 September 1968, 1 September 1969), and from 1967 a
  spring holiday at the end of May in place of Whit Monday (HC Deb 3 June 1965 vol 713 c250W for
  1967 and 1968). In 1970 Christmas was kept on the traditional days only, 25 and 26 December
  (HC Deb 11 November 1970 vol 806 c212W).
* One-off days proclaimed under the 1871 Act, each with where it is recorded (``ONE_OFF``).

Where ``holidays`` goes wrong for these years (checked against its version 0.109): it has no August
bank holiday at all before 1971, keeps Whit Monday through 1970, gives a substitute on 28 December
after a Christmas Day or Boxing Day on a Saturday (1936, 1937, 1953, 1965, 1970…) that the Acts did
not, and none of the one-off days. From 1971 the package follows the 1971 Act and the calendar uses it.

Not modelled, because we found no record to check them against (a reviewer who finds one adds a
line to ``ONE_OFF`` or ``CANCELLED``): days said to have been proclaimed for the coronations of
22 June 1911 and 12 May 1937; VE Day + 1 (9 May 1945) and VJ Day and the day after (15 and 16 August
1945); bank holidays cancelled or moved in wartime (1914-18, 1939-45); extra Christmas days
proclaimed in some years before 1971.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter as easter_sunday  # Gregorian Easter, as the narrative reader uses

FIRST_YEAR = 1900
LAST_YEAR = 1970

# Days proclaimed as bank holidays under the Bank Holidays Act 1871 s4, with where each is recorded.
ONE_OFF: dict[date, tuple[str, str]] = {
    # The proclamation named 26 and 27 June 1902 (HC Deb 18 June 1902 vol 109 c956). The coronation
    # itself was put off on 24 June, to 9 August; we found nothing revoking the proclamation.
    date(1902, 6, 26): ("Coronation of Edward VII (proclaimed)", "HC Deb 18 June 1902 vol 109 c956"),
    date(1902, 6, 27): ("Coronation of Edward VII (proclaimed)", "HC Deb 18 June 1902 vol 109 c956"),
    date(1935, 5, 6): ("Silver Jubilee of George V", "HC Deb 30 July 1934 vol 292 c2293"),
    # The three below rest on secondary sources only; we did not read the proclamations.
    date(1945, 5, 8): ("VE Day", "secondary: reports that it was declared a national holiday"),
    date(1953, 6, 2): ("Coronation of Elizabeth II",
                       "secondary: the government's announcement of November 2022 of a coronation bank holiday "
                       "'in line with the bank holiday ... in 1953'"),
    date(1968, 3, 15): ("Bank holiday (the gold crisis)",
                        "secondary: proclaimed under the 1871 Act on the morning itself, for the gold crisis"),
}
# Statutory days that a proclamation took away (none recorded yet; see the module's note).
CANCELLED: dict[date, str] = {}

# 1965-1970: the spring and late summer holidays fixed year by year on trial. Whit Monday stayed the
# spring holiday in 1965 and 1966 (the first fixed spring holiday announced was for 1967).
_TRIAL_SPRING: dict[int, date] = {
    1967: date(1967, 5, 29), 1968: date(1968, 6, 3), 1969: date(1969, 5, 26), 1970: date(1970, 5, 25),
}
_TRIAL_SUMMER: dict[int, date] = {
    1965: date(1965, 8, 30), 1966: date(1966, 8, 29), 1967: date(1967, 8, 28),
    1968: date(1968, 9, 2), 1969: date(1969, 9, 1), 1970: date(1970, 8, 31),
}


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def holidays_in(year: int) -> dict[date, str]:
    """Every holiday in England and Wales in ``year`` (1900 to 1970), weekends included."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is outside {FIRST_YEAR}-{LAST_YEAR}; later years follow the 1971 Act")
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2): "Good Friday",
        easter + timedelta(days=1): "Easter Monday",
        date(year, 12, 25): "Christmas Day",
    }
    if year in _TRIAL_SPRING:
        days[_TRIAL_SPRING[year]] = "Spring Bank Holiday"
    else:
        days[easter + timedelta(days=50)] = "Whit Monday"
    days[_TRIAL_SUMMER.get(year) or _first_monday(year, 8)] = "August Bank Holiday"
    boxing = date(year, 12, 26)
    if boxing.weekday() == 6:
        days[date(year, 12, 27)] = "Boxing Day (Sunday, kept on the 27th)"
    else:
        days[boxing] = "Boxing Day"
    for day, (name, _source) in ONE_OFF.items():
        if day.year == year:
            days[day] = f"{days[day]}; {name}" if day in days else name
    for day in CANCELLED:
        days.pop(day, None)
    return days
