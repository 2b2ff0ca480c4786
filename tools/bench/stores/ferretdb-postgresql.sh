#!/usr/bin/env bash
# FerretDB 1.24 on PostgreSQL for tools/bench/store-probe.mjs:
#   PG_URL=postgres://user@127.0.0.1:5432/ferretdb ferretdb-postgresql.sh PORT DIR [-serialize=false]
# tools/ferretdb/main.go runs the SQLite handler only; this builds a copy of it with the
# handler switched to PostgreSQL (and without the ferretdb_no_postgresql tag) into
# $FERRETDB_PG_DIR (default /tmp/ferretdb-pg). DIR is unused: the data lives in PostgreSQL.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="$1"; shift 2
: "${PG_URL:?set PG_URL to a PostgreSQL database FerretDB may use}"
out="${FERRETDB_PG_DIR:-/tmp/ferretdb-pg}"
if [[ ! -x "$out/ferretdb-postgresql" ]]; then
  mkdir -p "$out/src"
  cp "$here/../../ferretdb/main.go" "$here/../../ferretdb/go.mod" "$here/../../ferretdb/go.sum" "$out/src/"
  sed -i -e 's|Handler:   "sqlite",|Handler: "postgresql", PostgreSQLURL: os.Getenv("PG_URL"),|' "$out/src/main.go"
  grep -q 'Handler: "postgresql"' "$out/src/main.go"
  (cd "$out/src" && go build -mod=readonly -buildvcs=false -trimpath -o "$out/ferretdb-postgresql" . >&2)
fi
mkdir -p /tmp/ferretdb-pg/unused-dir
exec "$out/ferretdb-postgresql" -listen "127.0.0.1:$port" -dir /tmp/ferretdb-pg/unused-dir "$@"
