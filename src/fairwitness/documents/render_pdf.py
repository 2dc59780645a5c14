"""PDF output through WeasyPrint: HTML and CSS, A4, Debian's DejaVu and Liberation fonts.

No web fonts and no remote resources: the HTML is built here with every value escaped, and
WeasyPrint's URL fetcher is replaced with one that refuses anything but ``data:`` URLs.
"""

from __future__ import annotations

import base64
import html
from functools import lru_cache
from importlib import resources

from fairwitness.documents.chronology import Chronology
from fairwitness.documents.model import Letter
from fairwitness.documents.wording import PROMPT_RE, long_date


@lru_cache(maxsize=1)
def stylesheet_text() -> str:
    return resources.files("fairwitness.documents").joinpath("templates/documents.css").read_text("utf-8")


def _offline_fetcher() -> object:
    """A URL fetcher that only reads ``data:`` URLs (embedded images); anything else is refused."""
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint 68 and later
    except ImportError:  # older WeasyPrint: a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: object, **kwargs: object) -> object:
            if not url.startswith("data:"):
                raise ValueError(f"documents are rendered offline; refusing to fetch {url!r}")
            return default_url_fetcher(url)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def html_to_pdf(document: str, extra_css: str = "") -> bytes:
    from weasyprint import CSS, HTML  # imported lazily: it is slow to import and the CLI stays quick

    sheets = [CSS(string=stylesheet_text())]
    if extra_css:
        sheets.append(CSS(string=extra_css))
    return HTML(string=document, url_fetcher=_offline_fetcher()).write_pdf(stylesheets=sheets)


def esc(text: str) -> str:
    """Escape, and mark each bracketed prompt so it stands out in a draft."""
    out = []
    last = 0
    for m in PROMPT_RE.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        out.append(f'<span class="prompt">{html.escape(m.group(0))}</span>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _page(title: str, body: str, author: str = "", body_class: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="author" content="{html.escape(author)}"><meta name="generator" content="Fair Witness">'
            f'</head><body class="{body_class}">{body}</body></html>')


def _paragraph(text: str) -> str:
    if text.startswith("\u2022 "):
        return f'<p class="bullet">{esc(text)}</p>'
    if text[:3].rstrip(". ").isdigit() and ". " in text[:4]:
        return f'<p class="numbered">{esc(text)}</p>'
    return f"<p>{esc(text)}</p>"


def letter_body_html(letter: Letter) -> str:
    """The letter as sent: sender, date, recipient, subject, text, signature and the law it cites."""
    parts = [
        '<div class="sender">' + "<br>".join(esc(line) for line in [letter.sender, *letter.sender_lines]) + "</div>",
        '<div class="recipient">' + "<br>".join(esc(line) for line in [letter.recipient, *letter.recipient_lines])
        + "</div>",
        f'<div class="date">{html.escape(long_date(letter.date))}</div>',
        f'<p>{esc(letter.salutation)}</p>',
        f'<div class="subject">{esc(letter.title)}</div>',
        *(_paragraph(p) for p in letter.paragraphs),
        f'<div class="signature"><p>{esc(letter.closing)}</p><p>{esc(letter.sender)}</p></div>',
    ]
    if letter.citations:
        items = "".join(f"<li>{esc(str(c))}" + (f" ({html.escape(c.url)})" if c.url else "") + "</li>"
                        for c in letter.citations)
        parts.append(f'<div class="law"><strong>The law this letter relies on</strong><ul>{items}</ul></div>')
    return "".join(parts)


def cover_note_html(letter: Letter) -> str:
    """For the family only, on the draft: what to fill in, the dates, how they were counted, and the
    disclaimer. Never part of the letter that is sent."""
    prompts = list(dict.fromkeys(letter.prompts()))
    parts = ['<div class="cover"><h1>Draft: notes for you (not part of the letter)</h1>']
    if prompts:
        parts.append("<p><strong>Fill these in before the letter can be final:</strong></p><ul>"
                     + "".join(f"<li>{esc(p)}</li>" for p in prompts) + "</ul>")
    else:
        parts.append("<p>Nothing is left to fill in. Read it through and change anything you want to.</p>")
    if letter.expected_response:
        parts.append(f"<p><strong>Answer expected by:</strong> {html.escape(long_date(letter.expected_response))}</p>")
    parts.append("".join(f'<p class="small">{esc(n)}</p>' for n in letter.notes))
    parts.append("</div>")
    return "".join(parts)


def letter_html(letter: Letter, final: bool = True) -> str:
    if final:
        letter.require_final()
        return _page(letter.title, letter_body_html(letter), letter.sender)
    body = f'<div class="draft">{cover_note_html(letter)}{letter_body_html(letter)}</div>'
    return _page("DRAFT: " + letter.title, body, letter.sender)


def render_letter_pdf(letter: Letter, final: bool = True) -> bytes:
    """The letter as a PDF. A final letter is refused (``LetterError``) while a prompt is unfilled."""
    return html_to_pdf(letter_html(letter, final))


def chronology_html(chron: Chronology) -> str:
    rows = "".join(
        f'<tr><td class="when">{html.escape(r.when)}</td><td>{esc(r.event)}</td>'
        f'<td class="src">{html.escape(r.source)}</td><td class="ref">{html.escape(r.reference)}</td></tr>'
        for r in chron.rows
    )
    body = (f"<h1>{html.escape(chron.title)}</h1><p class=\"small\">{html.escape(chron.subtitle)}</p>"
            '<table class="chron"><colgroup><col class="when"><col><col class="src"><col class="ref"></colgroup><thead><tr><th>Date</th><th>Event</th><th>Source</th><th>Document</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            + "".join(f'<p class="disclaimer">{html.escape(f)}</p>' for f in chron.footer))
    return _page(chron.title, body)


def render_chronology_pdf(chron: Chronology) -> bytes:
    return html_to_pdf(chronology_html(chron))


def image_to_pdf(data: bytes, title: str, mime: str | None = None) -> bytes:
    """Wrap a photo or scan (PNG, JPEG, GIF, WebP…) in an A4 page, scaled to fit, titled."""
    if mime is None:
        import filetype

        kind = filetype.guess(data)
        if kind is None or not kind.mime.startswith("image/"):
            raise ValueError(f"{title!r} is neither a PDF nor an image this can wrap")
        mime = kind.mime
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    body = (f'<p class="small">{html.escape(title)}</p>'
            f'<img src="{uri}" alt="{html.escape(title)}" style="max-width:100%;max-height:235mm;display:block;margin:auto">')
    return html_to_pdf(_page(title, body), extra_css="@page { @bottom-right { content: none; } }")
