"""Three demo families, as case files. Names are invented; the situations follow real accounts
(a petition to Parliament, parents' advice-board posts, a social worker's article). Every
date and name here is fictional."""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "demo-password-only"

# 1. The petition: a mother asked for help, went into hospital, and her children were taken to a
# foster carer without any order or signed agreement; six weeks later the council went to court.
REMOVED_WITHOUT_AUTHORITY: dict[str, Any] = {
    "format": "fairwitness-case/1",
    "jurisdiction": "england",
    "local_authority": "Exampleshire County Council",
    "title": "Sam's children",
    "children": [
        {"id": "c1", "name": "E.", "date_of_birth": "2009-06-14"},
        {"id": "c2", "name": "R.", "date_of_birth": "2011-02-03"},
        {"id": "c3", "name": "L.", "date_of_birth": "2014-10-22"},
    ],
    "people": [
        {"id": "p1", "name": "Sam Carter", "role": "mother", "parental_responsibility": True},
        {"id": "p2", "name": "Dan Price", "role": "mother's partner", "parental_responsibility": False},
        {"id": "p3", "name": "Mrs Hall", "role": "foster carer", "parental_responsibility": False},
    ],
    "events": [
        {"id": "e1", "kind": "referral_received", "at": "2021-02-01T10:30", "by": "p1", "source": "family",
         "concern": "Sam rang asking for help: an anxiety breakdown after historic abuse; she was booking herself into hospital."},
        {"id": "e2", "kind": "referral_decision", "at": "2021-02-02", "decision": "assessment", "by": "local_authority"},
        {"id": "e3", "kind": "assessment_started", "at": "2021-02-03", "basis": "s17"},
        {"id": "e4", "kind": "removed_from_home", "at": "2021-02-05T16:00", "from": "p1", "authority": "none",
         "by": "local_authority", "note": "The social worker collected the children from school and took them to Mrs Hall. "
         "Sam was told it was 'just while you are in hospital'. Nothing was signed and there was no court order."},
        {"id": "e5", "kind": "looked_after_started", "at": "2021-02-05"},
        {"id": "e6", "kind": "objection", "at": "2021-02-26", "person": "p1", "to": "section_20_accommodation",
         "note": "Sam phoned from hospital: she wanted the children to stay with her sister instead of strangers."},
        {"id": "e7", "kind": "care_proceedings_issued", "at": "2021-03-19", "by": "local_authority",
         "note": "Sam had to go to court from the hospital ward."},
        {"id": "e8", "kind": "interim_care_order", "at": "2021-03-26", "by": "court"},
        {"id": "e9", "kind": "contact_arranged", "at": "2021-04-06", "with": "p1", "frequency": "one hour every two weeks",
         "supervised": True},
        {"id": "e10", "kind": "complaint_made", "at": "2021-05-10", "stage": 1, "procedure": "statutory", "by": "p1",
         "subject": "Contact is one supervised hour a fortnight with no reason given.", "about": ["e9"]},
        {"id": "e11", "kind": "complaint_response", "at": "2021-06-21", "stage": 1, "outcome": "not_upheld",
         "responds_to": "e10"},
        {"id": "e12", "kind": "care_order", "at": "2021-11-15", "by": "court"},
        {"id": "e13", "kind": "proceedings_concluded", "at": "2021-11-15", "outcome": "care order"},
        {"id": "e14", "kind": "subject_access_request", "at": "2023-09-04", "person": "p1"},
        {"id": "e15", "kind": "subject_access_response", "at": "2023-11-27", "complete": False,
         "note": "Half the file was missing, including the notes from 5 February 2021."},
        {"id": "e16", "kind": "record_disputed", "at": "2023-12-04", "source": "family",
         "document": "Social work chronology, page 3",
         "statement": "Mother agreed to the children being accommodated under section 20.",
         "correction": "Sam signed nothing and was in hospital; she was told it was only while she was there.",
         "evidence": ["e4", "e6"]},
    ],
}

