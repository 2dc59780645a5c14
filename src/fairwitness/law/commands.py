"""``fairwitness test-pack``: run the rule pack's YAML cases without pytest, for legal reviewers;
``fairwitness pack-doc``: the pack as tables for people (``docs/checks.md``).

A reviewer who changes a number in the pack, or writes a case the way the law reads to them, runs
this and reads which cases the engine now gets right and wrong, in words. Nothing here imports
Django or test tooling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from fairwitness.law.rulecases import RuleCaseFileError, case_files, load_rule_cases, run_rule_case

DEFAULT_CASES = Path("tests") / "law" / "cases"

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def test_pack(
    paths: Annotated[list[Path] | None, typer.Argument(
        help=f"YAML case files or folders of them (default: {DEFAULT_CASES})", show_default=False)] = None,
    name: Annotated[str | None, typer.Option("-k", "--name", help="only cases whose name contains this")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every case, not only failures")] = False,
) -> None:
    """Run the rule cases (tests as data) against the rule pack and say which pass."""
    chosen = paths or [DEFAULT_CASES]
    missing = [p for p in chosen if not p.exists()]
    if missing:
        for p in missing:
            err.print(f"No rule cases at {p}." + (" Give the folder of YAML cases, e.g. tests/law/cases."
                                                   if p == DEFAULT_CASES else ""), markup=False)
        raise typer.Exit(2)
    files = case_files(chosen)
    if not files:
        err.print(f"No .yaml files in {', '.join(map(str, chosen))}.", markup=False)
        raise typer.Exit(2)
    passed = failed = 0
    broken_files = 0
    for path in files:
        try:
            cases = load_rule_cases(path)
        except RuleCaseFileError as exc:
            err.print(f"[bold red]cannot read[/] {exc}")
            broken_files += 1
            continue
        for case in cases:
            if name and name.lower() not in case.name.lower():
                continue
            outcome = run_rule_case(case)
            if outcome.passed:
                passed += 1
                if verbose:
                    out.print(f"[green]pass[/] {case.label}")
                continue
            failed += 1
            out.print(f"[bold red]FAIL[/] {case.label}")
            for failure in outcome.failures:
                out.print(f"    {failure}", markup=False)
    summary = f"{passed} passed, {failed} failed" + (f", {broken_files} file(s) unreadable" if broken_files else "")
    out.print(summary, markup=False)
    if broken_files or (passed + failed == 0):
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def pack_doc(jurisdiction: Annotated[str, typer.Option(help="which rule pack")] = "england") -> None:
    """Print every check of a rule pack as Markdown tables, edition by edition (docs/checks.md)."""
    from fairwitness.law.packdoc import render
    from fairwitness.law.packs import PackError, load_pack

    try:
        pack = load_pack(jurisdiction)
    except PackError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(2) from None
    out.print(render(pack), markup=False, end="")


def register(app: typer.Typer) -> None:
    app.command("test-pack")(test_pack)
    app.command("pack-doc")(pack_doc)
