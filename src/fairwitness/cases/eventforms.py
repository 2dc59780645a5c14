"""Forms for recording an event, generated from the case format's table of kinds.

``fairwitness.law.caseformat.EVENT_FIELDS`` says which fields each kind has and their types; this
module adds what a parent needs to answer them: a plain question, a hint, plain labels for coded
values, and the case's own children, people and events as choices. ``build_event_form`` makes one
Django form class per (kind, case); ``EventForm.to_events`` turns the answers into case-format dicts:
the event itself plus, when the journey asked the agreement questions, ``consent`` and ``pressure``
events beside it.
"""

from __future__ import annotations

import contextlib
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal, get_args, get_origin

from django import forms

from fairwitness.cases.journey import Option
from fairwitness.govuk import CheckboxesField, DayMonthYearField, GovUKFormMixin
from fairwitness.law.caseformat import CONSENT_ACTIVITIES, EVENT_FIELDS, Exclusion, ReportShared
from fairwitness.law.dates import long_date

NOT_SURE = "not-sure"  # the "not sure / not recorded" answer to an optional question: stored as absent
NOBODY = "nobody"  # the exclusive "none of them" checkbox: stored as an empty list (known: nobody)
EARLIEST_YEAR = 1900  # an event or a birth before this is a mistyped year, not a record
# The "nobody" answer of each question about people at a meeting. Ticking it records ``[]``
# ("known: nobody"); leaving every box empty records nothing ("not known"), which the law core reads
# differently (it cannot say who was left out of a meeting whose invitees it does not know).
NOBODY_ANSWERS = {"invited": "Nobody in the family was invited", "attended": "Nobody in the family went",
                  "excluded_people": "Nobody was kept out", "reports_people": "Nobody was sent them"}


@dataclass
class CaseChoices:
    """What a form may offer from this case: its children, people and earlier events."""

    children: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    people: list[tuple[str, str]] = field(default_factory=list)  # (id, "Name (role)")
    pr_people: list[str] = field(default_factory=list)  # ids of people with parental responsibility
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (id, kind, plain label)
    births: dict[str, date] = field(default_factory=dict)  # child id -> date of birth, where known

    def person_name(self, person_id: str) -> str:
        return dict(self.people).get(person_id, person_id)


# ---------------------------------------------------------------------------------------------
# Words. A question is looked up as "kind.field" first, then "field".

