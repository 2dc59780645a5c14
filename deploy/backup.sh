#!/usr/bin/env bash
# Back up Fair Witness: the database (pg_dump, custom format), the encrypted documents, and the newest
# signed checkpoint, with a SHA-256 manifest. Usage: backup.sh DEST_DIR
#
# The master and signing keys are NOT in the backup, on purpose: keep them apart (offline, another
# place). A backup without its master key opens no family's record.
set -euo pipefail
dest=${1:?usage: backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must be set (source /etc/fairwitness/env)}"
: "${FAIRWITNESS_DATA_DIR:?FAIRWITNESS_DATA_DIR must be set}"
fw=${FAIRWITNESS_BIN:-/opt/fairwitness/.venv/bin/fairwitness}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$dest/fairwitness-$stamp"
mkdir -p "$out"
umask 077
# The checkpoint first: the dump then holds at least what it vouches for.
"$fw" checkpoint > "$out/checkpoint.txt"
pg_dump --format=custom --no-owner --file="$out/database.dump" "$DATABASE_URL"
if [ -d "$FAIRWITNESS_DATA_DIR/documents" ]; then
  tar -C "$FAIRWITNESS_DATA_DIR" -cf "$out/documents.tar" documents
else
  tar -cf "$out/documents.tar" --files-from /dev/null
fi
(cd "$out" && sha256sum checkpoint.txt database.dump documents.tar > SHA256SUMS)
echo "$out"
