"""What happened and who it concerns, from everyday words."""

from __future__ import annotations

from datetime import date

import pytest

from fairwitness.narrative import CaseContext, propose
from fairwitness.narrative.kinds import kinds_in
from fairwitness.narrative.people import Person, mentions


@pytest.mark.parametrize(("sentence", "kind", "fields"), [
    ("They put him on a CP plan after the conference.", "cp_plan_started", {}),
    ("Both kids were put on the register.", "cp_plan_started", {}),
    ("We were told it was only CIN and we had no choice.", None, {}),
    ("A child in need plan has now been put in place.", "cin_plan_started", {}),
    ("I signed papers for section 20 because they said it was that or court.", "section_20_started", {}),
    ("We agreed to a voluntary care order.", "section_20_started", {}),
    ("The police came and took my son.", "police_protection_started", {}),
    ("They took him from school that afternoon.", "removed_from_home", {}),
    ("My little girl was taken by social services.", "removed_from_home", {}),
    ("The social worker came round to our house unannounced.", "activity", {"activity": "home_visit"}),
    ("The social worker went to see the children alone at school.", "activity", {"activity": "child_seen_alone"}),
    ("They had a strategy meeting without telling us.", "strategy_discussion", {}),
    ("There was a review conference in June.", "meeting", {"meeting_type": "cp_review_conference"}),
    ("We went to the ICPC and nobody listened.", "meeting", {"meeting_type": "icpc"}),
    ("I was not invited to the core group.", "meeting", {"meeting_type": "core_group"}),  # the meeting happened all the same
    ("They never had a conference.", None, {}),  # negated next to the words
    ("I refused the assessment.", "consent", {"decision": "refused"}),
    ("We withdrew our consent to section 20.", "consent", {"decision": "withdrawn"}),
    ("She threatened us with court if we did not sign.", "pressure", {}),
    ("They stopped all contact over Christmas.", "contact_stopped", {}),
    ("I put in a formal complaint about the report.", "complaint_made", {"stage": 1}),
    ("I asked for stage 2 because they never answered.", "complaint_made", {"stage": 2}),
    ("I made a subject access request for our file.", "subject_access_request", {}),
    ("We went to the Ombudsman in the end.", "ombudsman_complaint", {}),
    ("The judge made an interim care order.", "interim_care_order", {}),
    ("The council applied for a full care order.", "care_proceedings_issued", {}),
    ("She went to live with her nan.", "placed_with_connected_person", {}),
    ("The report was full of lies and mistakes.", "record_disputed", {}),
])
def test_kind_from_everyday_words(sentence: str, kind: str | None, fields: dict) -> None:
    found = kinds_in(sentence)
    if kind is None:
        assert all(k.kind not in ("meeting", "consent") or k.confidence < 0.5 for k in found), found
        return
    match = next((k for k in found if k.kind == kind), None)
    assert match is not None, [k.kind for k in found]
    assert fields.items() <= match.fields.items()
    assert match.confidence >= 0.5


def test_general_statements_are_offered_unticked() -> None:
    """An adviser's or an article's explanation of the law is not an event in this family's life."""
    found = kinds_in("Care proceedings relate to the court process for children's services to seek a full care order.")
    assert found and all(k.confidence < 0.5 for k in found)


def test_hedged_words_lower_confidence() -> None:
    sure = kinds_in("We made a complaint.")[0].confidence
    hedged = kinds_in("We might make a complaint.")[0].confidence
    assert hedged < sure


PEOPLE = [Person("p1", "Kim Lee", "mother"), Person("p2", "Dan Lee", "father"), Person("p3", "Jo Smith", "social worker"),
          Person("p4", "Ann Ray", "foster carer")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Their dad was never told.", ["p2"]),
    ("The social worker rang mum.", ["p3", "p1"]),
    ("Jo said the foster carer would decide.", ["p3", "p4"]),
    ("Kim signed it.", ["p1"]),
])
def test_people_matched_by_name_and_role(sentence: str, expected: list[str]) -> None:
    assert [m.person_id for m in mentions(sentence, PEOPLE) if m.person_id] == expected


