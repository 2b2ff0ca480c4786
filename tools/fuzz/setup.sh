#!/usr/bin/env bash
# Creates (or brings up to date) the Python virtual environment the fuzzing suite runs
# schemathesis from: .local-stack/fuzz-venv, or $PDMC_FUZZ_VENV. Idempotent: when the installed
# requirements match tools/fuzz/requirements.txt it does nothing. Needs python3 (3.9+) with venv
# and access to PyPI the first time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${PDMC_FUZZ_VENV:-$root/.local-stack/fuzz-venv}"
requirements="$root/tools/fuzz/requirements.txt"
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [ -x "$venv/bin/st" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "tools/fuzz/setup.sh: $python not found; install Python 3.9+ with venv (Debian: apt-get install python3-venv)" >&2
  exit 1
fi
echo "== fuzzing tools: creating $venv from tools/fuzz/requirements.txt" >&2
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements"
echo "$wanted" > "$stamp"
"$venv/bin/st" --version >&2
