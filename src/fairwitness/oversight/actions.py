"""The only code that writes the body's records. Each action checks ``cases.policy`` (the family's
roles) or ``oversight.permissions`` (staff roles), writes in one
transaction and appends a ledger entry to the family's case (hashes and ids, never words).

A mistake a person can fix raises ``OversightError`` naming the field; a missing right raises
``policy.PermissionDenied`` (views turn that into a 404)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fairwitness.cases import policy
from fairwitness.cases.integrity import records_for
from fairwitness.cases.models import Case, Document, Event, LocalAuthority
from fairwitness.ledger import chain
from fairwitness.ledger.records import record
from fairwitness.ledger.store import append
from fairwitness.oversight import permissions, shared
from fairwitness.oversight.models import (
    OUTCOME_CHOICES,
    REFERRAL_CHOICES,
    STAFF_ROLE_CHOICES,
    URGENCY_RANK,
    WORKFLOW,
    Concern,
    ConcernStatus,
    CouncilDocument,
    Evidence,
    InformationRequest,
    Issue,
    Recommendation,
    Referral,
    StaffRole,
    StaffRoleChange,
)
from fairwitness.oversight.standards import answer_due


class OversightError(Exception):
    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def _today() -> date:
    from fairwitness.cases.law import today

    return today()


def _log(concern: Concern, actor: Any, action: str, objects: dict[str, Any] | None = None,
         content: Any = None) -> None:
    role = policy.role_in(actor, concern.case) or permissions.staff_role(actor) or "system"
    # Every entry about a concern carries its consent as it now stands (scope, what is shared,
    # withdrawal), so verify notices consent widened or a withdrawal undone outside these actions.
    record(action=action, case=str(concern.case.public_id), actor_id=getattr(actor, "pk", None), actor_role=role,
           content_sha256=chain.content_hash(content) if content is not None else None,
           objects={"concern": str(concern.public_id), **(objects or {})},
           subjects=records_for(("concern", Concern.objects.get(pk=concern.pk))))  # as stored, not as this copy says


def _guard(concern: Concern, action: str) -> str:
    """Inside the action's transaction: the concern's row locked and its status re-read, and the
    action refused unless ``WORKFLOW`` allows it from there (a direct POST cannot skip the table).
    Returns the status it starts from."""
    status = Concern.objects.select_for_update().values_list("status", flat=True).get(pk=concern.pk)
    concern.status = status
    if status not in WORKFLOW[action][0]:
        raise OversightError("status", f"This concern is {ConcernStatus(status).label.lower()}, so that cannot be done now.")
    return status


def _advance(concern: Concern, action: str) -> dict[str, str]:
    """Move the concern along ``WORKFLOW`` (after ``_guard``); what the ledger entry names."""
    before, target = concern.status, WORKFLOW[action][1]
    if target is not None and target != before:
        concern.status = target
        concern.save(update_fields=["status"])
    return {"transition": f"{before}->{concern.status}"}


def _work(actor: Any, concern: Concern) -> None:
    if not permissions.can_work_on_concern(actor, concern):
        raise policy.PermissionDenied("work on this concern")


def _text(value: str | None, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise OversightError(field, message)
    return value


# --- the family: share and withdraw ---------------------------------------------------------

def active_concern(case: Case) -> Concern | None:
    return Concern.objects.filter(case=case, withdrawn_at__isnull=True).order_by("-received_at").first()


def share_case(case: Case, actor: Any, *, what_to_look_at: str, urgency: str, scope: str = "all",
               event_ids: list[str] | None = None, document_ids: list[str] | None = None) -> Concern:
    if case.is_erased or not policy.has_permission(actor, case, policy.SHARE_WITH_OVERSIGHT):
        raise policy.PermissionDenied(policy.SHARE_WITH_OVERSIGHT)
    if active_concern(case) is not None:
        raise OversightError("scope", "You have already shared this case. Withdraw it first to share it again differently")
    what = _text(what_to_look_at, "what_to_look_at", "Say what you want us to look at")
    if urgency not in URGENCY_RANK:
        raise OversightError("urgency", "Choose how urgent this is for you")
    if scope not in ("all", "chosen"):
        raise OversightError("scope", "Choose whether to share all of the case or only some of it")
    known_events = set(Event.objects.filter(case=case).values_list("event_id", flat=True))
    chosen_events = [e for e in (event_ids or []) if e in known_events] if scope == "chosen" else []
    documents = list(Document.objects.filter(case=case, public_id__in=document_ids or [])) if scope == "chosen" else []
    if scope == "chosen" and not chosen_events and not documents:
        raise OversightError("event_ids", "Choose at least one event or document to share")
    with transaction.atomic():
        concern = Concern(case=case, scope=scope, shared_event_ids=chosen_events, urgency=urgency,
                          shared_by=actor, received_on=_today())
        concern.request_sealed = concern.seal_text("request", what)
        concern.save()
        concern.shared_documents.set(documents)
        report = shared.shared_report(concern)
        if report is not None:
            concern.priority, concern.top_check, concern.breaches, concern.concerns = shared.priority_of(report.findings)
            concern.save(update_fields=["priority", "top_check", "breaches", "concerns"])
        _log(concern, actor, "oversight_shared",
             {"scope": scope, "events": chosen_events, "documents": [str(d.public_id) for d in documents],
              "urgency": urgency}, content=what)
    return concern


def withdraw(concern: Concern, actor: Any) -> Concern:
    """Consent ends now: every later request by the body or a council finds nothing."""
    if not policy.has_permission(actor, concern.case, policy.SHARE_WITH_OVERSIGHT):
        raise policy.PermissionDenied(policy.SHARE_WITH_OVERSIGHT)
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        if locked.withdrawn_at is None:
            _guard(locked, "withdraw")
            locked.withdrawn_at = timezone.now()
            locked.withdrawn_by = actor
            locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
            _log(locked, actor, "oversight_withdrawn", _advance(locked, "withdraw"))
    concern.withdrawn_at, concern.withdrawn_by, concern.status = locked.withdrawn_at, locked.withdrawn_by, locked.status
    return concern


# --- triage ---------------------------------------------------------------------------------

def acknowledge(concern: Concern, actor: Any) -> Concern:
    if not (permissions.can_open_concern(actor, concern) and permissions.has_staff_permission(actor, permissions.TRIAGE)):
        raise policy.PermissionDenied(permissions.TRIAGE)
    with transaction.atomic():
        status = Concern.objects.select_for_update().values_list("status", flat=True).get(pk=concern.pk)
        concern.status = status
        if status == ConcernStatus.RECEIVED:  # acknowledging again, or later, changes nothing
            concern.acknowledged_at = concern.acknowledged_at or timezone.now()
            concern.save(update_fields=["acknowledged_at"])
            _log(concern, actor, "oversight_acknowledged", _advance(concern, "acknowledge"))
    return concern


def assign(concern: Concern, actor: Any, reviewer: Any) -> Concern:
    """A senior reviewer assigns anyone; a reviewer may take an unassigned concern themselves."""
    taking = reviewer == actor and concern.assigned_to_id is None
    if not permissions.can_open_concern(actor, concern) or not (
            permissions.has_staff_permission(actor, permissions.ASSIGN) or (taking and permissions.has_staff_permission(actor, permissions.TRIAGE))):
        raise policy.PermissionDenied(permissions.ASSIGN)
    if not StaffRole.objects.filter(user=reviewer, role__in=("reviewer", "senior_reviewer")).exists():
        raise OversightError("reviewer", "Choose a reviewer")
    with transaction.atomic():
        _guard(concern, "assign")
        concern.assigned_to = reviewer
        concern.save(update_fields=["assigned_to"])
        if concern.status == ConcernStatus.RECEIVED:
            concern.acknowledged_at = concern.acknowledged_at or timezone.now()
            concern.save(update_fields=["acknowledged_at"])
            _log(concern, actor, "oversight_acknowledged", _advance(concern, "acknowledge"))
        _log(concern, actor, "oversight_assigned", {"reviewer": reviewer.pk})
    return concern


def decide(concern: Concern, actor: Any, decision: str, reason: str) -> Concern:
    _work(actor, concern)
    if decision not in ("investigate", "not_investigate"):
        raise OversightError("decision", "Choose whether to investigate")
    reason = _text(reason, "reason", "Say why, in words the family will read")
    with transaction.atomic():
        _guard(concern, f"decide_{decision}")  # once decided, a concern is not decided again
        concern.decision = decision
        concern.decision_reason_sealed = concern.seal_text("decision_reason", reason)
        concern.decided_at = timezone.now()
        if concern.acknowledged_at is None:
            concern.acknowledged_at = concern.decided_at
        if decision == "not_investigate":
            concern.closed_at = concern.decided_at
        concern.save()
        _log(concern, actor, "oversight_decided", {"decision": decision, **_advance(concern, f"decide_{decision}")},
             content=reason)
    return concern


# --- investigation --------------------------------------------------------------------------

def _next_number(qs: Any) -> int:
    return (qs.aggregate(m=Max("number"))["m"] or 0) + 1


def add_issue(concern: Concern, actor: Any, title: str, *, source: str = "reviewer", check: str = "") -> Issue:
    _work(actor, concern)
    title = _text(title, "title", "Say what the issue is")
    with transaction.atomic():
        _guard(concern, "add_issue")
        issue = Issue(concern=concern, number=_next_number(concern.issues), source=source, finding_check=check)
        issue.title_sealed = issue.seal_text("title", title)
        issue.save()
        _log(concern, actor, "oversight_issue_added", {"issue": issue.number, "source": source, "check": check},
             content=title)
    return issue


def issues_from_findings(concern: Concern, actor: Any) -> list[Issue]:
    """One numbered issue per problem the engine found in the shared record, then the family's own."""
    _work(actor, concern)
    report = shared.shared_report(concern)
    made: list[Issue] = []
    existing = set(concern.issues.exclude(finding_check="").values_list("finding_check", flat=True))
    if report is not None:
        for finding in sorted(report.problems(), key=lambda f: f.sort_key):
            if finding.check in existing:
                continue
            existing.add(finding.check)
            title = f"{finding.title or finding.check}: {finding.explanation}"
            made.append(add_issue(concern, actor, title, source="finding", check=finding.check))
    if not concern.issues.filter(source="family").exists():
        made.append(add_issue(concern, actor, "What the family asked us to look at: " + concern.what_to_look_at,
                              source="family"))
    return made


