"""Forms for a case, its children and people, sharing, documents, import and the chronology filter.

The "what happened?" event forms are generated in ``eventforms``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fairwitness.cases.journey import GROUPS
from fairwitness.govuk import CheckboxesField, DayMonthYearField, GovUKFormMixin

NO_PR = "none"


def local_authority_choices() -> list[tuple[str, str]]:
    """The 153 current councils first, A to Z; then the former ones, marked "(former)"."""
    from fairwitness.cases.localauthorities import ensure_loaded
    from fairwitness.cases.models import LocalAuthority

    ensure_loaded()
    current, former = [], []
    for la in LocalAuthority.objects.order_by("official_name"):
        if la.is_current:
            current.append((la.ons_code, la.official_name))
        else:
            former.append((la.ons_code, f"{la.official_name} (former)"))
    return [("", "Choose a council"), *current, *former]


class CaseForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(
        label="What do you want to call this case?", max_length=200,
        help_text="Only you and the people you share it with see this. For example, your family name.",
        error_messages={"required": "Enter a name for the case"})
    local_authority = forms.ChoiceField(
        label="Which council's children's services are involved?", required=False, choices=[],
        help_text="If more than one, choose the one involved now. You can leave this for later.")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].choices = local_authority_choices()


class ChildForm(GovUKFormMixin, forms.Form):
    name = forms.CharField(label="Child's name or initials", max_length=120,
                           help_text="Initials are enough, for example JS.",
                           error_messages={"required": "Enter the child's name or initials"})
    date_of_birth = DayMonthYearField(label="Date of birth (optional)", required=False,
                                      help_text="For example, 14 6 2016")

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data.get("date_of_birth")
        if born is not None and born > date.today():
            raise forms.ValidationError("The date of birth must be today or in the past")
        if born is not None and born.year < 1900:
            raise forms.ValidationError("The year must be 1900 or later: check the year")
        return born


class PersonForm(GovUKFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=120, error_messages={"required": "Enter the person's name"})
    role = forms.CharField(label="Who are they to the children?", max_length=120,
                           help_text="For example: mother, father, stepfather, grandmother, foster carer.",
                           error_messages={"required": "Say who they are to the children"})
    parental_responsibility = CheckboxesField(
        label="Which children do they have parental responsibility for?", required=False, choices=[],
        none_choice=(NO_PR, "None of them"),
        help_text="A mother always has it. A father has it if he was married to the mother, is named on the "
                  "birth certificate (for births since December 2003), or by a court order or agreement. "
                  "Leave all unticked if you do not know.")

    def __init__(self, *args: Any, children: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.children = children or []
        if children:
            self.fields["parental_responsibility"].choices = children
        else:
            del self.fields["parental_responsibility"]

    def pr_answer(self) -> dict[str, bool] | None:
        """For the case file: each child ticked or not; ``None`` if not known (nothing ticked)."""
        chosen = self.cleaned_data.get("parental_responsibility")
        if chosen is None or not self.children:
            return None
        return {cid: cid in chosen for cid, _name in self.children}

    @staticmethod
    def initial_for(data: dict[str, Any], children: list[tuple[str, str]]) -> dict[str, Any]:
        """Form answers from a stored person, for "Change"."""
        pr = data.get("parental_responsibility")
        if isinstance(pr, dict):
            ticked = [cid for cid, _ in children if pr.get(cid)]
            chosen = ticked or [NO_PR]
        elif pr is True:
            chosen = [cid for cid, _ in children if data.get("children") is None or cid in data["children"]]
        elif pr is False and "parental_responsibility" in data:
            chosen = [NO_PR]
        else:
            chosen = []
        return {"name": data.get("name", ""), "role": data.get("role", ""), "parental_responsibility": chosen}


class ReasonForm(GovUKFormMixin, forms.Form):
    """Why a child, a person or the case's details were changed or removed (kept with the version)."""

    reason = forms.CharField(label="Why are you changing this? (optional)", required=False, max_length=2000,
                             widget=forms.Textarea,
                             help_text="This is kept with the change. What was there before stays in the record.")


class RemoveForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(label="Why are you removing them?", max_length=2000, widget=forms.Textarea,
                             help_text="For example: added by mistake. This is kept in the record.",
                             error_messages={"required": "Say why you are removing them"})


class CaseDetailsForm(CaseForm):
    reason = ReasonForm.base_fields["reason"]


class InviteForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(label="Their email address", max_length=254,
                             error_messages={"required": "Enter their email address",
                                             "invalid": "Enter an email address in the correct format, like name@example.com"},
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(
        label="What can they do?", widget=forms.RadioSelect, initial="member",
        choices=[("member", "Family member: see the case and record what happened"),
                 ("advocate", "Advocate or adviser: see the case, but not change it")],
        error_messages={"required": "Select what they can do"})


class DocumentForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(label="Upload a document",
                           help_text="A PDF, a photo, a Word document, a saved email or a recording.",
                           error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"})


class ImportForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(label="Upload a case file",
                           help_text="A .json file in the Fair Witness case format, for example one you downloaded before.",
                           error_messages={"required": "Select a case file", "empty": "The selected file is empty"})


class ChronologyFilter(GovUKFormMixin, forms.Form):
    child = forms.ChoiceField(label="Child", required=False, choices=[])
    group = forms.ChoiceField(label="What happened", required=False,
                              choices=[("", "Everything"), *((g.slug, g.label) for g in GROUPS)])
    date_from = DayMonthYearField(label="From", required=False, help_text="For example, 1 1 2024")
    date_to = DayMonthYearField(label="To", required=False, help_text="For example, 31 12 2024")

    def __init__(self, *args: Any, children: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", "All children"), *(children or [])]