QUESTIONS: dict[str, tuple[str, str]] = {
    "at": ("When did it happen?", "For example, 27 3 2024. If you do not know the exact day, give your best guess and say so in the notes."),
    "at_time": ("What time did it happen? (optional)", "Use the 24-hour clock, for example 09:30 or 16:05. Leave empty if you do not know."),
    "children": ("Which children was this about?", "Leave all unticked if it was about every child."),
    "by": ("Who did this? (optional)", ""),
    "source": ("Where does this record come from?", ""),
    "note": ("Anything else you want to write down (optional)", "What was said, who was there, how it went. Write it as you remember it."),
    "responds_to": ("Which one does this answer? (optional)", "If you are not sure, we will take the earliest one still open."),
    "procedure": ("Which complaints procedure? (optional)", "The council's letter usually says."),
    "concern": ("What was the concern? (optional)", "In the words you were told, if you know them."),
    "category": ("What kind of concern was it? (optional)", ""),
    "decision": ("What was decided?", ""),
    "basis": ("What kind of assessment was it? (optional)", "A letter or the social worker may have said."),
    "person": ("Who was it?", ""),
    "notified.person": ("Who was told?", ""),
    "consent.person": ("Whose agreement was it?", ""),
    "consent.activity": ("What was the agreement about?", ""),
    "consent.decision": ("What did they decide?", ""),
    "informed": ("Were they told it was their choice, and what would follow?", ""),
    "in_writing": ("Was it in writing?", ""),
    "activity": ("What did they do?", ""),
    "with": ("Who with? (optional)", "For example, the school, a GP, the police, a relative."),
    "pressure.person": ("Who was pressured? (optional)", ""),
    "said": ("What did they say? (optional)", "Their words as near as you remember them."),
    "threatened": ("What did they say would happen? (optional)", ""),
    "outcome": ("What was the outcome? (optional)", ""),
    "meeting_type": ("What kind of meeting was it?", ""),
    "invited": ("Who was invited?", ""),
    "attended": ("Who went to the meeting?", ""),
    "excluded_people": ("Was anyone kept out of the meeting?", "Tick anyone who was not invited, or was asked to leave."),
    "excluded_reason": ("Why were they kept out? (optional)", "If you were told a reason, write it here."),
    "reports_people": ("Who was sent the reports before the meeting?", ""),
    "reports_at": ("When did they get the reports? (optional)", ""),
    "removed_from_home.from": ("Whose care was the child taken from? (optional)", ""),
    "authority": ("What did they say gave them the power to do it?", "If nobody said, choose 'Nobody said'."),
    "returned_home.to": ("Who did the child come home to? (optional)", ""),
    "section_20_started.consent": ("Which agreement was this? (optional)", "The agreement you recorded, if you did."),
    "section_20_removal_request.person": ("Who asked for the child back?", ""),
    "objection.person": ("Who objected?", ""),
    "objection.to": ("What did they object to? (optional)", "For example, care by agreement (section 20), a placement, a plan."),
    "parents_informed.person": ("Who was told? (optional)", ""),
    "of": ("What were they told about? (optional)", ""),
    "until": ("Until when? (optional)", ""),
    "child_assessment_order.from": ("From when? (optional)", ""),
    "weeks": ("By how many weeks?", "A number, for example 8"),
    "proceedings_concluded.outcome": ("How did the court case end? (optional)", "For example, care order, returned home, special guardianship."),
    "placed_with_connected_person.person": ("Who did the child go to live with? (optional)", ""),
    "arranged_by": ("Who arranged it? (optional)", ""),
    "said_to_be": ("What did the council call it? (optional)", ""),
    "contact_arranged.with": ("Contact with whom? (optional)", ""),
    "contact_refused.with": ("Contact with whom? (optional)", ""),
    "contact_stopped.with": ("Contact with whom? (optional)", ""),
    "contact_resumed.with": ("Contact with whom? (optional)", ""),
    "frequency": ("How often? (optional)", "For example, twice a week for 2 hours."),
    "supervised": ("Was it supervised? (optional)", ""),
    "reason": ("What reason were you given? (optional)", ""),
    "name": ("The new social worker's name (optional)", ""),
    "stage": ("Which stage?", "Stage 1 is the first complaint; stage 2 an investigation; stage 3 a review panel."),
    "subject": ("What is the complaint about? (optional)", ""),
    "about": ("Which events is it about? (optional)", ""),
    "new_due": ("What new date did they give? (optional)", ""),
    "complaint_response.outcome": ("What did they decide? (optional)", ""),
    "action": ("What should the council do? (optional)", ""),
    "due": ("By when? (optional)", ""),
    "ombudsman_decision.outcome": ("What did the Ombudsman decide? (optional)", "For example, fault found, no fault."),
    "remedy": ("What did the Ombudsman ask the council to do? (optional)", ""),
    "regulator_concern.to": ("Which regulator? (optional)", ""),
    "subject_access_request.person": ("Whose records were asked for? (optional)", ""),
    "complete": ("Did they send everything you asked for?", ""),
    "document": ("Which document is wrong? (optional)", "Its title and date, for example 'Child and family assessment, 3 May 2024'."),
    "statement": ("What does it say? (optional)", "Quote the words."),
    "correction": ("What is true instead? (optional)", ""),
    "evidence": ("What shows it is wrong? (optional)", "Earlier events in your record."),
    "rectification_response.outcome": ("What did they do? (optional)", ""),
    "complaint_declined.reason": ("What reason did they give? (optional)", ""),
    "subject_category": ("What is the complaint mainly about?",
                         "This decides which complaints procedure applies, so choose the closest. If it is about "
                         "several things, choose the help or services your child or family gets."),
    "on_behalf_of": ("Was the complaint made for a child by someone acting for them? (optional)",
                     "Leave this as 'Not sure' if you complained as a parent in your own name."),
    "grounds": ("Which is closest to the reason they gave? (optional)", "Their own words go in the box above."),
    # Issue 8: older records, placements and the duties around them
    "assessment_kind": ("Was it called an initial, core or single assessment? (optional)",
                        "Before April 2013 councils did an initial assessment first, then sometimes a core assessment."),
    "capacity_considered": ("Did anyone check you were well enough, and understood enough, to agree? (optional)",
                            "For example, after giving birth, while unwell, or in distress."),
    "interpreter_needed": ("Did you need an interpreter to understand? (optional)", ""),
    "interpreter_provided": ("Was an interpreter there? (optional)", ""),
    "accommodation_requested.person": ("Who asked? (optional)", ""),
    "ground": ("Why did the child need somewhere to live? (optional)", ""),
    "accommodation_decision.decision": ("What did the council decide? (optional)", ""),
    "reasons": ("What reasons did they give? (optional)", ""),
    "care_proceedings_issued.application": ("Which application was this? (optional)", "The application you recorded, if you did."),
    "order": ("Which order was set aside? (optional)", ""),
    "order_type": ("What kind of order was it? (optional)", ""),
    "on_appeal": ("Was it set aside on appeal? (optional)", ""),
    "placement_type": ("What kind of placement? (optional)", ""),
    "placement_started.with": ("Who is the child living with? (optional)", "For example, the foster carers' first names."),
    "placement": ("Which placement was this? (optional)", "The placement you recorded, if you did."),
    "placement_ended.reason": ("Why did it end? (optional)", ""),
    "whereabouts_told.person": ("Who was told where the child is living?", ""),
    "whereabouts_withheld.person": ("Who was not told where the child is living? (optional)", ""),
    "whereabouts_withheld.reason": ("What reason were you given? (optional)", ""),
    "kinship_information_given.person": ("Who was given the information? (optional)", ""),
    "kinship_information_given.in_writing": ("Was it in writing? (optional)", ""),
    "financial_support": ("Did it explain the money and support available? (optional)", ""),
    "fee_paid_at": ("When did you pay the fee, if they asked for one? (optional)",
                    "Before 25 May 2018 councils could charge up to £10 for a copy of your records."),
    "information_given_at": ("When did you give them the proof of identity or details they asked for? (optional)", ""),
}

