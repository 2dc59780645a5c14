"""The report a worried parent reads in a terminal: per child, most serious first, each finding in
two sentences with its citation; then the deadlines still ahead; then the windows that bind the
family; then the line that this is information, not legal advice."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from fairwitness.law.dates import long_date
from fairwitness.law.findings import DISCLAIMER, Finding, Report
from fairwitness.law.packs import load_pack

STYLE = {"breach": "bold red", "concern": "bold yellow", "info": "cyan"}
LABEL = {
    "breach": "BREACH",
    "concern": "CONCERN",
    "info": "NOTE",
}
VERIFIED_WORDS = {"secondary": "checked in secondary sources, not the text of the law itself",
                  "partial": "only partly verified: check it",
                  "unverified": "not verified: a question to put to the council, not a settled figure"}
STATUS_WORDS = {"met": "on time", "late": "late", "missed": "missed", "due": "due", "breach": "breach",
                "concern": "concern", "info": "for information"}


def _finding(f: Finding) -> RenderableType:
    head = Text()
    head.append(f"{LABEL[f.severity]:<8}", style=STYLE[f.severity])
    head.append(f"{f.title}", style="bold")
    head.append(f"  ({STATUS_WORDS[f.status]})", style="dim")
    body = Text(f.explanation)
    cite = Text(f"Law: {f.citation}" + (f" <{f.citation.url}>" if f.citation.url else ""), style="dim")
    if f.verified in VERIFIED_WORDS:
        cite.append(f" [{VERIFIED_WORDS[f.verified]}]", style="dim italic")
    return Group(head, Padding(Group(body, cite), (0, 0, 1, 8)))


def _footing_title(report: Report, footing: str) -> str:
    if footing == "none":
        return "no legal footing recorded"
    rule = load_pack(report.case.jurisdiction or "england").footings.get(footing)
    return rule.title if rule else footing.replace("_", " ")


def render(report: Report, show_met: bool = False) -> RenderableType:
    case = report.case
    parts: list[RenderableType] = []
    title = Text("Fair Witness: what the law required in this case", style="bold")
    parts.append(title)
    parts.append(Text(f"{case.local_authority or 'Local authority not named'} · judged at {long_date(report.as_of)}",
                      style="dim"))
    children = {c.id: c for c in case.children}
    child_ids = list(children) or ["child"]
    everyone = set(child_ids)
    shown = [f for f in report.findings if not f.family_window and f.status != "due" and (show_met or f.status != "met")]
    # Findings about every child are shown once, before each child's own.
    groups: list[tuple[str, list[Finding]]] = []
    if len(child_ids) > 1:
        groups.append(("All the children", [f for f in shown if not f.children or set(f.children) >= everyone]))
    for cid in child_ids:
        child = children.get(cid)
        label = child.name if child and child.name else cid
        footings = "; ".join(_footing_title(report, f) for f in report.current_footings(cid))
        mine = [f for f in shown if cid in f.children or not f.children]
        if len(child_ids) > 1:
            mine = [f for f in mine if f.children and not set(f.children) >= everyone]
        groups.append((f"{label}, now: {footings}", mine))
    for heading, group in groups:
        parts.append(Rule(heading, align="left"))
        problems = [f for f in group if f.is_problem]
        notes = [f for f in group if not f.is_problem]
        if not problems:
            parts.append(Text("Nothing here breaks a rule the engine checks.", style="green"))
        for f in problems + notes:
            parts.append(_finding(f))
    ahead = report.deadlines_ahead()
    parts.append(Rule("Deadlines still ahead", align="left"))
    if not ahead:
        parts.append(Text("None running."))
    for f in ahead:
        parts.append(Text.assemble((f"{long_date(f.due)}  ", "bold"), f"{f.title}. ", f.explanation))
    windows = report.family_windows()
    parts.append(Rule("Windows that bind you", align="left"))
    if not windows:
        parts.append(Text("None open."))
    for f in windows:
        parts.append(Text.assemble((f"{long_date(f.due)}  ", "bold"), f"{f.title}. ", f.explanation,
                                   (f"  ({f.citation})", "dim")))
    parts.append(Text(""))
    parts.append(Text(DISCLAIMER, style="italic"))
    return Group(*parts)


def print_report(report: Report, console: Console, show_met: bool = False) -> None:
    console.print(render(report, show_met=show_met))
