#!/usr/bin/env bash
# Restore a Fair Witness backup into an EMPTY database and data dir, then prove it with
# `fairwitness verify` against the backup's signed checkpoint. Usage: restore.sh BACKUP_DIR
set -euo pipefail
src=${1:?usage: restore.sh BACKUP_DIR}
: "${DATABASE_URL:?DATABASE_URL must be set (the new, empty database)}"
: "${FAIRWITNESS_DATA_DIR:?FAIRWITNESS_DATA_DIR must be set (the new data dir)}"
fw=${FAIRWITNESS_BIN:-/opt/fairwitness/.venv/bin/fairwitness}
(cd "$src" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$FAIRWITNESS_DATA_DIR"
tar -C "$FAIRWITNESS_DATA_DIR" -xf "$src/documents.tar"
"$fw" verify --checkpoint "$src/checkpoint.txt"
