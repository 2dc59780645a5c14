"""After an erasure commits: make sure no old copy of the destroyed key is left in the database files.

Setting a case's wrapped key to NULL is not enough on its own. SQLite in WAL mode keeps the page that
held the key in the write-ahead log until a checkpoint, and PostgreSQL keeps the old row version in
the table until vacuum. Either would let someone with a copy of the data dir (and the master key)
read an erased case again. So, once the erasure has committed:

- SQLite: ``secure_delete`` is on for every connection (web/settings.py), so the freed cell on the
  page is zeroed when the row changes; ``PRAGMA wal_checkpoint(TRUNCATE)`` then writes the WAL back
  into the database and truncates it to nothing.
- PostgreSQL: ``VACUUM FULL`` on the case table rewrites it into new files without dead row versions
  (and frees the old files). The server's own WAL segments still hold the change until they are
  recycled at the next checkpoints: an operator who needs that gone runs ``CHECKPOINT`` (we try, and
  it needs the pg_checkpoint role) and keeps WAL archives under the same protection as backups.
"""

from __future__ import annotations

import contextlib
import logging
import time

from django.db import DatabaseError, connection

log = logging.getLogger("fairwitness.cases.shredding")

CASE_TABLE = "cases_case"


def shred_free_space() -> bool:
    """Best effort, after commit; True when every step ran. Logs only what failed, never content."""
    if connection.in_atomic_block:
        raise RuntimeError("shred_free_space runs after the erasure has committed")
    if connection.vendor == "sqlite":
        return _sqlite_checkpoint()
    if connection.vendor == "postgresql":
        return _postgres_vacuum()
    return False


def _sqlite_checkpoint(attempts: int = 20) -> bool:
    with connection.cursor() as cursor:
        for _ in range(attempts):
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _frames, _done = cursor.fetchone()
            if not busy:
                return True
            time.sleep(0.1)  # a reader holds an old snapshot; it finishes within a request
    log.warning("erasure: the SQLite WAL could not be truncated (readers busy); it will be at the next checkpoint")
    return False


def _postgres_vacuum() -> bool:
    ok = True
    with connection.cursor() as cursor:
        try:
            cursor.execute(f"VACUUM (FULL) {CASE_TABLE}")
        except DatabaseError as exc:
            log.warning("erasure: VACUUM FULL of %s failed (%s)", CASE_TABLE, type(exc).__name__)
            ok = False
        # CHECKPOINT needs pg_checkpoint or superuser; without it the WAL is recycled at the server's next ones.
        with contextlib.suppress(DatabaseError):
            cursor.execute("CHECKPOINT")
    return ok
