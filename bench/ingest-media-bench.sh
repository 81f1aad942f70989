#!/usr/bin/env bash
# Ingest with media work running (issue 4): in ONE run on this machine, with the SAME client
# (tus-js-client, bench/node/load.mjs), N concurrent uploads of real 1080p H.264 recordings to
# camvault serve (-Xmx256m), each committed upload queueing real media work (probe, remux, poster),
#   idle: the media worker has nothing queued when the uploads start (the same warm-up uploads went
#         in first as in the other phases, but random bytes: nothing for media work to do);
#   busy: a backlog of H.265 and MJPEG recordings (transcodes) and H.264 ones (remux + poster) was
#         uploaded first, and the worker is working through it at full speed when the uploads start;
#   unpaced: the same as busy with media.duty-cycle-while-busy=100% (no yielding), to show what
#         yielding to ingest buys (UNPACED=0 skips it).
# Rounds alternate the order (idle first, then busy first) so drift on the machine hits both.
# Prints MB/s (10^6 bytes/s) per phase, the medians and the ratio busy / idle (target >= 0.9);
# writes bench/out/ingest-media-<date>.json. Figures: docs/BENCHMARKS.md, "Ingest with media work".
#
# Run it inside the shared benchmark lock, so no other benchmark overlaps it:
#   flock /tmp/camvault-bench.lock bench/ingest-media-bench.sh
# Env:   ROUNDS=5 UPLOADS=16 UPLOAD_MINUTES=4 HEAP=256m UNPACED=1 BENCH_TMP=/tmp (needs ~12 GB)
#        SERVE_ARGS="--set media.nice=0"   extra arguments for every camvault serve
# About 8 minutes with the defaults here.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
UPLOADS=${UPLOADS:-16}
UPLOAD_MINUTES=${UPLOAD_MINUTES:-4}
HEAP=${HEAP:-256m}
UNPACED=${UNPACED:-1}
JAVA=${JAVA:-java}
BACKLOG_TRANSCODES=4   # 2 H.265 MP4 + 2 MJPEG AVI, 20 s of 1080p30 each
BACKLOG_REMUXES=4      # 60 s 1080p H.264 MP4

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
machine_cpu_s() { awk -v t="$(getconf CLK_TCK)" '/^cpu / { printf "%.1f", ($2 + $3 + $4 + $7 + $8 + $9) / t }' /proc/stat; }
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
json() { node -e 'const v=JSON.parse(process.argv[1])[process.argv[2]]; console.log(v === undefined ? "?" : v)' "$1" "$2"; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ff() { ffmpeg -hide_banner -v error -y "$@"; }

jar=cli/target/camvault.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  ./mvnw -B -q -o -DskipTests package
fi
if [ ! -d bench/node/node_modules/tus-js-client ]; then
  log "installing bench/node (npm ci)"
  .ci/npm-ci bench/node >/dev/null
fi
command -v ffmpeg >/dev/null || { log "needs the ffmpeg CLI to generate recordings"; exit 1; }

work=$(mktemp -d "${BENCH_TMP:-/tmp}/camvault-media-ingest.XXXXXX")
cv_pid=""
cleanup() {
  [ -n "$cv_pid" ] && kill "$cv_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---- recordings -----------------------------------------------------------------------------
# One minute of real 1080p30 H.264 High 8 Mbit/s + AAC (index at the end, as recorders write it),
# stream-copied UPLOAD_MINUTES times into one recording; the N uploads differ only in a metadata
# tag, so their bytes (and hashes) differ while every one is a real recording that needs a remux
# and a poster. Same for the backlog. Copies cost disk time, no encoding.
mkdir -p "$work/src" "$work/backlog"
log "generating 60 s of 1080p30 H.264 + AAC, 20 s of H.265 and of MJPEG (ffmpeg CLI, about a minute)"
ff -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=60 -f lavfi -i sine=frequency=440:sample_rate=48000:duration=60 \
   -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p -b:v 8M -maxrate 8M -bufsize 16M -g 60 \
   -c:a aac -b:a 128k -ac 2 "$work/minute.mp4"
ff -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=20 -f lavfi -i sine=frequency=300:sample_rate=48000:duration=20 \
   -c:v libx265 -preset ultrafast -b:v 4M -pix_fmt yuv420p -tag:v hvc1 -x265-params log-level=error \
   -c:a aac -b:a 128k "$work/hevc.mp4"
ff -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=20 -f lavfi -i sine=frequency=500:sample_rate=48000:duration=20 \
   -c:v mjpeg -q:v 6 -pix_fmt yuvj420p -c:a pcm_s16le "$work/mjpeg.avi"
for _ in $(seq 1 "$UPLOAD_MINUTES"); do echo "file '$work/minute.mp4'"; done >"$work/concat.txt"
ff -f concat -safe 0 -i "$work/concat.txt" -c copy "$work/long.mp4"
files=()
for i in $(seq 1 "$UPLOADS"); do
  ff -i "$work/long.mp4" -map 0 -c copy -metadata comment="bench upload $i" "$work/src/u$i.mp4"
  files+=("$work/src/u$i.mp4")
done
backlog=()
for i in 1 2; do
  ff -i "$work/hevc.mp4" -map 0 -c copy -metadata comment="backlog hevc $i" "$work/backlog/h$i.mp4"
  ff -i "$work/mjpeg.avi" -map 0 -c copy -metadata comment="backlog mjpeg $i" "$work/backlog/m$i.avi"
  backlog+=("$work/backlog/h$i.mp4" "$work/backlog/m$i.avi")
done
for i in $(seq 1 "$BACKLOG_REMUXES"); do
  ff -i "$work/minute.mp4" -map 0 -c copy -metadata comment="backlog h264 $i" "$work/backlog/r$i.mp4"
  backlog+=("$work/backlog/r$i.mp4")
done
# The idle phase gets the same warm-up uploads as the others (same sizes), but of random bytes: the
# JIT compiles the ingest path the same way in every phase, and their media jobs end at the probe.
mkdir -p "$work/warm"
warm=()
for f in "${backlog[@]}"; do
  w="$work/warm/$(basename "$f").bin"
  head -c "$(stat -c %s "$f")" /dev/urandom >"$w"
  warm+=("$w")
done
rm -f "$work/long.mp4" "$work/concat.txt"
total_bytes=$(du -cb "${files[@]}" | tail -n 1 | cut -f1)
file_list=$(IFS=,; echo "${files[*]}")
backlog_list=$(IFS=,; echo "${backlog[*]}")
warm_list=$(IFS=,; echo "${warm[*]}")
log "uploads: $UPLOADS x $(( total_bytes / UPLOADS / 1000000 )) MB; backlog: $BACKLOG_TRANSCODES to transcode, $BACKLOG_REMUXES to remux"
sync

# ---- daemon ---------------------------------------------------------------------------------
start_camvault() { # start_camvault DATA [serve args...] -> cv_pid, cv_port, CAMVAULT_TOKEN
  local data=$1; shift
  mkdir -p "$data"
  CAMVAULT_TOKEN=$("$JAVA" -jar "$jar" admin token create --init --data "$data" --role dock --name bench-dock 2>/dev/null | tail -n 1)
  export CAMVAULT_TOKEN
  cv_port=$(free_port)
  # shellcheck disable=SC2086 # SERVE_ARGS is a list of words
  "$JAVA" -Xmx"$HEAP" -jar "$jar" serve --data "$data" --host 127.0.0.1 --port "$cv_port" ${SERVE_ARGS:-} "$@" >"$data.log" 2>&1 &
  cv_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$cv_port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$cv_pid" 2>/dev/null || { cat "$data.log" >&2; return 1; }
    sleep 0.25
  done
  log "camvault did not become ready"; cat "$data.log" >&2; return 1
}
stop_camvault() {
  kill -TERM "$cv_pid" 2>/dev/null || true
  wait "$cv_pid" 2>/dev/null || true
  cv_pid=""
}
count() { grep -c "$1" "$2" || true; }
deferred_s() { curl -fsS "http://127.0.0.1:$cv_port/metrics" | awk '/^camvault_media_deferred_seconds_total/ { printf "%.1f", $2 }'; }

# phase NAME BACKLOG(yes|no) [serve args...]: one JSON object into $work/phase.json
phase() {
  local name=$1 with_backlog=$2; shift 2
  local data="$work/cv-$name"
  start_camvault "$data" "$@"
  local ep="http://127.0.0.1:$cv_port/files/"
  if [ "$with_backlog" = yes ]; then
    node bench/node/load.mjs throughput --endpoint "$ep" --files "$backlog_list" >/dev/null
  else
    node bench/node/load.mjs throughput --endpoint "$ep" --files "$warm_list" >/dev/null
  fi
  sync
  local w0 w1 t0_done t0_trans def0 cpu0 all0 out cpu all def t_done t_trans
  sleep 3   # past the media worker's quiet time (2 s): a backlog is now worked through at full speed
  w0=$(cpu_s "$cv_pid")
  sleep 3
  w1=$(cpu_s "$cv_pid")
  t0_done=$(count media.job_done "$data.log")
  t0_trans=$(count "action=TRANSCODE" "$data.log")
  def0=$(deferred_s)
  cpu0=$(cpu_s "$cv_pid")
  all0=$(machine_cpu_s)
  out=$(node bench/node/load.mjs throughput --endpoint "$ep" --files "$file_list")
  cpu=$(awk -v a="$cpu0" -v b="$(cpu_s "$cv_pid")" 'BEGIN { printf "%.1f", b - a }')
  all=$(awk -v a="$all0" -v b="$(machine_cpu_s)" 'BEGIN { printf "%.1f", b - a }')
  def=$(awk -v a="$def0" -v b="$(deferred_s)" 'BEGIN { printf "%.1f", b - a }')
  t_done=$(count media.job_done "$data.log")
  t_trans=$(count "action=TRANSCODE" "$data.log")
  local objects
  objects=$(find "$data/objects/sha256" -type f 2>/dev/null | wc -l)
  stop_camvault
  local seconds
  seconds=$(json "$out" seconds)
  [ "$seconds" != "?" ] || { log "$name: uploads failed: $out"; cat "$data.log" >&2; exit 1; }
  rm -rf "$data" "$data.log"; sync
  local client
  client=$(json "$out" clientCpuSeconds)
  printf '{"phase":"%s","mbps":%s,"seconds":%s,"serverCpuSeconds":%s,"clientCpuSeconds":%s,"otherCpuSeconds":%s,"serverCoresBefore":%s,"mediaDeferredSeconds":%s,"jobsDoneBefore":%s,"jobsDoneDuring":%s,"transcodesDoneBefore":%s,"transcodesDoneAtEnd":%s,"objects":%s}\n' \
    "$name" "$(mbps "$total_bytes" "$seconds")" "$seconds" "$cpu" "$client" \
    "$(awk -v a="$all" -v b="$cpu" -v c="$client" 'BEGIN { printf "%.1f", a - b - c }')" \
    "$(awk -v a="$w0" -v b="$w1" 'BEGIN { printf "%.2f", (b - a) / 3 }')" "${def:-0}" \
    "$t0_done" "$((t_done - t0_done))" "$t0_trans" "$t_trans" "$objects" >"$work/phase.json"
}

describe() { # one line per phase for the log
  local j=$1
  log "$(json "$j" phase): $(json "$j" mbps) MB/s in $(json "$j" seconds) s; CPU s server $(json "$j" serverCpuSeconds)," \
      "client $(json "$j" clientCpuSeconds), rest of machine $(json "$j" otherCpuSeconds); server cores used just before $(json "$j" serverCoresBefore);" \
      "media held $(json "$j" mediaDeferredSeconds) s; jobs done before $(json "$j" jobsDoneBefore), during $(json "$j" jobsDoneDuring);" \
      "transcodes done $(json "$j" transcodesDoneBefore) -> $(json "$j" transcodesDoneAtEnd) of $BACKLOG_TRANSCODES"
}

results=()
idle=(); busy=(); unpaced=(); ratios=(); disturbed=()
for r in $(seq 1 "$ROUNDS"); do
  order=(idle busy)
  [ $((r % 2)) -eq 0 ] && order=(busy idle)
  [ "$UNPACED" = 1 ] && order+=(unpaced)
  for p in "${order[@]}"; do
    log "round $r: $p"
    case $p in
      idle) phase idle no; j=$(cat "$work/phase.json"); idle+=("$(json "$j" mbps)"); i_m=$(json "$j" mbps) ;;
      busy) phase busy yes; j=$(cat "$work/phase.json"); busy+=("$(json "$j" mbps)"); b_m=$(json "$j" mbps)
            [ "$(json "$j" transcodesDoneAtEnd)" -lt "$BACKLOG_TRANSCODES" ] \
              || log "warning: the backlog ran out during the busy phase; the worker was not busy throughout" ;;
      unpaced) phase unpaced yes --set media.duty-cycle-while-busy=100%; j=$(cat "$work/phase.json"); unpaced+=("$(json "$j" mbps)") ;;
    esac
    describe "$j"
    results+=("$j")
    awk -v o="$(json "$j" otherCpuSeconds)" 'BEGIN { exit !(o > 2) }' && disturbed+=("$r:$p")
  done
  ratios+=("$(awk -v a="$b_m" -v b="$i_m" 'BEGIN { printf "%.2f", a / b }')")
