#!/usr/bin/env bash
# mongo-java-server for tools/bench/store-probe.mjs:  mongo-java-server.sh PORT DIR memory|h2
# Builds the launcher jar with Maven when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="$1" dir="$2" backend="${3:-memory}"
jar="$here/mongo-java-server/target/mongo-java-server-launcher.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$here/mongo-java-server" && mvn -B -q package >&2)
fi
exec java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$jar" --port "$port" --backend "$backend" --dir "$dir"