WORDS: dict[str, dict[str, str]] = {
    "decision": {"no_further_action": "No further action", "early_help": "Early help",
                 "assessment": "An assessment", "strategy_discussion": "A strategy discussion",
                 "given": "Agreed", "refused": "Refused", "withdrawn": "Took back an earlier agreement"},
    "basis": {"s17": "A child in need assessment (section 17)", "s47": "A child protection enquiry (section 47)"},
    "activity": {
        "assessment": "An assessment", "home_visit": "A visit to our home", "child_seen_alone": "Seeing my child alone",
        "information_sharing": "Sharing information about us", "medical_records": "Looking at medical records",
        "drug_or_alcohol_test": "A drug or alcohol test", "contact_third_party": "Contacting someone about us",
        "section_20_accommodation": "My child going into care by agreement (section 20)", "plan": "A plan",
        "letter_or_report_received": "A letter or report arrived", "minutes_received": "Minutes of a meeting arrived",
    },
    "outcome": {"s47_enquiry": "A child protection (section 47) enquiry", "no_further_action": "No further action",
                "s17": "Support as a child in need (section 17)", "icpc": "An initial child protection conference",
                "upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld",
                "none": "No decision given", "corrected": "They corrected it",
                "statement_of_disagreement_added": "They added my statement that I disagree", "refused": "They refused"},
    "meeting_type": {"icpc": "Initial child protection conference", "cp_review_conference": "Child protection review conference",
                     "core_group": "Core group meeting", "cin_meeting": "Child in need meeting", "cin_review": "Child in need review",
                     "lac_review": "Looked-after child review", "plo_meeting": "Pre-proceedings (PLO) meeting",
                     "strategy": "Strategy meeting", "other": "Another meeting"},
    "authority": {"section_20": "Our agreement (section 20)", "police_protection": "Police protection",
                  "epo": "An emergency protection order", "interim_care_order": "An interim care order",
                  "care_order": "A care order", "none": "Nothing: they had no order and we had not agreed",
                  "unknown": "Nobody said"},
    "arranged_by": {"local_authority": "The council", "family": "Our family", "court": "The court"},
    "said_to_be": {"private_arrangement": "A private family arrangement", "section_20": "Care by agreement (section 20)",
                   "foster_placement": "A foster placement"},
    "threatened": {"child_protection_plan": "A child protection plan", "court": "Going to court",
                   "removal": "Taking the children away", "other": "Something else"},
    "stage": {"1": "Stage 1: local resolution", "2": "Stage 2: investigation", "3": "Stage 3: review panel"},
    "procedure": {"statutory": "The Children Act complaints procedure", "corporate": "The council's general complaints procedure",
                  "conference": "The child protection conference complaints route"},
    "to": {"social_work_england": "Social Work England", "ofsted": "Ofsted", "ico": "The Information Commissioner's Office (ICO)"},
    "source": {"family": "What we saw, heard or were told", "local_authority_document": "A letter or report from the council",
               "court_document": "A court document", "reviewer": "An independent reviewer"},
    "by": {"local_authority": "The council (children's services)", "police": "The police", "court": "The court",
           "school": "A school or nursery", "health": "A doctor, nurse or health visitor"},
    "category": {"neglect": "Neglect", "emotional": "Emotional harm", "physical": "Physical harm", "sexual": "Sexual harm"},
    "of": {"police_protection": "Police protection", "epo": "An emergency protection order"},
    "subject_category": {
        "part_iii_service": "Help or services for my child or family (child in need, section 20, a child in care)",
        "child_protection_conference": "A child protection conference or plan",
        "section_47": "A child protection enquiry (section 47)",
        "social_worker_conduct": "How a social worker behaved",
        "records": "What the council's records say, or getting a copy of them",
        "other": "Something else",
    },
    "grounds": {
        "late": "It was made too late", "representative_for_child": "The person complaining could not act for the child",
        "sufficient_interest": "The person complaining was not close enough to the child",
        "before_court": "The matter is before a court", "before_social_work_england": "Social Work England is looking at it",
        "not_part_iii": "It is not a matter for the children's complaints procedure", "other": "Another reason",
    },
    "assessment_kind": {"initial": "An initial assessment", "core": "A core assessment", "single": "A single assessment"},
    "ground": {"parent_request": "I asked them to look after my child", "carer_unable": "The person caring for the child could not go on",
               "no_one_with_pr": "No one with parental responsibility could care for the child",
               "lost_or_abandoned": "The child was lost or abandoned", "child_request": "The child asked for somewhere to live"},
    "placement_type": {"foster_care": "Foster care", "connected_person": "A relative or friend",
                       "residential": "A children's home", "with_parent": "With a parent", "other": "Somewhere else"},
    "order_type": {"epo": "An emergency protection order", "interim_care_order": "An interim care order",
                   "care_order": "A care order", "supervision_order": "A supervision order",
                   "special_guardianship_order": "A special guardianship order", "placement_order": "A placement order",
                   "child_assessment_order": "A child assessment order"},
}
WORDS["decision"].update({"accommodated": "To look after the child (accommodation)", "other_help": "To help in another way"})

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_NOT_SURE = [("yes", "Yes"), ("no", "No"), (NOT_SURE, "Not sure")]

