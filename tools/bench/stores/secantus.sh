#!/usr/bin/env bash
# SecantusDB for tools/bench/store-probe.mjs:  secantus.sh PORT DIR [extra secantus flags]
# Installs secantusdb into $SECANTUS_VENV (default /tmp/secantus-venv) when missing.
set -euo pipefail
port="$1" dir="$2"; shift 2
venv="${SECANTUS_VENV:-/tmp/secantus-venv}"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import secantus' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q secantusdb==0.7.0b3 >&2
fi
exec "$venv/bin/python" -m secantus --host 127.0.0.1 --port "$port" --storage-path "$dir" --log-level WARNING "$@"
