"""``{% complaints_panel case %}``: the case page's small panel of open matters, linking to the
tracker. Built from the same cached engine report the case page uses."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def complaints_panel(context: dict[str, Any], case: Any) -> SafeString:
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import open_matters
    from fairwitness.documents.wording import long_date

    matters = open_matters(case_report(case))
    overdue = [m for m in matters if m.flagged and m.status == "missed"]
    dated = sorted((m for m in matters if m.due and m.status == "due"), key=lambda m: m.due)
    return mark_safe(render_to_string("complaints/_case_panel.html", {
        "case": case, "count": len(matters), "overdue": overdue,
        "next": dated[0] if dated else None, "next_due": long_date(dated[0].due) if dated else None,
    }, request=context.get("request")))
