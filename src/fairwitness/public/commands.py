"""``fairwitness statistics --out DIR``: the whole public release (open data, meta files, data
guidance, charts, annual report), written only after the audit gate passes; exit 2 naming the cells
that failed otherwise."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    @app.command("statistics")
    def statistics_command(
        out: Annotated[Path, typer.Option("--out", help="Folder to write the release into (created if missing).")],
        cut_off: Annotated[str | None, typer.Option("--cut-off", help="Count up to this day, YYYY-MM-DD (default: today).")] = None,
        pre_release: Annotated[list[str] | None, typer.Option(
            "--pre-release-access", help='Who saw the figures before release, as "Name: role" (repeat for each).')] = None,
        record: Annotated[bool, typer.Option(
            "--record/--no-record", help="Record the release as published (later releases are audited against it).")] = True,
    ) -> None:
        """Write the public statistics release, after the disclosure audit passes."""
        from fairwitness.cases.commands import _django

        try:
            day = date.fromisoformat(cut_off) if cut_off else None
        except ValueError:
            _fail(f"--cut-off must be a date as YYYY-MM-DD, not {cut_off!r}")
        access = []
        for entry in pre_release or []:
            name, _, role = entry.partition(":")
            if not name.strip() or not role.strip():
                _fail(f'--pre-release-access takes "Name: role", not {entry!r}')
            access.append({"name": name.strip(), "role": role.strip()})
        if out.exists() and not out.is_dir():
            _fail(f"{out} exists and is not a folder")
        _django(migrate=True)
        from fairwitness.cases.law import today
        from fairwitness.public import publish
        from fairwitness.public.models import Release as StoredRelease
        from fairwitness.statistics.opendata import release_id

        cutoff = day or today()
        try:
            prepared = publish.prepare(cutoff)
        except publish.GateRefused as refused:
            lines = [f"The disclosure audit refused this release: {len(refused.release.failures)} suppressed "
                     "figure(s) could be worked out from what is published:"]
            lines += [f"  - {failure}" for failure in refused.release.failures]
            lines.append("Nothing was written.")
            _fail("\n".join(lines))
        if not prepared.release.periods:
            _fail(f"Nothing to publish: no financial year with casework has ended before {cutoff.isoformat()}.")
        label = release_id(prepared.release)
        if record and StoredRelease.objects.filter(label=label).exists():
            _fail(f"A release cut off on {cutoff.isoformat()} ({label}) is already published; "
                  "use --no-record to write its files again, or another --cut-off.")
        try:
            files = publish.write_files(prepared, out)
        except OSError as exc:
            _fail(f"Cannot write the release into {out}: {exc.strerror or exc}")
        if record:
            manifest = json.loads((out / "release.json").read_text(encoding="utf-8"))
            publish.record(prepared, pre_release_access=access, manifest=manifest)
        release = prepared.release
        typer.echo(f"Release {label}: {', '.join(release.periods)} "
                   f"({len(release.suppressed)} figure(s) also withheld to protect others); audit passed.")
        for path in files:
            typer.echo(f"  {path}")

    @app.command("evidence-pack")
    def evidence_pack_command(
        out: Annotated[Path, typer.Option("--out", help="Folder to write the pack into (created if missing).")],
    ) -> None:
        """Write the evidence pack (PDF and Word): signed-off families' accounts, England's published
        figures and the law each record shows broken."""
        from fairwitness.cases.commands import _django

        if out.exists() and not out.is_dir():
            _fail(f"{out} exists and is not a folder")
        _django(migrate=True)
        from fairwitness.cases.law import today
        from fairwitness.public import pack

        made = pack.build(today())
        stem = f"evidence-pack-{made.made_on.isoformat()}"
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{stem}.pdf").write_bytes(pack.to_pdf(made))
            (out / f"{stem}.docx").write_bytes(pack.to_docx(made))
        except OSError as exc:
            _fail(f"Cannot write the pack into {out}: {exc.strerror or exc}")
        typer.echo(f"Evidence pack: {len(made.accounts)} signed-off account(s); "
                   + (f"England's figures for {made.figures_year}." if made.figures else "no release published yet."))
        typer.echo(f"  {out / (stem + '.pdf')}\n  {out / (stem + '.docx')}")