# 2. The father who was never told: a child in need plan made at meetings he was never invited
# to, after a section 17 assessment done as if it were compulsory.
FATHER_NOT_TOLD: dict[str, Any] = {
    "format": "fairwitness-case/1",
    "jurisdiction": "england",
    "local_authority": "Leeds City Council",
    "title": "Mark and J.",
    "children": [{"id": "c1", "name": "J.", "date_of_birth": "2012-05-30"}],
    "people": [
        {"id": "p1", "name": "Mark Ellis", "role": "father", "parental_responsibility": True},
        {"id": "p2", "name": "Kerry Boyd", "role": "mother", "parental_responsibility": True},
        {"id": "p3", "name": "Steve Boyd", "role": "stepfather", "parental_responsibility": False},
    ],
    "events": [
        {"id": "e1", "kind": "referral_received", "at": "2022-03-01", "by": "school", "category": "emotional",
         "concern": "The school was worried about J. living with a man who may only see his own children under supervision."},
        {"id": "e2", "kind": "referral_decision", "at": "2022-03-02", "decision": "assessment"},
        {"id": "e3", "kind": "assessment_started", "at": "2022-03-04T09:15", "basis": "s17"},
        {"id": "e4", "kind": "activity", "at": "2022-03-04T09:30", "activity": "home_visit",
         "note": "Two social workers arrived unannounced at Kerry's home."},
        {"id": "e5", "kind": "pressure", "at": "2022-03-04T09:35", "person": "p2", "threatened": "child_protection_plan",
         "said": "If you don't let us in and answer our questions we will have to go down the child protection route."},
        {"id": "e6", "kind": "consent", "at": "2022-03-04T09:40", "person": "p2", "activity": "assessment",
         "decision": "given", "informed": False, "in_writing": False,
         "note": "Nobody said the assessment was voluntary or that Kerry could say no."},
        {"id": "e7", "kind": "activity", "at": "2022-03-10", "activity": "information_sharing", "with": "J.'s GP and school",
         "note": "The assessment quotes the GP records. Nobody asked Kerry or Mark."},
        {"id": "e8", "kind": "activity", "at": "2022-03-11", "activity": "child_seen_alone", "with": "school",
         "note": "J. was taken out of class and spoken to alone."},
        {"id": "e9", "kind": "assessment_completed", "at": "2022-04-22", "basis": "s17"},
        {"id": "e10", "kind": "meeting", "at": "2022-05-03", "meeting_type": "cin_meeting",
         "invited": ["p2", "p3"], "attended": ["p2", "p3"]},
        {"id": "e11", "kind": "cin_plan_started", "at": "2022-05-03"},
        {"id": "e12", "kind": "meeting", "at": "2022-07-19", "meeting_type": "cin_review", "invited": ["p2"], "attended": ["p2"],
         "note": "Held at J.'s school. Mark was not told it was happening."},
        {"id": "e13", "kind": "notified", "at": "2022-08-05", "person": "p1", "by": "local_authority",
         "note": "A social worker rang Mark: they 'might want to talk to him'. First he had heard of any of it."},
        {"id": "e14", "kind": "complaint_made", "at": "2022-08-10", "stage": 1, "procedure": "statutory", "by": "p1",
         "subject": "I have parental responsibility and was never told of the assessment, the meetings or the plan.",
         "about": ["e10", "e11", "e12"]},
        {"id": "e15", "kind": "complaint_acknowledged", "at": "2022-08-12", "stage": 1},
        {"id": "e16", "kind": "complaint_response", "at": "2022-09-21", "stage": 1, "outcome": "partly_upheld"},
        {"id": "e17", "kind": "complaint_made", "at": "2022-09-30", "stage": 2, "procedure": "statutory", "by": "p1",
         "subject": "The answer did not explain why I was left out or what will change."},
        {"id": "e18", "kind": "subject_access_request", "at": "2022-10-03", "person": "p1"},
    ],
}

