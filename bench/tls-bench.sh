#!/usr/bin/env bash
# TLS benchmark: the same ingest (concurrent tus uploads), downloads of the stored originals and
# random 256 KiB seeks over plain HTTP and over HTTPS against one vault, alternating which goes
# first, several rounds; prints medians and the https/http ratios, and the gateway's CPU seconds per
# GB. Figures: docs/BENCHMARKS.md, section "TLS". Run it on a quiet machine (uptime load < 4).
#   bench/tls-bench.sh [--rounds 3] [--uploads 4] [--upload-mib 256] [--seeks 200] [--tmp DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MVN_OFFLINE:-} -pl bench -am -DskipTests package >/dev/null || { echo "build failed: ./mvnw -pl bench -am -DskipTests package" >&2; exit 1; }
cp="bench/target/camvault-bench.jar:$(cat bench/target/classpath.txt)"
exec java -Xmx512m -cp "$cp" io.camvault.bench.TlsBench "$@"