def send_request(concern: Concern, actor: Any, *, local_authority: LocalAuthority | None, questions: str,
                 due_on: date | None = None, event_ids: list[str] | None = None,
                 document_ids: list[str] | None = None) -> InformationRequest:
    _work(actor, concern)
    if local_authority is None:
        raise OversightError("local_authority", "Choose the council to ask")
    questions = _text(questions, "questions", "Write the questions for the council")
    today = _today()
    due = due_on or answer_due(today)
    if due <= today:
        raise OversightError("due_on", "The answer must be due after today")
    events = [e for e in (event_ids or []) if permissions.shares_event(concern, e)]
    documents = [d for d in Document.objects.filter(case=concern.case, public_id__in=document_ids or [])
                 if permissions.shares_document(concern, d)]
    with transaction.atomic():
        _guard(concern, "send_request")
        req = InformationRequest(concern=concern, number=_next_number(concern.information_requests),
                                 local_authority=local_authority, event_ids=events, sent_on=today, sent_by=actor,
                                 original_due_on=due, due_on=due)
        req.questions_sealed = req.seal_text("questions", questions)
        req.save()
        req.documents.set(documents)
        _log(concern, actor, "oversight_request_sent",
             {"request": str(req.public_id), "council": local_authority.ons_code, "due": due.isoformat(),
              "events": events, "documents": [str(d.public_id) for d in documents]}, content=questions)
    return req


