#!/usr/bin/env bash
# Installs the embedded SecantusDB server into tools/secantus/.venv from PyPI, only when the
# venv is missing or requirements.txt changed since it was made. Prints the venv's python.
# Needs Python 3.10+ (python3) with the venv module.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
stamp="$venv/.requirements.sha256"
python="${PDMC_PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup.sh: '$python' not found. Install Python 3.10+ with venv (apt-get install python3 python3-venv) to run the embedded SecantusDB store." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "setup.sh: $("$python" --version 2>&1) is too old; SecantusDB needs Python 3.10+." >&2
  exit 1
fi

want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup.sh: installing SecantusDB into $venv ..." >&2
  # The stamp is written last, so an interrupted install is redone from scratch next time.
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$here/requirements.txt" >&2
  echo "$want" > "$stamp"
fi

echo "$venv/bin/python"