# 3. Adoptive parents who asked for respite, were put through a section 47 enquiry and a child
# protection plan, then had to ask for their son to be accommodated under section 20.
ADOPTIVE_SECTION_20: dict[str, Any] = {
    "format": "fairwitness-case/1",
    "jurisdiction": "england",
    "local_authority": "Bristol City Council",
    "title": "Mary and Tom's family",
    "children": [
        {"id": "c1", "name": "Son (A.)", "date_of_birth": "2007-08-19"},
        {"id": "c2", "name": "Daughter (B.)", "date_of_birth": "2010-01-05"},
    ],
    "people": [
        {"id": "p1", "name": "Mary Osei", "role": "adoptive mother", "parental_responsibility": True},
        {"id": "p2", "name": "Tom Osei", "role": "adoptive father", "parental_responsibility": True},
    ],
    "events": [
        {"id": "e1", "kind": "referral_received", "at": "2020-09-01", "by": "p1", "source": "family",
         "concern": "We asked for respite: our son's behaviour had made life at home impossible."},
        {"id": "e2", "kind": "referral_decision", "at": "2020-09-14", "decision": "early_help"},
        {"id": "e3", "kind": "referral_received", "at": "2021-03-02", "by": "health", "category": "emotional",
         "concern": "Our daughter told CAMHS about her brother's behaviour towards her."},
        {"id": "e4", "kind": "strategy_discussion", "at": "2021-03-04", "outcome": "s47_enquiry"},
        {"id": "e5", "kind": "s47_enquiry_started", "at": "2021-03-04"},
        {"id": "e6", "kind": "s47_enquiry_completed", "at": "2021-03-25", "outcome": "icpc"},
        {"id": "e7", "kind": "meeting", "at": "2021-04-15", "meeting_type": "icpc", "invited": ["p1", "p2"],
         "attended": ["p1", "p2"], "reports_shared": [{"person": "p1", "at": "2021-04-14T17:30"}],
         "note": "The report reached us the evening before. Much of it was wrong."},
        {"id": "e8", "kind": "cp_plan_started", "at": "2021-04-15"},
        {"id": "e9", "kind": "meeting", "at": "2021-05-20", "meeting_type": "core_group", "invited": ["p1", "p2"],
         "attended": ["p1"]},
        {"id": "e10", "kind": "pressure", "at": "2021-06-10", "person": "p1", "threatened": "court",
         "said": "If you do not follow the plan we will seek legal advice about court."},
        {"id": "e11", "kind": "meeting", "at": "2021-07-15", "meeting_type": "cp_review_conference", "invited": ["p1", "p2"],
         "attended": ["p1", "p2"]},
        {"id": "e12", "kind": "consent", "at": "2021-08-02", "person": "p1", "activity": "section_20_accommodation",
         "decision": "given", "informed": True, "in_writing": True, "children": ["c1"],
         "note": "We asked for this ourselves, in desperation."},
        {"id": "e13", "kind": "section_20_started", "at": "2021-08-02", "consent": "e12", "children": ["c1"]},
        {"id": "e14", "kind": "removed_from_home", "at": "2021-08-02", "from": "p1", "authority": "section_20",
         "children": ["c1"]},
        {"id": "e15", "kind": "meeting", "at": "2021-08-31", "meeting_type": "lac_review", "invited": ["p1", "p2"],
         "attended": ["p1", "p2"], "children": ["c1"]},
        {"id": "e16", "kind": "section_20_removal_request", "at": "2022-03-01", "person": "p1", "children": ["c1"],
         "note": "We asked in writing for our son to come home with support in place."},
        {"id": "e17", "kind": "section_20_ended", "at": "2022-03-18", "children": ["c1"]},
        {"id": "e18", "kind": "returned_home", "at": "2022-03-18", "to": "p1", "children": ["c1"]},
        {"id": "e19", "kind": "cp_plan_ended", "at": "2022-04-12"},
        {"id": "e20", "kind": "complaint_made", "at": "2022-05-03", "stage": 1, "procedure": "statutory", "by": "p1",
         "subject": "Inaccurate assessments presented at conferences; our requests for respite ignored."},
        {"id": "e21", "kind": "complaint_acknowledged", "at": "2022-05-05", "stage": 1},
        {"id": "e22", "kind": "complaint_response", "at": "2022-05-16", "stage": 1, "outcome": "partly_upheld"},
    ],
}

FAMILIES: list[tuple[str, str, dict[str, Any]]] = [
    ("family@example.org", "Sam Carter", REMOVED_WITHOUT_AUTHORITY),
    ("family2@example.org", "Mark Ellis", FATHER_NOT_TOLD),
    ("family3@example.org", "Mary Osei", ADOPTIVE_SECTION_20),
]

# A tiny but valid PDF, attached to one event so the demo shows a document.
LETTER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