def _liaison(actor: Any, req: InformationRequest) -> None:
    if not (permissions.has_staff_permission(actor, permissions.ANSWER_REQUESTS) and permissions.can_see_request(actor, req)):
        raise policy.PermissionDenied(permissions.ANSWER_REQUESTS)


def answer_request(req: InformationRequest, actor: Any, answer: str) -> InformationRequest:
    _liaison(actor, req)
    answer = _text(answer, "answer", "Write your answer")
    if req.answered_at is not None:
        raise OversightError("answer", "This request has been answered already")
    with transaction.atomic():
        req.answer_sealed = req.seal_text("answer", answer)
        req.answered_at = timezone.now()
        req.answered_on = _today()
        req.answered_by = actor
        req.save()
        _log(req.concern, actor, "oversight_request_answered",
             {"request": str(req.public_id), "late": req.answered_late}, content=answer)
    return req


def ask_more_time(req: InformationRequest, actor: Any, until: date | None, reason: str) -> InformationRequest:
    _liaison(actor, req)
    reason = _text(reason, "reason", "Say why you need more time")
    if until is None or until <= req.due_on:
        raise OversightError("until", "The new date must be after the current due date")
    if req.answered_at is not None:
        raise OversightError("reason", "This request has been answered already")
    with transaction.atomic():
        req.more_time_asked_at = timezone.now()
        req.more_time_until = until
        req.more_time_reason_sealed = req.seal_text("more_time_reason", reason)
        req.more_time_granted = None
        req.save()
        _log(req.concern, actor, "oversight_more_time_asked", {"request": str(req.public_id), "until": until.isoformat()},
             content=reason)
    return req


