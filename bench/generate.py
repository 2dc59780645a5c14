"""Realistic synthetic England cases, seeded and deterministic, for the benchmark and load tests.

Each case starts with one referral in the 2024-25 year and follows the national pathway with the
rates of that year (DfE, Characteristics of children in need / Children looked after, 2024-25):

    633,000 referrals                     -> one case each
    648,830 assessments                   -> ~1.02 per referral (some re-assessed); median 33 working
                                             days from referral, 85.7% within 45
    230,590 section 47 enquiries          -> 36.4% of referrals
     72,100 initial conferences           -> 31.3% of enquiries; 81.4% within 15 working days
     61,840 child protection plans        -> 85.8% of initial conferences
     81,770 looked after at 31 March 2025 -> a stock; about 5% of referrals start a looked-after spell
    care proceedings                      -> mean about 41 weeks, about a third within 26

Around these, the events a family records: consents, visits, meetings, reviews, social worker
changes, complaints, subject access requests, disputes. Cases average about 30 events with a tail
of long ones. Dates are real calendar dates; working days come from the product's calendar.

    python bench/generate.py --cases 1000 --out bench/out/cases.jsonl
    python bench/generate.py --cases 50 --out bench/out/cases/        # one file per case
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fairwitness.law.calendar import add_months, working_calendar

HERE = Path(__file__).parent
YEAR_START = date(2024, 4, 1)
YEAR_DAYS = 365
LATEST_AS_OF = date(2026, 3, 31)  # no synthetic case is judged later (the loader refuses as_of beyond a year from today)

# Rates from the national figures above.
P_ASSESSMENT = 0.92
P_REASSESSMENT = 0.10  # brings assessments to ~1.02 per referral
P_S47 = 230_590 / 633_000
P_ICPC_GIVEN_S47 = 72_100 / 230_590
P_PLAN_GIVEN_ICPC = 61_840 / 72_100
P_LOOKED_AFTER = 0.05
P_PROCEEDINGS_GIVEN_LA = 0.45
P_CIN_PLAN = 0.30

# Lognormal shapes fitted to the published medians and shares (see the module docstring).
ASSESSMENT_MU, ASSESSMENT_SIGMA = math.log(33), math.log(45 / 33) / 1.067  # P(<=45 WD) = 0.857
ICPC_MU, ICPC_SIGMA = math.log(11), math.log(15 / 11) / 0.893  # P(<=15 WD) = 0.814
PROCEEDINGS_SIGMA = 0.6166  # mean 41 weeks, P(<=26 weeks) = 1/3
PROCEEDINGS_MU = math.log(41) - PROCEEDINGS_SIGMA**2 / 2

REFERRERS = ("police", "school", "health", "local_authority", "family", "anonymous")
REFERRER_WEIGHTS = (29, 20, 15, 7, 8, 4)
CATEGORIES = ("neglect", "emotional", "physical", "sexual", "domestic abuse", "parental mental health")
CATEGORY_WEIGHTS = (30, 40, 12, 5, 8, 5)


def local_authorities() -> list[str]:
    with (HERE / "local_authorities.csv").open(newline="", encoding="utf-8") as f:
        return [row["official_name"] for row in csv.DictReader(f)]


@dataclass
class CaseBuilder:
    rng: random.Random
    events: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kind: str, at: date | str, **fields: Any) -> str:
        event_id = f"e{len(self.events) + 1}"
        when = at.isoformat() if isinstance(at, date) else at
        self.events.append({"id": event_id, "kind": kind, "at": when, **fields})
        return event_id


def _wd(start: date, n: int) -> date:
    return working_calendar().add_working_days(start, max(0, n))


def _lognormal_int(rng: random.Random, mu: float, sigma: float, low: int = 1) -> int:
    return max(low, round(rng.lognormvariate(mu, sigma)))


def generate_case(index: int, seed: int = 2025, las: list[str] | None = None,
                  target_events: int | None = None) -> dict[str, Any]:
    """One case. ``target_events`` pads a long-running case with visits and meetings up to that size."""
    rng = random.Random(seed * 1_000_003 + index)
    las = las or local_authorities()
    b = CaseBuilder(rng)

    n_children = rng.choices((1, 2, 3, 4), (55, 28, 12, 5))[0]
    children = [{"id": f"c{i + 1}", "name": f"{rng.choice('ABCDEFGHJKLMNPRST')}.{rng.choice('ABCDEFGHJKLMNPRSTW')}.",
                 "date_of_birth": (date(2007, 6, 1) + timedelta(days=rng.randrange(17 * 365))).isoformat()}
                for i in range(n_children)]
    people = [{"id": "p1", "name": "M.", "role": "mother", "parental_responsibility": True}]
    pr_holders = ["p1"]
    if rng.random() < 0.7:
        has_pr = rng.random() < 0.8
        people.append({"id": "p2", "name": "F.", "role": "father", "parental_responsibility": has_pr})
        if has_pr:
            pr_holders.append("p2")
    if rng.random() < 0.2:
        people.append({"id": "p3", "name": "S.", "role": "stepfather", "parental_responsibility": False})

    d0 = YEAR_START + timedelta(days=rng.randrange(YEAR_DAYS))
    if d0.weekday() >= 5 and rng.random() < 0.9:
        d0 += timedelta(days=7 - d0.weekday())
    b.add("referral_received", d0, by=rng.choices(REFERRERS, REFERRER_WEIGHTS)[0],
          category=rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0])

    s47 = rng.random() < P_S47
    assessed = s47 or rng.random() < P_ASSESSMENT
    decision_day = _wd(d0, rng.choices((0, 1, 2, 4), (40, 48, 9, 3))[0])
    decision = "strategy_discussion" if s47 else ("assessment" if assessed else rng.choice(("no_further_action", "early_help")))
    b.add("referral_decision", decision_day, decision=decision)
    if not assessed:
        if rng.random() < 0.5:
            b.add("case_closed", _wd(decision_day, rng.randint(0, 5)))
        return _finish(b, index, las, children, people, pr_holders, rng, d0, target_events)

    for person in pr_holders:
        if rng.random() < 0.85:
            b.add("notified", _wd(decision_day, rng.randint(0, 3)), person=person)
    end = decision_day
    strategy_day = None
    if s47:
        strategy_day = _wd(decision_day, rng.choice((0, 0, 1, 2)))
        b.add("strategy_discussion", strategy_day, outcome="s47_enquiry")
        b.add("s47_enquiry_started", strategy_day)
    start = _wd(decision_day, rng.randint(0, 5))
    if not s47:
        for person in pr_holders:
            informed = rng.random() < 0.8
            b.add("consent", start, person=person, activity="assessment",
                  decision="given" if rng.random() < 0.95 else "refused", informed=informed, in_writing=rng.random() < 0.5)
    basis = "s47" if s47 else "s17"
    b.add("assessment_started", start, basis=basis)
    for _ in range(rng.randint(1, 4)):
        b.add("activity", _wd(start, rng.randint(1, 30)), activity=rng.choice(("home_visit", "home_visit", "child_seen_alone", "information_sharing")), by="local_authority")
    done = _wd(d0, _lognormal_int(rng, ASSESSMENT_MU, ASSESSMENT_SIGMA))
    b.add("assessment_completed", done, basis=basis)
    end = max(end, done)
    if rng.random() < P_REASSESSMENT:
        again = _wd(done, rng.randint(20, 60))
        b.add("assessment_started", again, basis="s17")
        b.add("assessment_completed", _wd(again, _lognormal_int(rng, ASSESSMENT_MU, ASSESSMENT_SIGMA)), basis="s17")

    icpc = s47 and rng.random() < P_ICPC_GIVEN_S47
    if s47 and strategy_day is not None:
        enquiry_end = _wd(strategy_day, rng.randint(5, 20))
        b.add("s47_enquiry_completed", enquiry_end, outcome="icpc" if icpc else rng.choice(("s17", "no_further_action")))
        end = max(end, enquiry_end)
    if icpc and strategy_day is not None:
        icpc_day = _wd(strategy_day, _lognormal_int(rng, ICPC_MU, ICPC_SIGMA))
        end = max(end, _child_protection(b, rng, icpc_day, pr_holders))
    elif rng.random() < P_CIN_PLAN:
        end = max(end, _child_in_need(b, rng, done, pr_holders))
    if rng.random() < P_LOOKED_AFTER / (1 - P_S47 * P_ICPC_GIVEN_S47 * 0.3):
        end = max(end, _looked_after(b, rng, end, pr_holders))
    end = _family_side(b, rng, d0, end, pr_holders)
    return _finish(b, index, las, children, people, pr_holders, rng, end, target_events)


def _meeting(b: CaseBuilder, rng: random.Random, day: date, meeting_type: str, pr_holders: list[str],
             reports: bool = False) -> str:
    invited = [p for p in pr_holders if rng.random() < 0.95]
    attended = [p for p in invited if rng.random() < 0.85]
    fields: dict[str, Any] = {"meeting_type": meeting_type, "invited": invited, "attended": attended}
    if reports:
        fields["reports_shared"] = [{"person": p, "at": (day - timedelta(days=rng.choice((0, 1, 2, 3, 5)))).isoformat()} for p in invited]
    return b.add("meeting", day, **fields)


def _child_protection(b: CaseBuilder, rng: random.Random, icpc_day: date, pr: list[str]) -> date:
    _meeting(b, rng, icpc_day, "icpc", pr, reports=True)
    if rng.random() >= P_PLAN_GIVEN_ICPC:
        return icpc_day
    b.add("cp_plan_started", icpc_day)
    core = _wd(icpc_day, rng.choice((5, 8, 10, 10, 12)))
    _meeting(b, rng, core, "core_group", pr)
    months = max(3, round(rng.lognormvariate(math.log(9), 0.5)))
    plan_end = add_months(icpc_day, months)
    review = add_months(icpc_day, 3) - timedelta(days=rng.choice((0, 3, 7, -5)))
    while review < plan_end:
        _meeting(b, rng, review, "cp_review_conference", pr, reports=True)
        for k in range(1, 4):
            _meeting(b, rng, review + timedelta(weeks=6 * k), "core_group", pr)
        review = add_months(review, 6) - timedelta(days=rng.choice((0, 3, 7, -5)))
    b.add("cp_plan_ended", plan_end)
    return plan_end


def _child_in_need(b: CaseBuilder, rng: random.Random, start: date, pr: list[str]) -> date:
    b.add("cin_plan_started", start)
    _meeting(b, rng, start, "cin_meeting", pr)
    end = start + timedelta(days=rng.randint(120, 360))
    day = start
    while day + timedelta(days=90) < end:
        day += timedelta(days=rng.randint(75, 100))
        _meeting(b, rng, day, "cin_review", pr)
        b.add("activity", day + timedelta(days=rng.randint(7, 30)), activity="home_visit", by="local_authority")
    b.add("cin_plan_ended", end)
    return end


def _looked_after(b: CaseBuilder, rng: random.Random, start: date, pr: list[str]) -> date:
    if rng.random() < P_PROCEEDINGS_GIVEN_LA:
        letter = start + timedelta(days=rng.randint(7, 60))
        b.add("pre_proceedings_letter", letter)
        _meeting(b, rng, _wd(letter, rng.randint(5, 15)), "plo_meeting", pr)
        issued = letter + timedelta(weeks=rng.randint(4, 16))
        b.add("care_proceedings_issued", issued)
        la_start = issued + timedelta(days=rng.randint(0, 7))
        b.add("interim_care_order", la_start)
        weeks = _lognormal_int(rng, PROCEEDINGS_MU, PROCEEDINGS_SIGMA, low=8)
        extended = 26
        while extended < weeks and rng.random() < 0.9:
            b.add("extension_granted", issued + timedelta(weeks=extended - 1), weeks=8)
            extended += 8
        concluded = issued + timedelta(weeks=weeks)
        order = rng.choices(("care_order", "supervision_order", "special_guardianship_order"), (55, 20, 25))[0]
        b.add(order, concluded)
        b.add("proceedings_concluded", concluded, outcome=order)
    else:
        la_start = start + timedelta(days=rng.randint(1, 90))
        for person in pr:
            b.add("consent", la_start, person=person, activity="section_20_accommodation", decision="given",
                  informed=rng.random() < 0.85, in_writing=rng.random() < 0.8)
        b.add("section_20_started", la_start)
    first = _wd(la_start, rng.choice((15, 18, 20, 20, 22, 25)))
    _meeting(b, rng, first, "lac_review", pr)
    second = add_months(first, 3) + timedelta(days=rng.choice((-7, 0, 0, 5, 14)))
    _meeting(b, rng, second, "lac_review", pr)
    if rng.random() < 0.8:
        b.add("permanence_plan_made", second - timedelta(days=rng.randint(-20, 30)))
    b.add("contact_arranged", la_start + timedelta(days=3), **{"with": "p1"}, frequency="weekly", supervised=rng.random() < 0.7)
    last = add_months(second, 6)
    _meeting(b, rng, last, "lac_review", pr)
    return last


def _family_side(b: CaseBuilder, rng: random.Random, d0: date, end: date, pr: list[str]) -> date:
    """What families add: social worker changes, complaints, records requests, disputes."""
    span = max(30, (end - d0).days)
    for _ in range(rng.choices((0, 1, 2, 3, 4), (35, 30, 20, 10, 5))[0]):
        b.add("social_worker_changed", d0 + timedelta(days=rng.randrange(span)))
    if rng.random() < 0.12:
        made = _wd(d0 + timedelta(days=rng.randrange(span)), 0)
        b.add("complaint_made", made, stage=1, by="p1", procedure=rng.choices(("statutory", "corporate"), (85, 15))[0])
        b.add("complaint_acknowledged", _wd(made, 2), stage=1)
        b.add("complaint_response", _wd(made, _lognormal_int(rng, math.log(9), 0.5)), stage=1,
              outcome=rng.choice(("upheld", "partly_upheld", "not_upheld")))
        if rng.random() < 0.2:
            made2 = _wd(made, 30)
            b.add("complaint_made", made2, stage=2, by="p1")
            if rng.random() < 0.7:
                b.add("complaint_response", _wd(made2, _lognormal_int(rng, math.log(28), 0.4)), stage=2, outcome="partly_upheld")
        end = max(end, made)
    if rng.random() < 0.06:
        asked = d0 + timedelta(days=rng.randrange(span))
        b.add("subject_access_request", asked, by="p1", person="p1")
        b.add("subject_access_response", asked + timedelta(days=rng.randint(15, 70)), complete=rng.random() < 0.8)
        end = max(end, asked)
    if rng.random() < 0.03:
        day = d0 + timedelta(days=rng.randrange(span))
        b.add("record_disputed", day, document="assessment", statement="(disputed)", correction="(the family's account)")
        b.add("rectification_requested", day)
    if rng.random() < 0.03:
        b.add("pressure", d0 + timedelta(days=rng.randrange(span)), person="p1", threatened="child_protection_plan")
    return end


def _pad(b: CaseBuilder, rng: random.Random, start: date, pr: list[str], target: int) -> None:
    """Visits and meetings every week or two until the case has ``target`` events (a long case)."""
    day = start
    while len(b.events) < target:
        day += timedelta(days=rng.randint(3, 10))
        if rng.random() < 0.15:
            _meeting(b, rng, day, rng.choice(("core_group", "cin_review", "other")), pr)
        else:
            b.add("activity", day, activity="home_visit", by="local_authority")


def _finish(b: CaseBuilder, index: int, las: list[str], children: list[dict[str, Any]], people: list[dict[str, Any]],
            pr: list[str], rng: random.Random, last: date, target_events: int | None) -> dict[str, Any]:
    # The tail: most cases gain a few visits; some (long-running families) gain many.
    extra = int(rng.paretovariate(1.6) * 7.2) - 2 if target_events is None else 0
    if extra > 0:
        _pad(b, rng, last, pr, len(b.events) + min(extra, 400))
    if target_events is not None:
        _pad(b, rng, last, pr, target_events)
    latest = max(e["at"][:10] for e in b.events)
    as_of = date.fromisoformat(latest) + timedelta(days=14)
    if as_of > LATEST_AS_OF:  # a long case is moved back in time whole: the loader refuses a future as_of
        _shift(b.events, as_of - LATEST_AS_OF)
        as_of = LATEST_AS_OF
    return {
        "format": "fairwitness-case/1",
        "jurisdiction": "england",
        "local_authority": las[rng.randrange(len(las))],
        "as_of": as_of.isoformat(),
        "synthetic": {"index": index},
        "children": children,
        "people": people,
        "events": b.events,
    }


def _shift(events: list[dict[str, Any]], back: timedelta) -> None:
    """Every date in the events moved ``back`` (whole weeks, so weekdays stay weekdays)."""
    back = timedelta(weeks=-(-back.days // 7))
    for event in events:
        for name in ("at", "until", "from", "new_due", "due"):
            value = event.get(name)
            if isinstance(value, str) and len(value) >= 10:
                event[name] = (date.fromisoformat(value[:10]) - back).isoformat() + value[10:]
        for shared in event.get("reports_shared") or []:
            shared["at"] = (date.fromisoformat(shared["at"][:10]) - back).isoformat() + shared["at"][10:]


def generate(n: int, seed: int = 2025) -> Iterator[dict[str, Any]]:
    las = local_authorities()
    for i in range(n):
        yield generate_case(i, seed, las)


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate synthetic England cases.")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "cases.jsonl",
                        help="a .jsonl file (one case a line) or a directory (one .json file a case)")
    args = parser.parse_args()
    if args.out.suffix == ".jsonl":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for case in generate(args.cases, args.seed):
                f.write(json.dumps(case, separators=(",", ":")) + "\n")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, case in enumerate(generate(args.cases, args.seed)):
            (args.out / f"case-{i:06d}.json").write_text(json.dumps(case, indent=1), encoding="utf-8")
    print(f"wrote {args.cases} cases to {args.out}")


if __name__ == "__main__":
    main()
