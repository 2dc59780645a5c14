"""How long a 300-page evidence bundle takes to build, and how much memory it needs.

``run()`` is called by ``make bench`` (bench/run.py); run this file directly to see the numbers.
The inputs (documents of 2 to 20 pages, a photo, the chronology of a test case) are made first and
not timed; then the bundle is built once for time and once under tracemalloc for peak memory
(tracemalloc slows Python down, so it is not the timed run).
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_PAGES = 300
TARGET_SECONDS = 20.0


def _pdf(title: str, pages: int) -> bytes:
    from fairwitness.documents.render_pdf import html_to_pdf

    body = "<div style='page-break-after:always'></div>".join(
        f"<h1>{title}</h1>" + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. </p>" * 25
        for _ in range(pages)
    )
    return html_to_pdf(f"<html><body>{body}</body></html>")


def _inputs() -> tuple[list[tuple[str, str, date | None, bytes]], object]:
    from PIL import Image

    from fairwitness.documents.chronology import build_chronology
    from fairwitness.law.caseformat import load_case

    shapes = {n: _pdf(f"Document of {n} pages", n) for n in (2, 5, 10, 20)}
    photo = io.BytesIO()
    Image.new("RGB", (1200, 900), (120, 140, 160)).save(photo, "JPEG")
    docs: list[tuple[str, str, date | None, bytes]] = [("C", "Photograph", date(2024, 1, 2), photo.getvalue())]
    pages, n, start = 1, 0, date(2023, 1, 2)
    cycle = [20, 10, 5, 2, 10, 5]
    while pages < TARGET_PAGES - 3:  # the index and the chronology make up the rest
        size = min(cycle[n % len(cycle)], TARGET_PAGES - 3 - pages) or 1
        size = max(k for k in shapes if k <= size) if size >= 2 else 2
        section = "BCD"[n % 3]
        docs.append((section, f"Document {n + 1}", start + timedelta(days=7 * n), shapes[size]))
        pages += size
        n += 1
    chron = build_chronology(load_case(ROOT / "tests" / "documents" / "cases" / "complaints.json"))
    return docs, chron


def run() -> dict[str, object]:
    from fairwitness.documents.bundle import build_bundle

    docs, chron = _inputs()
    started = time.perf_counter()
    bundle = build_bundle(docs, chron, title="Benchmark bundle")
    seconds = time.perf_counter() - started

    tracemalloc.start()
    build_bundle(docs, chron, title="Benchmark bundle")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "name": "bundle_300_pages",
        "pages": bundle.total_pages,
        "documents": len(bundle.entries),
        "bytes": len(bundle.pdf),
        "seconds": round(seconds, 2),
        "target_seconds": TARGET_SECONDS,
        "within_target": seconds < TARGET_SECONDS,
        "peak_python_mib": round(peak / 2**20, 1),
        "max_rss_mib": round(maxrss_kib / 1024, 1),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print(json.dumps(run(), indent=2))
