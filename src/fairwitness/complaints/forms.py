"""Forms for the challenge pages, rendered as GOV.UK components by ``GovUKFormMixin``."""

from __future__ import annotations

from typing import Any

from django import forms

from fairwitness.complaints.actions import OUTCOMES
from fairwitness.govuk import DayMonthYearField, GovUKFormMixin


class DocumentNameForm(GovUKFormMixin, forms.Form):
    heading_field = "document"
    document = forms.CharField(
        label="Which council document is wrong?", max_length=300,
        help_text="Its name and date, as on the document. For example, child and family assessment, 10 January 2024",
        error_messages={"required": "Enter the name and date of the council's document"},
    )


class StatementForm(GovUKFormMixin, forms.Form):
    statement = forms.CharField(
        label="The statement, quoted exactly", widget=forms.Textarea,
        help_text="Copy the words from the document, including any mistakes in them",
        error_messages={"required": "Enter the statement, quoted exactly from the document"},
    )
    correction = forms.CharField(
        label="What is wrong, and what is true instead", widget=forms.Textarea,
        error_messages={"required": "Say what is wrong and what is true instead"},
    )
    evidence = forms.CharField(
        label="Your evidence (optional)", required=False, max_length=500,
        help_text="For example, the school attendance letter of 2 February 2024",
    )
    evidence_file = forms.FileField(label="Upload the evidence (optional)", required=False,
                                    help_text="A PDF, a Word document or a picture")


class OutcomeForm(GovUKFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="What did the council do about this statement?", widget=forms.RadioSelect,
                                choices=list(OUTCOMES.items()),
                                error_messages={"required": "Choose what the council did"})
    on = DayMonthYearField(label="When did the council tell you?", required_message="Enter the date the council told you")
    note = forms.CharField(label="Anything else (optional)", required=False, widget=forms.Textarea)


class LetterForm(GovUKFormMixin, forms.Form):
    """The draft's editable parts: the subject, the recipient, a box for each part the family still
    has to fill in, and each paragraph. (Who it is from is chosen first: it changes the wording.)"""

    def __init__(self, *args: Any, letter: Any, prompts: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.prompt_names: dict[str, str] = {}
        if "subject" in (getattr(letter, "record", None) or {}):
            # A new complaint: what it is about, kept with it in the record and on the tracker.
            self.fields["subject"] = forms.CharField(
                label="What is this complaint about?", initial=letter.record["subject"], max_length=500,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="In a sentence, in your own words. It is saved with the complaint in your record and "
                          "names it on your complaints tracker; the letter itself says the rest.",
                error_messages={"required": "Say in a sentence what this complaint is about"})
        self.fields["title"] = forms.CharField(label="Subject", initial=letter.title, max_length=300)
        self.fields["recipient"] = forms.CharField(label="To", initial=letter.recipient, max_length=300)
        for n, text in enumerate(prompts):
            name = f"fill_{n}"
            self.prompt_names[name] = text
            words = text.removeprefix("[Please add: ").removesuffix("]")
            self.fields[name] = forms.CharField(label=f"Please add: {words}", required=False, max_length=2000,
                                                widget=forms.Textarea)
        for n, para in enumerate(letter.paragraphs):
            self.fields[f"p{n}"] = forms.CharField(label=f"Paragraph {n + 1}", initial=para, required=False,
                                                   widget=forms.Textarea)
        self.paragraph_count = len(letter.paragraphs)

    def prompt_fields(self) -> list[Any]:
        return [self.govuk[name] for name in self.prompt_names]

    def paragraph_fields(self) -> list[Any]:
        return [self.govuk[f"p{n}"] for n in range(self.paragraph_count)]

    def edits(self) -> dict[str, Any]:
        cd = self.cleaned_data
        paragraphs = [cd.get(f"p{n}") or "" for n in range(self.paragraph_count)]
        fill = {text: cd[name] for name, text in self.prompt_names.items() if (cd.get(name) or "").strip()}
        return {"subject": cd.get("subject"), "title": cd.get("title"), "recipient": cd.get("recipient"),
                "paragraphs": [p for p in paragraphs if p.strip()], "fill": fill}


class SenderForm(GovUKFormMixin, forms.Form):
    sender = forms.ChoiceField(label="Who is the letter from?", required=False)

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["sender"].choices = [("", "Choose automatically")] + people


class LetterDetailsForm(GovUKFormMixin, forms.Form):
    """Asked once, the first time a letter needs them; kept (encrypted, with the case) for every
    later letter and changed here."""

    address = forms.CharField(
        label="Your postal address", widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        max_length=500, help_text="As it should appear at the top of your letters, one line per line",
        error_messages={"required": "Enter your postal address"},
    )
    email = forms.EmailField(label="Your email address (optional)", required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
                             error_messages={"invalid": "Enter an email address in the right format, like name@example.com"})
    phone = forms.CharField(label="Your phone number (optional)", required=False, max_length=40,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
                            help_text="The council can reply by email or phone: give at least one")
    council_address = forms.CharField(
        label="The council's complaints address (optional)", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="If you know it: it is usually on the council's website under 'complaints' or on its letters to you",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("email") or "").strip() and not (data.get("phone") or "").strip() and not self.has_error("email"):
            self.add_error("email", "Enter an email address or a phone number, so the council can reply")
        return data
