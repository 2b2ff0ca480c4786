#!/usr/bin/env bash
# Builds the embedded FerretDB server to tools/ferretdb/bin/ferretdb, only when
# the binary is missing or older than main.go/go.mod/go.sum. Prints its path.
# Uses Go's normal module cache and build cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$here/bin/ferretdb"

if ! command -v go >/dev/null 2>&1; then
  echo "build.sh: 'go' not found on PATH. Install Go 1.24+ (https://go.dev/dl/, or your package manager) to build the embedded FerretDB test server." >&2
  exit 1
fi

needs_build=0
if [[ ! -x "$bin" ]]; then
  needs_build=1
else
  for src in main.go go.mod go.sum build.sh; do
    if [[ "$here/$src" -nt "$bin" ]]; then
      needs_build=1
      break
    fi
  done
fi

if [[ "$needs_build" == 1 ]]; then
  echo "build.sh: building $bin ..." >&2
  mkdir -p "$here/bin"
  tmp="$(mktemp "$here/bin/.ferretdb.XXXXXX")"
  trap 'rm -f "$tmp"' EXIT
  # SQLite backend only: the ferretdb_no_postgresql tag skips compiling pgx.
  (cd "$here" && go build -mod=readonly -buildvcs=false -trimpath \
    -tags ferretdb_no_postgresql -o "$tmp" .)
  chmod 0755 "$tmp"
  mv -f "$tmp" "$bin"
  trap - EXIT
fi

echo "$bin"