def decide_more_time(req: InformationRequest, actor: Any, grant: bool) -> InformationRequest:
    _work(actor, req.concern)
    if req.more_time_until is None or req.more_time_granted is not None:
        raise OversightError("grant", "There is no request for more time to decide")
    with transaction.atomic():
        req.more_time_granted = grant
        if grant:
            req.due_on = req.more_time_until
        req.save()
        _log(req.concern, actor, "oversight_more_time_decided", {"request": str(req.public_id), "granted": grant})
    return req


def upload_council_document(req: InformationRequest, actor: Any, uploaded_file: Any) -> CouncilDocument:
    from fairwitness.cases.documents import _read_upload, check_upload

    _liaison(actor, req)
    name, data = _read_upload(uploaded_file)
    found = check_upload(name, data)
    case = req.concern.case
    with transaction.atomic():
        doc = CouncilDocument(request=req, content_type=found.mime, size=len(data),
                              sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor)
        doc.filename_sealed = doc.seal_text("filename", name)
        doc.content_sealed = case.seal_bytes(data, f"oversight:{doc.public_id}:content")
        doc.save()
        _log(req.concern, actor, "oversight_council_document",
             {"request": str(req.public_id), "document": str(doc.public_id)}, content=doc.sha256)
    return doc


def add_evidence(concern: Concern, actor: Any, note: str, issue: Issue | None = None) -> Evidence:
    _work(actor, concern)
    note = _text(note, "note", "Write what the evidence shows")
    with transaction.atomic():
        _guard(concern, "add_evidence")
        ev = Evidence(concern=concern, issue=issue, created_by=actor)
        ev.note_sealed = ev.seal_text("note", note)
        ev.save()
        _log(concern, actor, "oversight_evidence", {"issue": issue.number if issue else None}, content=note)
    return ev


def record_finding(issue: Issue, actor: Any, outcome: str, reasons: str) -> Issue:
    _work(actor, issue.concern)
    if outcome not in dict(OUTCOME_CHOICES):
        raise OversightError("outcome", "Choose a finding for this issue")
    reasons = _text(reasons, "reasons", "Give the reasons for the finding")
    with transaction.atomic():
        _guard(issue.concern, "record_finding")
        issue.outcome = outcome
        issue.reasons_sealed = issue.seal_text("reasons", reasons)
        issue.decided_at = timezone.now()
        issue.decided_by = actor
        issue.save()
        _log(issue.concern, actor, "oversight_finding", {"issue": issue.number, "outcome": outcome}, content=reasons)
    return issue


def add_recommendation(issue: Issue, actor: Any, text: str, remedy: str, due_on: date | None) -> Recommendation:
    _work(actor, issue.concern)
    text = _text(text, "text", "Write what the council should do")
    if due_on is None or due_on <= _today():
        raise OversightError("due_on", "Give a due date after today")
    with transaction.atomic():
        _guard(issue.concern, "add_recommendation")
        rec = Recommendation(issue=issue, due_on=due_on,
                             number=_next_number(Recommendation.objects.filter(issue__concern=issue.concern)))
        rec.text_sealed = rec.seal_text("text", text)
        rec.remedy_sealed = rec.seal_text("remedy", (remedy or "").strip())
        rec.save()
        _log(issue.concern, actor, "oversight_recommendation",
             {"issue": issue.number, "recommendation": rec.number, "due": due_on.isoformat()}, content=[text, remedy])
    return rec


def record_compliance(rec: Recommendation, actor: Any, complied_on: date | None, note: str) -> Recommendation:
    _work(actor, rec.issue.concern)
    if complied_on is None:
        raise OversightError("complied_on", "Enter the date the council did it")
    with transaction.atomic():
        _guard(rec.issue.concern, "record_compliance")
        rec.complied_on = complied_on
        rec.compliance_note_sealed = rec.seal_text("compliance_note", (note or "").strip())
        rec.save()
        _log(rec.issue.concern, actor, "oversight_complied", {"recommendation": rec.number,
                                                             "on": complied_on.isoformat()}, content=note)
        concern = rec.issue.concern
        open_recs = Recommendation.objects.filter(issue__concern=concern, complied_on__isnull=True).exists()
        if concern.status == ConcernStatus.OUTCOME_ISSUED and not open_recs:
            concern.closed_at = timezone.now()
            concern.save(update_fields=["closed_at"])
            _log(concern, actor, "oversight_closed", _advance(concern, "close_after_outcome"))
    return rec