done

m_idle=$(echo "${idle[*]}" | median)
m_busy=$(echo "${busy[*]}" | median)
ratio=$(awk -v a="$m_busy" -v b="$m_idle" 'BEGIN { printf "%.2f", a / b }')
cat <<EOF

== camvault ingest with media work: $UPLOADS concurrent uploads x $(( total_bytes / UPLOADS / 1000000 )) MB of 1080p H.264, client tus-js-client $(node -p 'require("./bench/node/node_modules/tus-js-client/package.json").version'), -Xmx$HEAP, $(nproc) cores, $ROUNDS rounds
media worker idle            ${idle[*]} MB/s   median $m_idle
media worker busy (backlog)  ${busy[*]} MB/s   median $m_busy
ratio busy / idle            $ratio (median / median)   per round: ${ratios[*]}, median $(echo "${ratios[*]}" | median)   target >= 0.9
EOF
echo "phases other work on the machine took > 2 CPU-s from: ${disturbed[*]:-none}"
if [ "$UNPACED" = 1 ]; then
  m_unp=$(echo "${unpaced[*]}" | median)
  echo "busy, yielding off (100%)   ${unpaced[*]} MB/s   median $m_unp   ratio to idle $(awk -v a="$m_unp" -v b="$m_idle" 'BEGIN { printf "%.2f", a / b }')"
fi

mkdir -p bench/out
out="bench/out/ingest-media-$(date +%Y%m%dT%H%M%S).json"
{
  printf '{"uploads":%s,"bytes":%s,"heap":"%s","rounds":%s,"medianIdleMbps":%s,"medianBusyMbps":%s,"ratio":%s,"phases":[' \
    "$UPLOADS" "$total_bytes" "$HEAP" "$ROUNDS" "$m_idle" "$m_busy" "$ratio"
  (IFS=,; printf '%s' "${results[*]}")
  printf ']}\n'
} >"$out"
log "wrote $out"
