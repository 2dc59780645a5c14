"""Pages of "Tell us what happened in your own words": paste or upload an account, check each
proposed event beside the words it came from, confirm. Nothing is saved until the parent confirms;
the account itself travels between the two pages inside the form, never in the session."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from fairwitness.cases import actions, policy
from fairwitness.cases.models import Case
from fairwitness.cases.story import KIND_CHOICES, CannotRecord, Choice, kind_value, to_event
from fairwitness.cases.story_actions import record_story
from fairwitness.govuk import DayMonthYearField, GovUKFormMixin, title_prefix
from fairwitness.law.caseformat import CaseFileError
from fairwitness.law.dates import long_date
from fairwitness.narrative import CaseContext, Proposal, UnreadableDocument, extract_text, propose
from fairwitness.narrative.extract import MAX_TEXT_CHARS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PRECISION_WORDS = {
    "day": "the day is in your words",
    "month": "only the month is in your words: we show the 1st",
    "season": "only the season is in your words",
    "year": "only the year is in your words: we show 1 January",
    "approx": "an estimate: please check it",
}


class StoryForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(
        label="What happened, in your own words", required=False, max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        help_text="Write it as you would tell a friend: who, what, and roughly when (\u201cafter 6 weeks\u201d, "
                  "\u201cthe day before the meeting\u201d, \u201cover Christmas\u201d are all fine).",
        error_messages={"max_length": f"Your account must be {MAX_TEXT_CHARS:,} characters or fewer: paste the part that tells what happened"})
    upload = forms.FileField(label="Or upload a letter, report or your own notes (optional)", required=False,
                             help_text="A PDF, a Word document (.docx) or a text file.")
    writer = forms.ChoiceField(label="Which of these people are you? (optional)", required=False, choices=[],
                               widget=forms.RadioSelect,
                               help_text="So that “I” and “we” in your account are matched to you.")
    written_on = DayMonthYearField(
        label="When was this written?", required=False,
        help_text="So that \u201clast year\u201d or \u201cthree weeks ago\u201d count from the right day. Leave empty for today.")

    def __init__(self, *args: Any, people: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if people:
            self.fields["writer"].choices = [*people, ("", "None of these")]
        else:
            del self.fields["writer"]

    def clean_written_on(self) -> date:
        value = self.cleaned_data.get("written_on") or date.today()
        if value > date.today():
            raise forms.ValidationError("The date it was written must be today or in the past")
        if value.year < 1900:
            raise forms.ValidationError("The date it was written must be after 1900")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("upload")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error("upload", "The file must be smaller than 10 MB")
                return data
            try:
                data["text"] = extract_text(upload.read(), upload.name)
            except UnreadableDocument as exc:
                self.add_error("upload", str(exc))
                return data
        if not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", "Write what happened, or upload a document that tells it")
        return data


def _context(case: Case, writer: str | None = None) -> tuple[CaseContext, list[str]]:
    doc = actions.stored_case_dict(case)
    known = {p["id"] for p in doc.get("people", [])}
    context = CaseContext.from_case(doc, writer if writer in known else None)
    pr = [p["id"] for p in doc.get("people", []) if p.get("parental_responsibility")]
    return context, pr


def _highlighted(text: str, proposals: list[Proposal]) -> SafeString:
    """The account with each sentence that gave a proposal marked and linked to it."""
    spans: dict[tuple[int, int], list[str]] = {}
    for p in proposals:
        spans.setdefault((p.sentence.start, p.sentence.end), []).append(p.id)
    out, last = [], 0
    for (start, end), ids in sorted(spans.items()):
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(f'<mark class="fw-story-mark" id="source-{ids[0]}">{escape(text[start:end])}'
                   f'<sup>{", ".join(i.removeprefix("story-") for i in ids)}</sup></mark>')
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out).replace("\n", "<br>"))


def _rows(proposals: list[Proposal], post: QueryDict | None, people: list[tuple[str, str]],
          errors: dict[str, str]) -> list[dict[str, Any]]:
    """What the review page shows for each proposal: the reader's suggestion, or the parent's edits."""
    rows = []
    for p in proposals:
        prefix = p.id
        if post is None:
            accept = p.confidence >= 0.5 and p.same_as is None
            value = kind_value(p)
            day, month, year = str(p.when.day.day), str(p.when.day.month), str(p.when.day.year)
            chosen = set(p.people)
        else:
            accept = post.get(f"{prefix}-accept") == "yes"
            value = post.get(f"{prefix}-kind", "")
            day, month, year = (post.get(f"{prefix}-at-{part}", "") for part in ("day", "month", "year"))
            chosen = set(post.getlist(f"{prefix}-people"))
        rows.append({
            "proposal": p, "prefix": prefix, "accept": accept, "kind_value": value,
            "kinds": [(v, label) for v, label, _, _ in KIND_CHOICES], "day": day, "month": month, "year": year,
            "people": [(pid, name, pid in chosen) for pid, name in people],
            "precision_words": PRECISION_WORDS[p.when.precision], "error": errors.get(prefix, ""),
            "sure": "Likely" if p.confidence >= 0.5 else "Possible",
        })
    return rows


def _review(request: HttpRequest, case: Case, text: str, written_on: date, writer: str | None,
            post: QueryDict | None = None, errors: dict[str, str] | None = None, status: int = 200) -> HttpResponse:
    context, _ = _context(case, writer)
    proposals = propose(text, written_on, context)
    people = [(p.id, f"{p.name} ({p.role})" if p.role else p.name) for p in context.people]
    errors = errors or {}
    return render(request, "cases/story_review.html", {
        "case": case, "text": text, "written_on": written_on, "writer": writer or "", "written_on_words": long_date(written_on),
        "highlighted": _highlighted(text, proposals), "rows": _rows(proposals, post, people, errors),
        "errors": errors, "keep": bool(post and post.get("keep") == "yes"),
        "title_prefix": "Error: " if errors else "", "back": reverse("cases:story", args=[case.public_id]),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def story_start(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.EDIT_CASE)
    people = [(p.person_id, f"{p.name} ({p.role})" if p.role else p.name) for p in case.people.all()]
    form = StoryForm(request.POST or None, request.FILES or None, people=people)
    if request.method == "POST" and form.is_valid():
        return _review(request, case, form.cleaned_data["text"], form.cleaned_data["written_on"],
                       form.cleaned_data.get("writer") or None)
    return render(request, "cases/story_start.html", {
        "case": case, "form": form, "title_prefix": title_prefix(form),
        "back": reverse("cases:detail", args=[case.public_id])})


@login_required
@require_http_methods(["POST"])
def story_confirm(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.EDIT_CASE)
    text = request.POST.get("story", "")
    try:
        written_on = date.fromisoformat(request.POST.get("written_on", ""))
    except ValueError:
        return redirect("cases:story", public_id=case.public_id)
    if not text.strip() or len(text) > MAX_TEXT_CHARS or written_on > date.today():
        return redirect("cases:story", public_id=case.public_id)
    writer = request.POST.get("writer") or None
    context, pr_people = _context(case, writer)
    proposals = propose(text, written_on, context)
    events, errors = [], {}
    for p in proposals:
        if request.POST.get(f"{p.id}-accept") != "yes":
            continue
        day, problem = _posted_day(request.POST, p.id)
        if problem:
            errors[p.id] = problem
            continue
        choice = Choice(True, request.POST.get(f"{p.id}-kind", ""), day,
                        [x for x in request.POST.getlist(f"{p.id}-people") if x in {q.id for q in context.people}])
        try:
            events.append(to_event(p, choice, pr_people, context.writer))
        except CannotRecord as exc:
            errors[p.id] = str(exc)
    if not events and not errors:
        errors["none"] = "Tick at least one event to add to your record, or go back"
    if not errors:
        try:
            record_story(case, request.user, events, keep_text=text if request.POST.get("keep") == "yes" else None,
                         written_on=written_on)
        except CaseFileError as exc:
            errors["none"] = "; ".join(str(problem.message) for problem in exc.problems)
    if errors:
        return _review(request, case, text, written_on, writer, request.POST, errors, status=400)
    messages.success(request, f"{len(events)} event{'s' if len(events) != 1 else ''} from your account "
                     "added to your record. Each one can be corrected like any other.")
    return redirect("cases:detail", public_id=case.public_id)


def _posted_day(post: QueryDict, prefix: str) -> tuple[date | None, str | None]:
    """The date a parent typed for one proposal, or the plain message saying what is wrong with it."""
    parts = [post.get(f"{prefix}-at-{part}", "").strip() for part in ("year", "month", "day")]
    if not all(parts):
        return None, "Enter the date it happened, with a day, month and year"
    try:
        d = date(*(int(part) for part in parts))
    except ValueError:
        return None, "Enter a real date, for example 27 3 2024"
    if d > date.today():
        return None, "The date must be today or in the past"
    if d.year < 1900:
        return None, "The date must be after 1900"
    return d, None