# Fields that name a person in the case (by id), per kind; everything else named "person" does too.
_PERSON_FIELDS = {("removed_from_home", "from_"), ("returned_home", "to")}
# Free-text fields the case format suggests values for: offered as radios with those values.
_WORD_RADIOS = {("referral_received", "category"), ("pressure", "threatened"), ("consent", "activity"),
                ("placed_with_connected_person", "said_to_be"), ("parents_informed", "of"),
                ("regulator_concern", "to")}
# Fields that name an earlier event of the case, offered as a choice of those events.
_EVENT_REFERENCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("section_20_started", "consent"): ("consent",),
    ("placement_ended", "placement"): ("placement_started", "placed_with_connected_person", "section_20_started"),
    ("placement_plan_made", "placement"): ("placement_started", "placed_with_connected_person", "section_20_started"),
    ("order_set_aside", "order"): ("epo_granted", "interim_care_order", "care_order", "supervision_order",
                                   "special_guardianship_order", "placement_order", "child_assessment_order"),
    ("care_proceedings_issued", "application"): ("care_application_made",),
}
# Which earlier kinds a response may answer.
RESPONDS_TO: dict[str, tuple[str, ...]] = {
    "complaint_acknowledged": ("complaint_made",), "complaint_extension_notified": ("complaint_made",),
    "complaint_response": ("complaint_made",), "complaint_declined": ("complaint_made",),
    "review_panel_held": ("complaint_made",), "review_panel_report": ("complaint_made",),
    "local_authority_final_response": ("complaint_made",), "recommendation_complied": ("recommendation_made",),
    "ombudsman_decision": ("ombudsman_complaint",), "subject_access_extension_notified": ("subject_access_request",),
    "subject_access_response": ("subject_access_request",), "rectification_response": ("rectification_requested",),
    "epo_extended": ("epo_granted",), "connected_person_approval_extended": ("connected_person_temporarily_approved",),
}
_PROCEDURE_KINDS = {k for k in EVENT_FIELDS if k.startswith("complaint_")} | {
    "review_panel_held", "review_panel_report", "local_authority_final_response"}


def question(kind: str, name: str) -> tuple[str, str]:
    json_name = name.rstrip("_")
    return QUESTIONS.get(f"{kind}.{json_name}") or QUESTIONS.get(json_name) or (
        json_name.replace("_", " ").capitalize(), "")


