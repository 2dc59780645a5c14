"""``/healthz``: is this server able to serve? For a load balancer, a systemd watchdog or a person.

It answers in JSON and names no case, person or count: a database that answers, and no migration
left unapplied (a server started on an older schema would fail on the first write).
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

_migrations_checked = False  # once they are applied, a running server's schema does not go back


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    global _migrations_checked
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_checked:
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                return JsonResponse({"status": "unavailable", "database": "ok", "migrations": "pending"}, status=503)
            _migrations_checked = True
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "applied"})
