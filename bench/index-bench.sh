#!/usr/bin/env bash
# Builds the bench module (and the vault it depends on) and runs the segment index benchmark.
# Options pass through, e.g.: bench/index-bench.sh --segments=200000 --queries=5000
# Figures and how to read them: docs/BENCHMARKS.md, section "Index".
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bench -am package -DskipTests
exec java -Xmx2g -cp "bench/target/camvault-bench.jar:$(cat bench/target/classpath.txt)" \
  io.camvault.bench.IndexBench "$@"