def plain_value(name: str, value: Any) -> str:
    """A coded value in plain words ("home_visit" -> "A visit to our home")."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    words = WORDS.get(name.rstrip("_"), {})
    return words.get(str(value), str(value).replace("_", " ") if isinstance(value, str) else str(value))


# ---------------------------------------------------------------------------------------------
# Field specs from the type table


def _strip_optional(typ: Any) -> tuple[Any, bool]:
    if get_origin(typ) in (typing.Union, types.UnionType):
        args = [a for a in get_args(typ) if a is not type(None)]
        if len(args) < len(get_args(typ)):
            return (args[0] if len(args) == 1 else typing.Union[tuple(args)]), True  # noqa: UP007
    return typ, False


def _is_date(typ: Any) -> bool:
    if typ is date or typ is datetime:
        return True
    if get_origin(typ) is typing.Annotated:
        return _is_date(get_args(typ)[0])
    if get_origin(typ) in (typing.Union, types.UnionType):
        return all(_is_date(a) for a in get_args(typ))
    return False


def _radios(label: str, hint: str, choices: list[tuple[str, str]], required: bool) -> forms.ChoiceField:
    if not required:
        choices = [*choices, (NOT_SURE, "Not sure, or not recorded")]
    return forms.ChoiceField(label=label, help_text=hint, choices=choices, required=required,
                             widget=forms.RadioSelect,
                             error_messages={"required": f"Select an answer to '{label}'",
                                             "invalid_choice": "Select one of the answers"})


def _kind_field(kind: str, name: str, typ: Any, default: Any, choices: CaseChoices) -> forms.Field | None:
    label, hint = question(kind, name)
    inner, was_optional = _strip_optional(typ)
    required = default is ... and not was_optional
    json_name = name.rstrip("_")
    if get_origin(inner) is Literal:
        values = [str(v) for v in get_args(inner)]
        words = WORDS.get(json_name, {})
        field_ = _radios(label, hint, [(v, words.get(v, v.replace("_", " ").capitalize())) for v in values],
                         required=required and default is ...)
        if default not in (..., None):
            field_.initial = str(default)
        return field_
    if _is_date(inner):
        return DayMonthYearField(label=label, help_text=hint or None, required=required)
    if inner is bool:
        if default is ...:
            return _radios(label, hint, YES_NO, required=True)
        if default is None:
            return _radios(label, hint, YES_NO, required=False)
        f = _radios(label, hint, YES_NO, required=True)
        f.initial = "yes" if default else "no"
        return f
    if inner is int:
        return forms.IntegerField(label=label, help_text=hint, required=required, min_value=1, max_value=520,
                                  widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                                  error_messages={"required": f"Enter {label.lower().rstrip('?')}",
                                                  "invalid": "Enter a whole number, like 8",
                                                  "min_value": "Enter a number of 1 or more",
                                                  "max_value": "Enter a smaller number"})
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        if item in (Exclusion, ReportShared):
            return None  # the meeting's own pair of questions, added by build_event_form
        if json_name in ("invited", "attended"):
            if not choices.people:
                return None
            return CheckboxesField(label=label, help_text=hint, choices=choices.people, required=False,
                                   none_choice=(NOBODY, NOBODY_ANSWERS[json_name]))
        if not choices.events:
            return None
        return CheckboxesField(label=label, help_text=hint, required=False,
                               choices=[(e, lbl) for e, _k, lbl in choices.events])
    # A plain string.
    if json_name == "person" or (kind, name) in _PERSON_FIELDS:
        if not choices.people:
            return None if not required else _radios(label, "Add the people in this case first.", [], True)
        return _radios(label, hint, list(choices.people), required=required)
    if json_name == "on_behalf_of":
        return _radios(label, hint, list(choices.children), required=False) if choices.children else None
    refers_to = _EVENT_REFERENCES.get((kind, json_name))
    if refers_to:
        earlier = [(e, lbl) for e, k, lbl in choices.events if k in refers_to]
        return _radios(label, hint, earlier, required=False) if earlier else None
    if (kind, json_name) in _WORD_RADIOS:
        words = WORDS[json_name]
        values = list(CONSENT_ACTIVITIES) if json_name == "activity" else list(words)
        return _radios(label, hint, [(v, words.get(v, v)) for v in values], required=required)
    long_text = json_name in ("concern", "said", "statement", "correction", "subject", "action", "remedy", "reason")
    widget: forms.Widget = forms.Textarea if long_text else forms.TextInput
    return forms.CharField(label=label, help_text=hint, required=required, max_length=5000, widget=widget,
                           error_messages={"required": f"Enter {label.lower().rstrip('?')}"})


class _TimeField(forms.CharField):
    def clean(self, value: Any) -> time | None:
        text = (super().clean(value) or "").strip().replace(".", ":")
        if not text:
            return None
        try:
            hours, minutes = text.split(":") if ":" in text else (text[:-2], text[-2:])
            return time(int(hours), int(minutes))
        except (ValueError, TypeError):
            raise forms.ValidationError("Enter a time like 09:30 or 16:05") from None


# ---------------------------------------------------------------------------------------------
# The agreement questions, asked beside activities that need agreement on a voluntary footing

AGREEMENT_FIELDS = ("agreement_person", "agreement_asked", "agreement_decision", "agreement_informed",
                    "agreement_in_writing", "pressure_any", "pressure_said", "pressure_threatened")


def _agreement_fields(choices: CaseChoices) -> dict[str, forms.Field]:
    people = list(choices.people)
    fields: dict[str, forms.Field] = {}
    if people:
        f = _radios("Whose agreement should they have asked for?", "Usually a parent with parental responsibility.",
                    people, required=True)
        if choices.pr_people:
            f.initial = choices.pr_people[0]
        fields["agreement_person"] = f
    fields["agreement_asked"] = _radios("Did they ask for your agreement?", "", YES_NO_NOT_SURE, required=True)
    fields["agreement_decision"] = _radios(
        "If they asked, what did you say?", "Leave this if they did not ask.",
        [("given", "I agreed"), ("refused", "I said no"), ("withdrawn", "I agreed at first, then took it back")],
        required=False)
    fields["agreement_informed"] = _radios("Were you told you could say no?", "", YES_NO_NOT_SURE, required=True)
    fields["agreement_in_writing"] = _radios("Did you agree or refuse in writing?", "", YES_NO, required=False)
    fields["pressure_any"] = _radios("Did anyone say what would happen if you said no?", "", YES_NO, required=True)
    fields["pressure_said"] = forms.CharField(
        label="What did they say? (optional)", help_text="Their words as near as you remember them.",
        required=False, max_length=5000, widget=forms.Textarea)
    fields["pressure_threatened"] = _radios("What did they say would happen? (optional)", "",
                                            list(WORDS["threatened"].items()), required=False)
    return fields


# ---------------------------------------------------------------------------------------------
# The form


class EventForm(GovUKFormMixin, forms.Form):
    kind: str = ""
    option: Option
    case_choices: CaseChoices
    kind_field_names: tuple[str, ...] = ()
    asks_agreement = False
    is_correction = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.asks_agreement:
            if data.get("agreement_asked") == "yes" and not data.get("agreement_decision"):
                self.add_error("agreement_decision", "Select what you said when they asked")
            if data.get("agreement_asked") == "yes" and "agreement_person" in self.fields and not data.get("agreement_person"):
                self.add_error("agreement_person", "Select whose agreement they asked for")
        if self.asks_agreement and data.get("agreement_asked") == "yes" and "agreement_person" not in self.fields:
            # Never drop the answer: a consent names whose agreement it was, and nobody is recorded yet.
            self.add_error("agreement_asked", "Add the people in your case first, so the record can say whose "
                                              "agreement they asked for: use 'Add a person' above")
        for name, f in self.fields.items():
            day = data.get(name)
            if isinstance(f, DayMonthYearField) and isinstance(day, date) and day.year < EARLIEST_YEAR:
                self.add_error(name, f"The year must be {EARLIEST_YEAR} or later: check the year")
        at = data.get("at")
        if isinstance(at, date) and at.year >= EARLIEST_YEAR:
            if at > date.today():
                self.add_error("at", "The date must be today or in the past")
            else:
                self._warn_if_before_birth(at, data)
        return data

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("date_confirmed"):
            self._add_date_confirmation()

    def _add_date_confirmation(self) -> None:
        """The "yes, the date is right" box, placed under the date it confirms."""
        if "date_confirmed" in self.fields:
            return
        box = forms.BooleanField(label="Yes, the date is right", required=False)
        items = list(self.fields.items())
        at = next(i for i, (name, _f) in enumerate(items) if name == "at_time") + 1
        self.fields = dict([*items[:at], ("date_confirmed", box), *items[at:]])

    def _warn_if_before_birth(self, at: date, data: dict[str, Any]) -> None:
        """A date before a child was born is most often a mistyped year: say so, and let the parent
        confirm it (an event before a birth can be real: a referral during pregnancy)."""
        names = dict(self.case_choices.children)
        concerned = data.get("children") or list(names)
        unborn = [names.get(c, c) for c in concerned if c in self.case_choices.births and at < self.case_choices.births[c]]
        if not unborn or self.data.get("date_confirmed"):
            return
        self._add_date_confirmation()
        who = unborn[0] if len(unborn) == 1 else f"{', '.join(unborn[:-1])} and {unborn[-1]}"
        self.add_error("at", f"This is before {who} {'was' if len(unborn) == 1 else 'were'} born: is the year "
                             "right? If it is, tick 'Yes, the date is right'")

    # -- answers -> case format ---------------------------------------------------------
    def _when(self) -> str:
        day: date = self.cleaned_data["at"]
        at_time = self.cleaned_data.get("at_time")
        return datetime.combine(day, at_time).isoformat(timespec="minutes") if at_time else day.isoformat()

    def event_data(self) -> dict[str, Any]:
        """The event itself, as a case-format dict (no id: the actions give it one)."""
        cd = self.cleaned_data
        data: dict[str, Any] = {"kind": self.kind, "at": self._when(), **self.option.presets}
        for name in self.kind_field_names:
            value = _stored(cd.get(name), self.fields[name])
            if value is not None and (value != [] or getattr(self.fields[name], "none_choice", None)):
                data[name] = value  # [] only from a ticked "nobody": known to be nobody
        if cd.get("excluded_people") is not None:
            reason = cd.get("excluded_reason") or None
            data["excluded"] = [{"person": p, **({"reason": reason} if reason else {})} for p in cd["excluded_people"]]
        if cd.get("reports_people") is not None:
            when = cd.get("reports_at") or cd["at"]
            data["reports_shared"] = [{"person": p, "at": when.isoformat()} for p in cd["reports_people"]]
        for name in ("children", "by", "source", "note", "responds_to", "procedure"):
            if name in self.fields:
                value = _stored(cd.get(name), self.fields[name])
                if value not in (None, "", []):
                    data[name] = value
        if data.get("source") == "family" and not self.is_correction:
            data.pop("source")  # the default; keeps the record as short as what the family said
        return data

    def agreement_events(self) -> list[dict[str, Any]]:
        """``consent`` and ``pressure`` events from the agreement questions (none if not asked)."""
        if not self.asks_agreement:
            return []
        cd = self.cleaned_data
        activity = self.option.consent_activity
        person = cd.get("agreement_person")
        when = self._when()
        base = {"at": when}
        if cd.get("children"):
            base["children"] = list(cd["children"])
        out: list[dict[str, Any]] = []
        if cd.get("agreement_asked") == "yes" and person:
            consent: dict[str, Any] = {**base, "kind": "consent", "person": person, "activity": activity,
                                       "decision": cd["agreement_decision"]}
            if cd.get("agreement_informed") in ("yes", "no"):
                consent["informed"] = cd["agreement_informed"] == "yes"
            if cd.get("agreement_in_writing") in ("yes", "no"):
                consent["in_writing"] = cd["agreement_in_writing"] == "yes"
            out.append(consent)
        if cd.get("pressure_any") == "yes":
            pressure: dict[str, Any] = {**base, "kind": "pressure"}
            if person:
                pressure["person"] = person
            if cd.get("pressure_said"):
                pressure["said"] = cd["pressure_said"]
            if cd.get("pressure_threatened") not in (None, "", NOT_SURE):
                pressure["threatened"] = cd["pressure_threatened"]
            out.append(pressure)
        return out

    # -- check your answers -------------------------------------------------------------
    def summary_rows(self) -> list[tuple[str, str, str]]:
        """(question, answer in words, id to change it) for each answered question."""
        rows: list[tuple[str, str, str]] = []
        cd = self.cleaned_data
        for name, f in self.fields.items():
            value = cd.get(name)
            none = getattr(f, "none_choice", None)
            if value == [] and none:
                rows.append((str(f.label).replace(" (optional)", ""), none[1], self[name].auto_id))
                continue
            if value in (None, "", [], NOT_SURE) or name == "date_confirmed":
                continue
            text = _answer_text(value, f)
            rows.append((str(f.label).replace(" (optional)", ""), text, self[name].auto_id))
        return rows


def _stored(value: Any, f: forms.Field) -> Any:
    """A cleaned answer as the case format stores it."""
    if value in (None, "", NOT_SURE):
        return None
    if isinstance(f, forms.ChoiceField) and not isinstance(f, forms.MultipleChoiceField):
        if {c for c, _ in f.choices} >= {"yes", "no"} and len(f.choices) <= 3 and value in ("yes", "no"):
            return value == "yes"
        if getattr(f, "is_stage", False):
            return int(value)
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def _answer_text(value: Any, f: forms.Field) -> str:
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(f, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in f.choices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    return str(value)


def build_event_form(option: Option, choices: CaseChoices, *, correction: bool = False,
                     ask_agreement: bool | None = None, stored: dict[str, Any] | None = None) -> type[EventForm]:
    """A form class for this option's kind, with this case's children, people and events.

    ``stored`` (the version being corrected) adds any stored answer the choices do not offer (free
    text a case file or an import gave, like ``by: "a neighbour"``), so a correction keeps it."""
    kind = option.kind
    fields: dict[str, forms.Field] = {}
    at_label, at_hint = question(kind, "at")
    fields["at"] = DayMonthYearField(label=at_label, help_text=at_hint, required_message="Enter the date it happened")
    t_label, t_hint = question(kind, "at_time")
    fields["at_time"] = _TimeField(label=t_label, help_text=t_hint, required=False, max_length=5,
                                   widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}))
    kind_names: list[str] = []
    for name, (typ, default) in EVENT_FIELDS[kind].items():
        json_name = name.rstrip("_")
        if json_name in option.presets:
            continue
        f = _kind_field(kind, name, typ, default, choices)
        if f is None:
            continue
        if json_name == "stage":
            f.is_stage = True  # type: ignore[attr-defined]
        fields[json_name] = f
        kind_names.append(json_name)
    if kind == "meeting" and choices.people:
        label, hint = question(kind, "excluded_people")
        fields["excluded_people"] = CheckboxesField(label=label, help_text=hint, choices=choices.people, required=False,
                                                    none_choice=(NOBODY, NOBODY_ANSWERS["excluded_people"]))
        label, hint = question(kind, "excluded_reason")
        fields["excluded_reason"] = forms.CharField(label=label, help_text=hint, required=False, widget=forms.Textarea)
        label, hint = question(kind, "reports_people")
        fields["reports_people"] = CheckboxesField(label=label, help_text=hint, choices=choices.people, required=False,
                                                   none_choice=(NOBODY, NOBODY_ANSWERS["reports_people"]))
        label, hint = question(kind, "reports_at")
        fields["reports_at"] = DayMonthYearField(label=label, required=False)
    if len(choices.children) > 1:
        label, hint = question(kind, "children")
        fields["children"] = CheckboxesField(label=label, help_text=hint, choices=choices.children, required=False)
    if kind in RESPONDS_TO:
        earlier = [(e, lbl) for e, k, lbl in choices.events if k in RESPONDS_TO[kind]]
        if earlier:
            label, hint = question(kind, "responds_to")
            fields["responds_to"] = _radios(label, hint, earlier, required=False)
    if kind in _PROCEDURE_KINDS:
        label, hint = question(kind, "procedure")
        fields["procedure"] = _radios(label, hint, list(WORDS["procedure"].items()), required=False)
    asks = bool(option.consent_activity) if ask_agreement is None else ask_agreement
    if asks:
        fields.update(_agreement_fields(choices))
    label, hint = question(kind, "by")
    fields["by"] = _radios(label, hint, [*WORDS["by"].items(), *choices.people], required=False)
    label, hint = question(kind, "source")
    source = _radios(label, hint, list(WORDS["source"].items()), required=True)
    source.initial = "family"
    fields["source"] = source
    label, hint = question(kind, "note")
    fields["note"] = forms.CharField(label=label, help_text=hint, required=False, max_length=20000, widget=forms.Textarea)
    if correction:
        fields["reason"] = forms.CharField(
            label="What was wrong and why are you changing it?",
            help_text="This is kept with the new version. The earlier version stays in the record.",
            max_length=5000, widget=forms.Textarea,
            error_messages={"required": "Say what was wrong and why you are changing it"})
    if stored:
        _offer_stored_answers(fields, stored)
    attrs: dict[str, Any] = {
        **fields, "kind": kind, "option": option, "case_choices": choices,
        "kind_field_names": tuple(kind_names), "asks_agreement": asks, "is_correction": correction,
    }
    return type(f"{''.join(p.title() for p in kind.split('_'))}Form", (EventForm,), attrs)


def _offer_stored_answers(fields: dict[str, forms.Field], stored: dict[str, Any]) -> None:
    for name, f in fields.items():
        if not isinstance(f, forms.ChoiceField) or name not in stored:
            continue
        value = stored[name]
        values = value if isinstance(value, list) else [value]
        offered = {str(v) for v, _label in f.choices}
        missing = [str(v) for v in values if not isinstance(v, bool | int | dict) and str(v) not in offered]
        if missing:
            f.choices = [*f.choices, *((v, plain_value(name, v)) for v in missing)]


def initial_from_event(data: dict[str, Any], form_class: type[EventForm]) -> dict[str, Any]:
    """Form answers from a stored event, for "Correct this"."""
    initial: dict[str, Any] = {}
    at = str(data.get("at", ""))
    try:
        if len(at) > 10:
            moment = datetime.fromisoformat(at)
            initial["at"], initial["at_time"] = moment.date(), moment.strftime("%H:%M")
        elif at:
            initial["at"] = date.fromisoformat(at)
    except ValueError:
        pass
    fields = form_class.base_fields
    for name, f in fields.items():
        if name in ("at", "at_time") or name not in data:
            continue
        value = data[name]
        if isinstance(value, bool):
            initial[name] = "yes" if value else "no"
        elif isinstance(f, DayMonthYearField) and isinstance(value, str):
            with contextlib.suppress(ValueError):
                initial[name] = date.fromisoformat(value[:10])
        elif isinstance(value, int):
            initial[name] = str(value)
        elif value == [] and getattr(f, "none_choice", None):
            initial[name] = [f.none_choice[0]]  # type: ignore[attr-defined]
        else:
            initial[name] = value
    if isinstance(data.get("excluded"), list):
        initial["excluded_people"] = [x.get("person") for x in data["excluded"]] or [NOBODY]
        reasons = [x.get("reason") for x in data["excluded"] if x.get("reason")]
        initial["excluded_reason"] = reasons[0] if reasons else ""
    if isinstance(data.get("reports_shared"), list):
        initial["reports_people"] = [x.get("person") for x in data["reports_shared"]] or [NOBODY]
        with contextlib.suppress(ValueError, IndexError):
            initial["reports_at"] = date.fromisoformat(str(data["reports_shared"][0].get("at"))[:10])
    initial.setdefault("source", "family")
    return initial


def initial_as_post(form: forms.Form, initial: dict[str, Any]) -> dict[str, Any]:
    """Initial answers in the shape a browser would post them, so a form can be bound to them."""
    out: dict[str, Any] = {}
    for name, value in initial.items():
        if name not in form.fields:
            continue
        f = form.fields[name]
        if isinstance(f, DayMonthYearField):
            if isinstance(value, date):
                out[f"{name}-day"], out[f"{name}-month"], out[f"{name}-year"] = str(value.day), str(value.month), str(value.year)
        elif isinstance(value, list):
            out[name] = [str(v) for v in value]
        else:
            out[name] = "" if value is None else str(value)
    return out