def issue_outcome(concern: Concern, actor: Any) -> Concern:
    """The outcome letters are issued to the family and the council (they are rendered on demand
    from what is recorded; the ledger holds the hash of what they said when issued)."""
    from fairwitness.oversight.letters import outcome_letter

    _work(actor, concern)
    issues = list(concern.issues.all())
    if not issues:
        raise OversightError("issues", "Add at least one issue before issuing the outcome")
    if concern.outcome_issued_at is not None:
        raise OversightError("issues", "The outcome has been issued already")
    undecided = [i.number for i in issues if not i.outcome]
    if undecided:
        raise OversightError("issues", "Record a finding for issue " + ", ".join(str(n) for n in undecided))
    with transaction.atomic():
        _guard(concern, "issue_outcome")
        concern.outcome_issued_at = timezone.now()
        closing = not Recommendation.objects.filter(issue__concern=concern, complied_on__isnull=True).exists()
        if closing:
            concern.closed_at = concern.outcome_issued_at
        concern.save(update_fields=["outcome_issued_at", "closed_at"])
        before = concern.status
        _advance(concern, "issue_outcome")
        if closing:  # nothing left for the council to do: closed with the outcome
            _advance(concern, "close_after_outcome")
        moved = {"transition": f"{before}->{concern.status}"}
        letters = {who: outcome_letter(concern, who).body_text() for who in ("family", "council")}
        _log(concern, actor, "oversight_outcome_issued", {"letters": ["family", "council"], **moved}, content=letters)
    return concern


def refer(concern: Concern, actor: Any, body: str, reason: str) -> Referral:
    _work(actor, concern)
    if body not in dict(REFERRAL_CHOICES):
        raise OversightError("body", "Choose who to refer this to")
    reason = _text(reason, "reason", "Say why it is being referred")
    with transaction.atomic():
        _guard(concern, "refer")
        ref = Referral(concern=concern, body=body, made_by=actor)
        ref.reason_sealed = ref.seal_text("reason", reason)
        ref.save()
        _log(concern, actor, "oversight_referred", {"body": body}, content=reason)
    return ref


# --- staff accounts -------------------------------------------------------------------------
# Issue 10: a role change needs two people. An administrator proposes; a senior reviewer or another
# administrator approves or rejects; nobody proposes or decides a change to their own role. Only the
# system (the demo loader and the command line, actor None) sets a role directly.

# What each role can open of families' material, to tell whether a change widens it.
_READS_FAMILY_MATERIAL = frozenset({permissions.TRIAGE, permissions.INVESTIGATE, permissions.ALL_CONCERNS, permissions.ANSWER_REQUESTS})
WIDENED_ACTION = "staff_access_widened"


def set_staff_role(actor: Any, user: Any, role: str, local_authority: LocalAuthority | None = None) -> StaffRole:
    """The system's direct way (demo, command line: ``actor`` None). People use propose/decide."""
    if actor is not None:
        raise policy.PermissionDenied("a staff role is proposed by one person and approved by another")
    return _apply_staff_role(user, role, local_authority, proposal=None)


def _apply_staff_role(user: Any, role: str, local_authority: LocalAuthority | None,
                      proposal: StaffRoleChange | None) -> StaffRole:
    if role == "liaison" and local_authority is None:
        raise OversightError("local_authority", "Choose the council this liaison officer works for")
    before = permissions.staff_role(user)
    staff, _ = StaffRole.objects.update_or_create(
        user=user, defaults={"role": role, "local_authority": local_authority if role == "liaison" else None})
    policy.forget_roles(user)
    append(action="staff_role_set", actor_id=proposal.decided_by_id if proposal else None,
           actor_role=permissions.staff_role(proposal.decided_by) or "system" if proposal and proposal.decided_by else "system",
           objects={"user": user.pk, "role": role, "council": local_authority.ons_code if local_authority else None,
                    "change": str(proposal.public_id) if proposal else None})
    if proposal is not None:
        _tell_families_of_widening(user, before, role, local_authority, proposal)
    return staff


