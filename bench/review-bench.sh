#!/usr/bin/env bash
# Review benchmark: seek latency of 8 viewers (random 256 KiB Range requests on stream URLs, each
# audited) with no uploads, then while 16 tus uploads stream into the same gateway; prints p50/p99
# of both and their ratio. Needs ffmpeg on PATH (generates a 20 s 1080p30 H.264 8 Mbit/s source).
# Figures: docs/BENCHMARKS.md, section "Review".
#   bench/review-bench.sh [--uploads 16] [--viewers 8] [--upload-mib 256] [--seconds 15] [--tmp DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MVN_OFFLINE:-} -pl bench -am -DskipTests package >/dev/null || { echo "build failed: ./mvnw -pl bench -am -DskipTests package" >&2; exit 1; }
cp="bench/target/camvault-bench.jar:$(cat bench/target/classpath.txt)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ffmpeg -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 20 -c:v libx264 -preset ultrafast \
  -b:v 8M -maxrate 8M -bufsize 16M -g 60 -pix_fmt yuv420p -movflags +faststart "$work/source.mp4"
exec java -Xmx512m -cp "$cp" io.camvault.bench.ReviewBench --video "$work/source.mp4" "$@"
