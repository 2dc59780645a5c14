"""The iCalendar feed for one case: every council deadline still ahead and every time limit that
binds the family, each an all-day event on its date.

A phone calendar is not a private place, so the feed holds no child's or person's name and no
explanation: only the plain title of the time limit (from the law pack), its date, and a link back
to the case, where the details are behind the family's sign-in.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from fairwitness.law.findings import Finding, Report

PRODID = "-//Fair Witness//Case deadlines//EN"


def feed_findings(report: Report) -> list[Finding]:
    """Every council deadline ahead (status ``due``) and every open family window, soonest first."""
    found = [f for f in report.deadlines_ahead() if f.due is not None]
    found += [f for f in report.family_windows() if f.status == "due" and f.due is not None]
    return sorted(found, key=lambda f: (f.due, f.check))


def _uid(case_public_id: str, f: Finding) -> str:
    raw = f"{case_public_id}|{f.check}|{f.events[0] if f.events else ''}|{f.due}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32] + "@fairwitness"


def build_feed(report: Report, case_public_id: str, link: str, now: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Fair Witness deadlines")
    seen: set[str] = set()
    for f in feed_findings(report):
        uid = _uid(case_public_id, f)
        if uid in seen:  # a finding made once per child is one date in the calendar
            continue
        seen.add(uid)
        assert f.due is not None
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("dtstart", f.due)
        event.add("dtend", f.due + timedelta(days=1))
        who = "Your time limit" if f.family_window else "Council deadline"
        event.add("summary", f"{who}: {f.title}" if f.title else who)
        event.add("description", f"Details (sign-in needed): {link}")
        event.add("url", link)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Fair Witness"])
        if f.family_window:  # a week's warning on the phone for dates that bind the family
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{who} in a week")
            alarm.add("trigger", timedelta(days=-7))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def deadline_dates(feed: bytes) -> list[tuple[str, date]]:
    """(summary, date) for each event in a feed, read back with icalendar (used by the tests)."""
    cal = Calendar.from_ical(feed)
    return [(str(e.get("summary")), e.decoded("dtstart")) for e in cal.walk("VEVENT")]
