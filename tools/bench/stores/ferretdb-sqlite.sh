#!/usr/bin/env bash
# The project's FerretDB 1.24 (SQLite) for tools/bench/store-probe.mjs:
#   ferretdb-sqlite.sh PORT DIR [-serialize=false]
# -serialize=false turns off tools/ferretdb's global lock (one command at a time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="$1" dir="$2"; shift 2
bin="$("$here/../../ferretdb/build.sh")"
exec "$bin" -listen "127.0.0.1:$port" -dir "$dir" "$@"
