"""Outcome letters, to the family and to the council, built as ``documents.Letter`` and rendered
through the documents app's WeasyPrint renderer (A4, offline, every value escaped)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from fairwitness.documents.model import Letter
from fairwitness.documents.render_pdf import render_letter_pdf
from fairwitness.documents.wording import long_date
from fairwitness.oversight import wording
from fairwitness.oversight.models import Concern, Recommendation

SENDER = "Fair Witness independent review"


def outcome_letter(concern: Concern, recipient: str) -> Letter:
    """``recipient`` is "family" or "council"."""
    issued = timezone.localtime(concern.outcome_issued_at).date() if concern.outcome_issued_at else date.today()
    council = concern.case.local_authority.official_name if concern.case.local_authority else (
        concern.case.local_authority_name or "the council")
    received = long_date(concern.received_on)
    if recipient == "family":
        to = "The family (by their Fair Witness account)"
        opening = (f"You asked us on {received} to look at how {council} handled your family's case "
                   f"(our reference {concern.reference}). This letter tells you what we found, and why.")
        salutation = "Dear family,"
    else:
        to = f"Director of Children's Services, {council}"
        opening = (f"On {received} a family asked us to look at how your children's services handled their case "
                   f"(our reference {concern.reference}). This letter sets out our findings and recommendations.")
        salutation = "Dear Director,"
    paragraphs = [opening]
    for issue in concern.issues.all():
        paragraphs.append(f"Issue {issue.number}: {issue.title}")
        paragraphs.append(f"Our finding: {wording.OUTCOME_WORDS.get(issue.outcome, 'not decided')}. {issue.reasons}")
        for rec in issue.recommendations.all():
            line = f"Recommendation {rec.number}: {rec.text} By {long_date(rec.due_on)}."
            if rec.remedy:
                line += f" Remedy: {rec.remedy}"
            paragraphs.append(line)
    for ref in concern.referrals.all():
        paragraphs.append(f"We have referred this to the {ref.get_body_display()}: {ref.reason}")
    if Recommendation.objects.filter(issue__concern=concern).exists():
        paragraphs.append("We will follow up each recommendation until it has been done, and we will tell "
                          + ("you" if recipient == "family" else "the family") + " when it has.")
    if recipient == "family":
        paragraphs.append("If you are unhappy with how the council acts on this, you can complain to the Local "
                          "Government and Social Care Ombudsman. This is information, not legal advice.")
    else:
        paragraphs.append("Please tell us through your Fair Witness liaison account what you have done about each "
                          "recommendation by its date.")
    return Letter(kind="oversight_outcome", title=f"Our findings: reference {concern.reference}", recipient=to,
                  sender=SENDER, date=issued, paragraphs=paragraphs, expected_response=None, citations=[],
                  salutation=salutation, closing="Yours sincerely,")


def outcome_letter_pdf(concern: Concern, recipient: str) -> bytes:
    return render_letter_pdf(outcome_letter(concern, recipient), final=True)
