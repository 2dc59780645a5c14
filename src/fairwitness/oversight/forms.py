"""Forms for sharing, triage, investigation and the council's answers (GOV.UK components)."""

from __future__ import annotations

from typing import Any

from django import forms

from fairwitness.govuk import DayMonthYearField, GovUKFormMixin
from fairwitness.oversight.models import (
    DECISION_CHOICES,
    OUTCOME_CHOICES,
    REFERRAL_CHOICES,
    SCOPE_CHOICES,
    URGENCY_CHOICES,
)


class ShareForm(GovUKFormMixin, forms.Form):
    what_to_look_at = forms.CharField(
        label="What do you want us to look at?", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text="In your own words. For example: they took my children without a court order.",
        error_messages={"required": "Say what you want us to look at"})
    urgency = forms.ChoiceField(label="How urgent is this for you?", choices=URGENCY_CHOICES, widget=forms.RadioSelect,
                                error_messages={"required": "Choose how urgent this is for you"})
    scope = forms.ChoiceField(label="What do you want to share with us?", choices=SCOPE_CHOICES, widget=forms.RadioSelect,
                              initial="all", error_messages={"required": "Choose what to share"})
    event_ids = forms.MultipleChoiceField(label="If you chose some: which events?", required=False,
                                          widget=forms.CheckboxSelectMultiple, choices=[])
    document_ids = forms.MultipleChoiceField(label="If you chose some: which documents?", required=False,
                                             widget=forms.CheckboxSelectMultiple, choices=[])

    def __init__(self, *args: Any, events: list[tuple[str, str]], documents: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["event_ids"].choices = events
        self.fields["document_ids"].choices = documents
        if not documents:  # no empty question with nothing to tick
            del self.fields["document_ids"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data.setdefault("document_ids", [])
        if data.get("scope") == "chosen" and not data.get("event_ids") and not data.get("document_ids"):
            self.add_error("event_ids", "Select the events or documents to share, or choose 'All of it'")
        return data


class WithdrawForm(GovUKFormMixin, forms.Form):
    confirm = forms.BooleanField(label="Yes, stop Fair Witness and the council seeing my record through this request",
                                 error_messages={"required": "Tick the box to confirm you want to withdraw"})


class AssignForm(GovUKFormMixin, forms.Form):
    reviewer = forms.ChoiceField(label="Assign to", choices=[], error_messages={"required": "Choose a reviewer"})

    def __init__(self, *args: Any, reviewers: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "Choose a reviewer"), *reviewers]


class DecideForm(GovUKFormMixin, forms.Form):
    decision = forms.ChoiceField(label="Will we investigate?", choices=DECISION_CHOICES, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose whether to investigate"})
    reason = forms.CharField(label="Why (the family will read this)", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Say why, in words the family will read"})


class IssueForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(label="The issue", widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": "Say what the issue is"})


class RequestForm(GovUKFormMixin, forms.Form):
    local_authority = forms.ChoiceField(label="Which council?", choices=[],
                                        error_messages={"required": "Choose the council to ask"})
    questions = forms.CharField(label="Questions for the council", widget=forms.Textarea(attrs={"rows": 5}),
                                error_messages={"required": "Write the questions for the council"})
    due_on = DayMonthYearField(label="Answer due by (optional)", required=False,
                               help_text="Leave blank for 20 working days from today.")
    event_ids = forms.MultipleChoiceField(label="Events the council may see", required=False,
                                          widget=forms.CheckboxSelectMultiple, choices=[])
    document_ids = forms.MultipleChoiceField(label="Documents the council may see", required=False,
                                             widget=forms.CheckboxSelectMultiple, choices=[])

    def __init__(self, *args: Any, councils: list[tuple[str, str]], events: list[tuple[str, str]],
                 documents: list[tuple[str, str]], default_due: str = "", council: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].choices = councils
        self.fields["local_authority"].initial = council
        self.fields["event_ids"].choices = events
        self.fields["document_ids"].choices = documents
        if default_due:  # the date a blank answer means, in words, so the reviewer need not count
            self.fields["due_on"].help_text = f"Leave blank for {default_due}."


class FindingForm(GovUKFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Finding", choices=OUTCOME_CHOICES, widget=forms.RadioSelect,
                                error_messages={"required": "Choose a finding for this issue"})
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": "Give the reasons for the finding"})


class RecommendationForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(label="What the council should do", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Write what the council should do"})
    remedy = forms.CharField(label="Remedy for the family (optional)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    due_on = DayMonthYearField(label="Due by", help_text="For example, 27 3 2027",
                               required_message="Enter the date it is due by")


class EvidenceForm(GovUKFormMixin, forms.Form):
    note = forms.CharField(label="What the evidence shows", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Write what the evidence shows"})


class ComplianceForm(GovUKFormMixin, forms.Form):
    complied_on = DayMonthYearField(label="Date the council did it", required_message="Enter the date")
    note = forms.CharField(label="How we know (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReferralForm(GovUKFormMixin, forms.Form):
    body = forms.ChoiceField(label="Refer to", choices=REFERRAL_CHOICES, widget=forms.RadioSelect,
                             error_messages={"required": "Choose who to refer this to"})
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Say why it is being referred"})


class AnswerForm(GovUKFormMixin, forms.Form):
    answer = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 6}),
                             error_messages={"required": "Write your answer"})


class MoreTimeForm(GovUKFormMixin, forms.Form):
    until = DayMonthYearField(label="New date you can answer by", required_message="Enter the new date")
    reason = forms.CharField(label="Why you need more time", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Say why you need more time"})


class UploadForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(label="Upload a file", error_messages={"required": "Choose a file to upload"})


class CodeForm(GovUKFormMixin, forms.Form):
    code = forms.CharField(label="Code from your authenticator app", max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
                           error_messages={"required": "Enter the code from your app"})


class StaffForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(label="Email address", error_messages={"required": "Enter an email address"})
    role = forms.ChoiceField(label="Role", choices=[], widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})
    local_authority = forms.ChoiceField(label="Council (liaison officers only)", required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any):
        from fairwitness.cases.forms import local_authority_choices
        from fairwitness.oversight.models import STAFF_ROLE_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = STAFF_ROLE_CHOICES
        self.fields["local_authority"].choices = local_authority_choices()