def _widens(before: str | None, after: str) -> frozenset[str]:
    old = permissions.STAFF_PERMISSIONS.get(before or "", frozenset())
    new = permissions.STAFF_PERMISSIONS.get(after, frozenset())
    return (new - old) & _READS_FAMILY_MATERIAL


def _tell_families_of_widening(user: Any, before: str | None, after: str, council: LocalAuthority | None,
                               proposal: StaffRoleChange) -> None:
    """Each case with a live concern this person can now open gets an entry the family sees on
    "who has seen my file": who, the new role, who proposed and who approved."""
    gained = _widens(before, after)
    if not gained:
        return
    concerns = Concern.objects.filter(withdrawn_at__isnull=True, case__erased_at__isnull=True)
    if gained == {permissions.ANSWER_REQUESTS}:
        concerns = concerns.filter(information_requests__local_authority=council)
    for public_id in concerns.values_list("case__public_id", flat=True).distinct():
        append(action=WIDENED_ACTION, case=str(public_id), actor_id=proposal.decided_by_id,
               actor_role=permissions.staff_role(proposal.decided_by) or "system",
               objects={"user": user.pk, "role": after, "previous_role": before or "",
                        "proposed_by": proposal.proposed_by_id, "approved_by": proposal.decided_by_id,
                        "change": str(proposal.public_id)})


def propose_staff_role(actor: Any, user: Any, role: str, local_authority: LocalAuthority | None = None) -> StaffRoleChange:
    """An administrator proposes a role for someone else; nothing changes until another person approves."""
    if not permissions.has_staff_permission(actor, permissions.MANAGE_STAFF):
        raise policy.PermissionDenied(permissions.MANAGE_STAFF)
    if getattr(user, "pk", None) == getattr(actor, "pk", object()):
        raise OversightError("email", "You cannot change your own role. Ask another administrator")
    if role not in dict(STAFF_ROLE_CHOICES):
        raise OversightError("role", "Choose a role")
    if role == "liaison" and local_authority is None:
        raise OversightError("local_authority", "Choose the council this liaison officer works for")
    previous = permissions.staff_role(user) or ""
    if previous == role and role != "liaison":
        raise OversightError("role", f"They are a {role.replace('_', ' ')} already")
    with transaction.atomic():
        if StaffRoleChange.objects.select_for_update().filter(user=user, decided_at__isnull=True).exists():
            raise OversightError("email", "A change to this person's role is already waiting for approval")
        change = StaffRoleChange.objects.create(
            user=user, role=role, local_authority=local_authority if role == "liaison" else None,
            previous_role=previous, proposed_by=actor)
        append(action="staff_role_proposed", actor_id=actor.pk, actor_role=permissions.staff_role(actor) or "user",
               objects={"change": str(change.public_id), "user": user.pk, "role": role, "previous_role": previous,
                        "council": local_authority.ons_code if local_authority and role == "liaison" else None})
    return change


def decide_staff_role(actor: Any, change: StaffRoleChange, approve: bool) -> StaffRoleChange:
    """A second person (senior reviewer or administrator; not the proposer, not the person whose
    role it is) approves, which applies the role, or rejects, which changes nothing."""
    if not permissions.has_staff_permission(actor, permissions.APPROVE_STAFF):
        raise policy.PermissionDenied(permissions.APPROVE_STAFF)
    with transaction.atomic():
        locked = StaffRoleChange.objects.select_for_update().get(pk=change.pk)
        if locked.decided_at is not None:
            raise OversightError("change", "This change has been decided already")
        if locked.user_id == actor.pk:
            raise OversightError("change", "You cannot approve a change to your own role")
        if locked.proposed_by_id == actor.pk:
            raise OversightError("change", "Someone other than the person who proposed it must decide")
        locked.decision = "approved" if approve else "rejected"
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["decision", "decided_by", "decided_at"])
        append(action=f"staff_role_{locked.decision}", actor_id=actor.pk, actor_role=permissions.staff_role(actor) or "user",
               objects={"change": str(locked.public_id), "user": locked.user_id, "role": locked.role,
                        "proposed_by": locked.proposed_by_id})
        if approve:
            _apply_staff_role(locked.user, locked.role, locked.local_authority, proposal=locked)
    return locked


def pending_staff_role_changes() -> list[StaffRoleChange]:
    return list(StaffRoleChange.objects.filter(decided_at__isnull=True)
                .select_related("user", "proposed_by", "local_authority").order_by("proposed_at"))
