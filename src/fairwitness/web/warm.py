"""Everything a first request would otherwise build, built once before gunicorn forks its workers.

With ``preload_app`` (deploy/gunicorn.conf.py) the master runs this after loading Django and every
worker starts with the law packs, the working calendar, the URL map and the compiled templates
already in memory. Without it, each new worker (and gunicorn replaces them every couple of thousand
requests) spent its first request, about a second, building them while its queue waited: the long
tail measured by bench/deploy_bench.py.

Nothing here touches the database: a connection opened before the fork would be shared by workers.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from django.apps import apps
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver

from fairwitness.law.calendar import working_calendar
from fairwitness.law.packs import available_jurisdictions, load_pack


def warm() -> int:
    """Build the caches; returns how many templates were compiled (for the log)."""
    for name in available_jurisdictions():
        load_pack(name)
    working_calendar()
    get_resolver().url_patterns  # noqa: B018 - populating the resolver is the point
    compiled = 0
    for app in apps.get_app_configs():
        if not app.name.startswith("fairwitness."):
            continue  # the admin's fifty templates are not what a family's first request waits for
        folder = Path(app.path) / "templates"
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):
                get_template(path.relative_to(folder).as_posix())
                compiled += 1
    connections.close_all()
    return compiled
