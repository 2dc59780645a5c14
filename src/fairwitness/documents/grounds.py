"""What the family says went wrong, in their own voice: one statement for each engine finding, for
the letters a family sends (a complaint, the Ombudsman's summary).

A check's title names a subject ("Agreement to section 20", "Finishing an assessment"): printed
beside the council's name it reads as though the family conceded the point. A letter says instead
what happened, then the duty it broke: "The assessment was not completed within 45 working days of
the referral on 6 January 2025: it was due by 10 March 2025 …". The engine's own explanation
cannot simply be reused: it is written to the parent ("you recorded", "record it", "this is a
concern rather than a breach"), and that advice has no place in a letter to the council.

Every number, date and name in a statement comes from the finding (so from the rule pack and the
record): these templates hold words only. A finding this module has no words for falls back to
the engine's explanation in the family's voice, without its advice to the parent.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from fairwitness.law.findings import Finding

# A deadline: (what should have happened, the verb, the day the clock ran from). The statements
# are "{what} was not {verb} within {limit} {since}: …".
_CLOCKS: dict[str, tuple[str, str, str]] = {
    "referral_decision": ("A decision on the referral of {start}", "made", ""),
    "assessment_timescale": ("The assessment", "completed", "of the referral on {start}"),
    "initial_assessment_timescale": ("The initial assessment", "completed", "of the referral on {start}"),
    "core_assessment_timescale": ("The core assessment started on {start}", "completed", ""),
    "icpc_timescale": ("The initial child protection conference", "held", "of the strategy discussion on {start}"),
    "cp_review_first": ("The first child protection review conference", "held", "of the initial conference on {start}"),
    "cp_review_interval": ("The next child protection review conference", "held", "of the review conference on {start}"),
    "lac_review_first": ("The first looked-after review", "held", "of the child becoming looked after on {start}"),
    "lac_review_second": ("The second looked-after review", "held", "of the first review on {start}"),
    "lac_review_interval": ("The next looked-after review", "held", "of the review on {start}"),
    "core_group_first": ("The first core group meeting", "held", "of the initial conference on {start}"),
    "subject_access_response": ("The subject access request of {start}", "answered in full", ""),
    "rectification_response": ("The request of {start} to correct the records", "answered", ""),
}

# A family's data requests are a person's, not a child's: never "the request … for Amy".
_NOT_PER_CHILD = frozenset({"subject_access_response", "rectification_response"})

_LATE = "{what}{for_children} was not {verb} within {limit}{since}: it was due by {due} and was {verb} only on {stopped_at}, {overdue} late."
_MISSED = "{what}{for_children} was not {verb} within {limit}{since}: it was due by {due}, and I have not been told that it has been {verb} since."

# Everything else, by check and by the engine's template (its explain key, else the status).
_STATEMENTS: dict[str, dict[str, str]] = {
    "permanence_plan": {
        "late": "No permanence plan was made {limit}: it was made only on {stopped_at}, {overdue} late.",
        "missed": "No permanence plan was made {limit}, and I have not been told that one has been made since.",
    },
    "recommendation_compliance": {
        "late": "What was recommended on {start} was not done by {due}, the date given: it was done only on "
                "{stopped_at}, {overdue} late.",
        "missed": "What was recommended on {start} was not done by {due}, the date given, and I have not been told "
                  "that it has been done since.",
    },
    "connected_person_approval": {
        "late": "{Council} did not decide within {limit} of the placement with a relative or friend that began on "
                "{start} whether to approve the carer fully as a foster carer or end the placement: the decision was "
                "due by {due} and was made only on {stopped_at}, {overdue} late.",
        "missed": "{Council} did not decide within {limit} of the placement with a relative or friend that began on "
                  "{start} whether to approve the carer fully as a foster carer or end the placement: the decision "
                  "was due by {due}, and I have not been told of one since.",
    },
    "placement_plan": {
        "late": "No placement plan was prepared for the placement that began on {start} before it began or, if that "
                "was not practicable, within {limit} (by {due}): it was prepared only on {stopped_at}, {overdue} late.",
        "missed": "No placement plan was prepared for the placement that began on {start} before it began or, if "
                  "that was not practicable, within {limit} (by {due}), and I have not seen one since.",
        "not_recorded": "I have not seen a placement plan for the placement that began on {start}. One was needed "
                        "before it began or, if that was not practicable, within {limit} (by {due}).",
    },
    "contact_refusal_limit": {
        "late": "{Council} refused contact on {start} without a court order and kept it refused beyond the {limit} "
                "allowed without one (to {due}): contact was restored only on {stopped_at}, {overdue} later.",
        "missed": "{Council} refused contact on {start} without a court order. Without one, contact may be refused "
                  "for at most {limit} (to {due}), yet it has not been restored.",
    },
    "epo_limit": {
        "late": "The emergency protection order made on {start} could last at most {limit}, to {due}, but it ran "
                "until {stopped_at}: {overdue} too long.",
        "missed": "The emergency protection order made on {start} could last at most {limit}, to {due}, but it is "
                  "still in force, {overdue} beyond that.",
        "second_extension": "The emergency protection order made on {start} was extended {count} times, although "
                            "the law allows one extension only.",
    },
    "child_assessment_order_limit": {
        "breach": "The child assessment order from {start} ran to {until}, although the law allows at most {limit} "
                  "from its start (to {due}): {overdue} too long.",
    },
    "removal_authority": {
        "breach": "{child_was} removed from home on {start} with no lawful authority: there was no agreement under "
                  "section 20 from a person with parental responsibility, no police protection, no emergency "
                  "protection order and no court order.{extra}",
        "claimed_not_recorded": "{Council} says {child} was removed on {start} under {route}, but I have seen no such "
                                "order or police protection that day. Without one, the removal had no lawful "
                                "authority.",
    },
    "section_20_objection": {
        "breach": "{who} objected on {start} to the accommodation under section 20, yet it continued until {until}. "
                  "A council may not accommodate a child under section 20 against the objection of a person with "
                  "parental responsibility who is willing and able to care for the child.",
    },
    "section_20_return_request": {
        "answered": "{who} asked on {start} for {child} to come home from section 20 accommodation. A person with "
                    "parental responsibility may remove a child from section 20 accommodation at any time, with no "
                    "notice; {what} only on {stopped_at}, {delay} later.",
        "not_answered": "{who} asked on {start} for {child} to come home from section 20 accommodation. A person "
                        "with parental responsibility may remove a child from section 20 accommodation at any time, "
                        "with no notice; by {stopped_at} {child} had not been returned and no order had been made "
                        "({delay}).",
    },
    "section_20_consent_quality": {
        "concern": "{child_was} accommodated under section 20 from {start}, but {detail}. Agreement to section 20 "
                   "must be real, informed and freely given by a person with parental responsibility, who can "
                   "object or take the child home at any time.",
    },
    "section_20_drift": {
        "concern": "{child_has} been accommodated under section 20 from {start} until {until}, more than {count} "
                   "months, while pre-proceedings or care proceedings were in view. Section 20 must not be used as a "
                   "long holding arrangement before proceedings.",
    },
    "voluntary_activity_without_consent": {
        "no_consent": "On {start} {council} carried out {activity} while {child} was a child in need under section "
                      "17, without the agreement of a person with parental responsibility. Help under section 17 is "
                      "voluntary and needs that agreement.",
        "after_refusal": "On {start} {council} carried out {activity} after {who} had {what} agreement on "
                         "{stopped_at}. Help under section 17 is voluntary: without a child protection enquiry or "
                         "a court order, a refusal should be respected.",
    },
    "pressure_on_voluntary_footing": {
        "concern": "On {start} {who_was} put under pressure{what} while {council_s} involvement was voluntary. "
                   "Agreement given under threat is not free agreement.",
    },
    "connected_person_looked_after": {
        "concern": "On {start} {council} arranged for {child} to live with {person} but called it a private "
                   "arrangement. When the council arranges a placement the child is usually looked after, with "
                   "reviews, a foster carer assessment and an allowance for the carer.",
    },
    "statutory_complaint_procedure": {
        "corporate": "The complaint of {start} is about services under Part III of the Children Act 1989 (section "
                     "17, section 20 or a looked-after child), but {council} handled it under {council_s} general complaints "
                     "procedure. It must be considered under the statutory three-stage procedure, with an "
                     "independent person at stage 2.",
        "declined": "On {stopped_at} {council} declined to consider the complaint of {start}, which is about "
                    "services under Part III of the Children Act 1989. It must be considered under the statutory "
                    "procedure.",
    },
    "pr_holder_informed": {
        "concern": "{who_has} parental responsibility, but {who_was} not told of {council_s} involvement before "
                   "{meeting} on {start}.",
        "told_later": "{who_has} parental responsibility, but {who_was} first involved only on {stopped_at}, after "
                      "{meeting} on {start}.",
    },
    "pr_holder_invited": {
        "concern": "{who_has} parental responsibility, but {who_was} not invited to {meeting} on {start}, and no "
                   "reason for leaving {them} out has been given.",
    },
    "parent_invited": {
        "concern": "{who_is} {child_s} parent, and {who_was} not invited to {meeting} on {start}, with no reason "
                   "given. Parents without parental responsibility should normally be involved.",
    },
    "conference_report_shared": {
        "late_share": "{who_was} given the report for {meeting} only on {stopped_at}, for a conference on {start}: "
                      "too late to read and answer it. Parents should have the report in advance.",
        "not_shared": "{who_was} not given the report for {meeting} on {start}. Parents should have the report in "
                      "advance.",
    },
    "whereabouts_told": {
        "withheld_section_20": "On {stopped_at} {council} kept from {who_obj} where {child} has lived since {start}. "
                               "A council may withhold this only for a child in its care under a court order, and "
                               "only where telling would harm the child; a child accommodated under section 20 is "
                               "not in care.",
        "withheld_in_care": "On {stopped_at} {council} kept from {who_obj} where {child} has lived since {start}. "
                            "It may do so only with reasonable cause to believe that telling would harm the child: "
                            "I ask for the reasons in writing.",
    },
    "kinship_information": {
        "not_recorded": "On {start} {child} went to live with {person} with {council_s} involvement, and I have seen "
                        "nothing to show that {person} was given written information about the options (such as "
                        "becoming a foster carer, a child arrangements order or special guardianship) and the "
                        "financial support available, as statutory guidance expects.",
        "concern": "On {start} {child} went to live with {person} with {council_s} involvement. Information was "
                   "given, but {detail}. Statutory guidance expects written information on the options and the "
                   "financial support available.",
    },
    "section_20_duty": {
        "concern": "On {start} {who} {what}, and I have not been told of any decision. Where a child in need appears "
                   "to need accommodation because no one can care for them, the council must provide it under "
                   "section 20, and must at least decide and say what it decided and why.",
        "relabelled": "On {start} {who} {what}, and on {stopped_at} {council} decided to help in another way. If "
                      "the child appeared to need accommodation because their carer could not care for them, the "
                      "council had to accommodate them under section 20 and could not call it something else.",
    },
    "consent_capacity": {
        "concern": "{who} agreed to section 20 accommodation on {start}, but {detail}. A social worker must be "
                   "satisfied that a parent agreeing to section 20 has the capacity to do so and understands what "
                   "they are agreeing to; without that there is no real agreement.",
    },
}

# Sentences of an explanation that speak to the parent, not about what happened.
_ADVICE = re.compile(
    r"(?:^|(?<=[.!?]) )(?:You can|You are|You may|Ask |Record |If you|If that|Our reading|This is a concern"
    r"|That is (?:a|the) |Say why|Raise the matter)[^.!?]*[.!?]")


def template_key(finding: Finding, explain: Mapping[str, str]) -> str:
    """Which of the check's explanation templates the engine used (its key), else the status."""
    for key, text in explain.items():
        if text and finding.template.startswith(text):
            return key
    return finding.status


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def statement(finding: Finding, explain: Mapping[str, str], voice: Mapping[str, str]) -> str:
    """The finding as the family states it, one or two sentences ending in a full stop. ``voice``
    holds the words that depend on who writes and to whom: ``council`` ("you" or "the council"),
    ``who`` ("I" or a name) and its forms, ``child`` and ``person`` (names without roles)."""
    values = _voice_values(finding, voice)
    values["Council"] = voice.get("council", "the council")[:1].upper() + voice.get("council", "the council")[1:]
    key = template_key(finding, explain)
    clock = _CLOCKS.get(finding.check)
    template = None
    if clock is not None and key in ("late", "missed"):
        what, verb, since = clock
        template = (_LATE if key == "late" else _MISSED).format(
            what=what, verb=verb, since=f" {since}" if since else "", for_children="{for_children}", limit="{limit}",
            due="{due}", stopped_at="{stopped_at}", overdue="{overdue}")
    if template is None:
        template = _STATEMENTS.get(finding.check, {}).get(key)
    if template is None:
        return _fallback(finding)
    text = string.Formatter().vformat(template, (), values)
    return _sentence(re.sub(r"\s+", " ", text).strip())