def test_agreement_is_the_parent_s_and_the_actor_is_the_council_s() -> None:
    case = {"children": [{"id": "c1", "name": "Sam"}], "people": [
        {"id": "p1", "name": "Kim Lee", "role": "mother", "parental_responsibility": True},
        {"id": "p3", "name": "Jo Smith", "role": "social worker"}]}
    proposals = propose("On 3 May 2023 the social worker made me sign the section 20 papers for Sam.", date(2024, 1, 1),
                        CaseContext.from_case(case))
    s20 = next(p for p in proposals if p.kind == "section_20_started")
    assert s20.by == "p3"
    assert s20.children == ["c1"]
    assert s20.when.day == date(2023, 5, 3)


def test_relative_dates_chain_through_the_story() -> None:
    text = ("On 1 March 2023 the social worker came to our house. After just 6 weeks they took her to court. "
            "The day before the hearing, they stopped contact.")
    proposals = propose(text, date(2024, 1, 1))
    kinds = [(p.kind, p.when.day, p.when.precision) for p in proposals]
    assert kinds[0] == ("activity", date(2023, 3, 1), "day")
    assert kinds[1] == ("care_proceedings_issued", date(2023, 4, 12), "approx")
    assert kinds[2] == ("contact_stopped", date(2023, 4, 11), "approx")
    assert "from the hearing on 12 April 2023" in proposals[2].when.how


def test_a_sentence_with_no_date_says_so() -> None:
    proposals = propose("They came to the house.", date(2024, 1, 1))
    assert proposals[0].when.precision == "approx"
    assert "Please give the real date" in proposals[0].when.how


def test_a_second_mention_is_marked_as_the_same_event() -> None:
    text = "In May 2022 both children were put on a child protection plan. We were shocked. Instead of help, they were put on the Child Protection Register."
    first, second = [p for p in propose(text, date(2024, 1, 1)) if p.kind == "cp_plan_started"]
    assert second.same_as == first.id and second.confidence < 0.5


def test_forum_posts_count_from_their_own_dates() -> None:
    text = ("Post by A » Mon Aug 08, 2022 10:19 pm\n\nYesterday they held a strategy meeting.\n\n"
            "Post by B » Tue Jan 02, 2024 9:00 am\n\nYesterday they held a strategy meeting.")
    first, second = propose(text, date(2024, 6, 1))
    assert first.when.day == date(2022, 8, 7) and second.when.day == date(2024, 1, 1)


def test_the_writer_is_matched_to_i_and_we() -> None:
    case = {"people": [{"id": "p1", "name": "Kim", "role": "mother", "parental_responsibility": True},
                       {"id": "p2", "name": "Dan", "role": "father", "parental_responsibility": True}]}
    context = CaseContext.from_case(case, writer="p2")
    refusal = propose("On 2 June 2023 I refused the assessment.", date(2024, 1, 1), context)[0]
    assert (refusal.kind, refusal.fields["person"], refusal.people) == ("consent", "p2", ["p2"])
    theirs = propose("On 2 June 2023 Kim refused the assessment.", date(2024, 1, 1), context)[0]
    assert theirs.fields["person"] == "p1"


@pytest.mark.parametrize(("sentence", "kinds"), [
    # The way judgments and Ombudsman decisions write.
    ("The local authority did not issue care proceedings until 8 months later.", ["care_proceedings_issued"]),
    ("At the final hearing in March 2013 the judge made a care order and a placement order.",
     ["proceedings_concluded", "care_order", "placement_order"]),
    ("An interim care order was made on 12 October 2012.", ["interim_care_order"]),
    ("The father was not told of the child protection conference held on 5 May 2018.", ["meeting"]),
    ("On 20 May 2018 the father wrote to the local authority asking for a copy of his file.", ["subject_access_request"]),
])
def test_kinds_as_decision_makers_write(sentence: str, kinds: list[str]) -> None:
    assert [k.kind for k in kinds_in(sentence)] == kinds


def test_what_a_new_parent_wrote_in_the_walk_through() -> None:
    """From a fresh-eyes walk-through: the self-referral was missed and a later sentence's date used."""
    text = ("I rang children's services on 2 September 2026 because I was struggling and asked for some help. "
            "On 30 September 2026 they started a section 47 investigation. She spoke to Chidi at school without telling us.")
    found = {p.kind: p for p in propose(text, date(2026, 12, 1))}
    assert found["referral_received"].when.day == date(2026, 9, 2)
    assert found["s47_enquiry_started"].when.day == date(2026, 9, 30)
    assert found["activity"].fields["activity"] == "child_seen_alone"
    assert found["activity"].plain_kind == "a child seen or spoken to alone"
