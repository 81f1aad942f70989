#!/usr/bin/env bash
# Media benchmark: JavaCV/FFmpeg vs the ffmpeg CLI on a generated 60 s 1080p30 H.264 8 Mbit/s file.
# Needs ffmpeg/ffprobe on PATH (to generate the source and as baseline) and /usr/bin/time for CPU
# figures. Prints figures and ratios; asserts nothing. Figures: docs/BENCHMARKS.md, section "Media".
#   bench/media-bench.sh [--gpl] [--runs N] [--seconds S] [--keep]
# Default (LGPL natives): JavaCV encodes with libopenh264, and the baseline is the ffmpeg binary
# shipped in the same natives jar (same FFmpeg build, same encoder, same settings).
# --gpl builds with the vault's gpl-codecs profile: JavaCV encodes with libx264 ultrafast and the
# baseline is the system ffmpeg with the same x264 settings (the issue's reference command).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=()
gpl=false
if [ "${1:-}" = "--gpl" ]; then gpl=true; profile=(-Pgpl-codecs); shift; fi

# the bench module's package phase writes bench/target/classpath.txt (runtime scope)
./mvnw -B -q "${profile[@]}" -pl bench -am -DskipTests package >/dev/null
cp="bench/target/camvault-bench.jar:$(cat bench/target/classpath.txt)"

args=("$@")
clidir=$(mktemp -d)
trap 'rm -rf "$clidir"' EXIT
if ! $gpl; then
  # the ffmpeg binary inside the natives jar: same FFmpeg build and encoders as JavaCV uses
  natives=$(tr ':' '\n' < bench/target/classpath.txt | grep -E '/ffmpeg-[^/]*-linux-x86_64\.jar$')
  unzip -q -j "$natives" 'org/bytedeco/ffmpeg/linux-x86_64/*' -d "$clidir"
  chmod +x "$clidir/ffmpeg"
  printf '#!/bin/sh\nLD_LIBRARY_PATH="%s" exec "%s/ffmpeg" "$@"\n' "$clidir" "$clidir" > "$clidir/ffmpeg-same-build"
  chmod +x "$clidir/ffmpeg-same-build"
  args+=(--cli "$clidir/ffmpeg-same-build")
fi
echo "media-bench: $(uptime)"
java -Xmx1g -cp "$cp" io.camvault.bench.MediaBench "${args[@]}"