# A council date still to come, by check: the family asks the council to keep to it.
_RUNNING: dict[str, str] = {
    "permanence_plan": "A permanence plan is due by the second review (by {due}).",
    "placement_plan": "The placement plan for the placement that began on {start} is due by {due}.",
    "contact_refusal_limit": "Contact refused on {start} must be restored, or a court order made, by {due}.",
    "recommendation_compliance": "What was recommended on {start} is due to be done by {due}.",
    "connected_person_approval": "A decision whether to approve the relative or friend caring for the child since "
                                 "{start} fully as a foster carer, or to end the placement, is due by {due}.",
}


def running_statement(finding: Finding, voice: Mapping[str, str]) -> str:
    """A council deadline still running, stated as the date it falls due."""
    values = _voice_values(finding, voice)
    clock = _CLOCKS.get(finding.check)
    template = f"{clock[0]}{{for_children}} is due to be {clock[1]} by {{due}}." if clock else _RUNNING.get(finding.check)
    if template is None:
        return _fallback(finding)
    return _sentence(string.Formatter().vformat(template, (), values))


def _voice_values(finding: Finding, voice: Mapping[str, str]) -> _Values:
    values = _Values(finding.values)
    values.update(voice)
    values["due"] = _long(finding.due)
    if finding.check in _NOT_PER_CHILD:
        values["for_children"] = ""
    return values


def _fallback(finding: Finding) -> str:
    """The engine's explanation in the family's voice, its advice to the parent left out."""
    text = _ADVICE.sub("", finding.explanation).replace("Nothing is recorded yet.", "")
    text = re.sub(r"\byour\b", "my", text)
    text = re.sub(r"\bYour\b", "My", text)
    text = re.sub(r"\byou\b", "me", text)
    return _sentence(re.sub(r"\s+", " ", text).strip())


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")")) else text + "."


def _long(day: Any) -> str:
    from fairwitness.documents.wording import long_date

    return long_date(day) if day else ""
