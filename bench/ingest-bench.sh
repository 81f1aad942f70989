#!/usr/bin/env bash
# Ingest benchmark (issue 3): in ONE run on this machine, with the SAME client (tus-js-client,
# bench/node/load.mjs), N concurrent uploads of SIZE each to
#   (a) camvault serve with a 256 MB heap (hashes SHA-256, fsyncs before every 204, commits to RocksDB)
#   (b) @tus/server 2.x with @tus/file-store (no hashing, no fsync)
# and (c) raw `dd if=<file> of=<out> bs=1M conv=fdatasync` of the same bytes, then
# (d) p99 latency of 1 MB uploads to camvault, idle vs. while four 2 GB uploads stream.
# Prints MB/s (10^6 bytes/s) and the ratios; writes bench/out/ingest-<date>.json.
#
# Usage: bench/ingest-bench.sh            (builds cli/target/camvault.jar if missing)
# Env:   BENCH_TMP=/path  where generated data goes (default /tmp; needs ~20 GB free)
#        UPLOADS=16 SIZE_MB=256 BIG_UPLOADS=4 BIG_MB=2048 SMALL_COUNT=200   (the issue's figures)
#        SKIP_LATENCY=1   skip part (d)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

UPLOADS=${UPLOADS:-16}
SIZE_MB=${SIZE_MB:-256}
BIG_UPLOADS=${BIG_UPLOADS:-4}
BIG_MB=${BIG_MB:-2048}
SMALL_COUNT=${SMALL_COUNT:-200}
HEAP=${HEAP:-256m}
JAVA=${JAVA:-java}

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cpu_s() { # CPU seconds (user + system) used so far by process $1
  awk -v t="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo "?"
}
field() { node -e 'const v=JSON.parse(process.argv[1])[process.argv[2]]; console.log(v === undefined ? "?" : v)' "$1" "$2"; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

jar=cli/target/camvault.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  ./mvnw -B -q -DskipTests package
fi
if [ ! -d bench/node/node_modules/tus-js-client ]; then
  log "installing bench/node (npm ci)"
  (cd bench/node && npm ci --no-audit --no-fund --silent)
fi

work=$(mktemp -d "${BENCH_TMP:-/tmp}/camvault-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---- data ---------------------------------------------------------------------------------
gen() { # gen FILE MB SEED: incompressible, reproducible bytes (AES-CTR keystream) at GB/s
  local want=$(( $2 * 1024 * 1024 ))
  if command -v openssl >/dev/null; then
    head -c "$want" /dev/zero | openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:camvault-bench-$3" -out "$1" 2>/dev/null
  else
    head -c "$want" /dev/urandom >"$1"
  fi
  [ "$(stat -c %s "$1")" -eq "$want" ] || { log "could not generate $1"; exit 1; }
}
mkdir -p "$work/src"
log "generating $UPLOADS x $SIZE_MB MiB in $work/src"
files=()
for i in $(seq 1 "$UPLOADS"); do
  gen "$work/src/f$i.bin" "$SIZE_MB" "$i"
  files+=("$work/src/f$i.bin")
done
total_bytes=$(( UPLOADS * SIZE_MB * 1024 * 1024 ))
file_list=$(IFS=,; echo "${files[*]}")
sync

# ---- (c) dd --------------------------------------------------------------------------------
run_dd_parallel() {
  mkdir -p "$work/dd"
  local t0 t1
  t0=$(now)
  for i in $(seq 1 "$UPLOADS"); do
    dd if="$work/src/f$i.bin" of="$work/dd/f$i.bin" bs=1M conv=fdatasync status=none &
  done
  wait
  t1=$(now)
  rm -rf "$work/dd"; sync
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
run_dd_serial() {
  mkdir -p "$work/dd"
  local t0 t1
  t0=$(now)
  for i in $(seq 1 "$UPLOADS"); do
    dd if="$work/src/f$i.bin" of="$work/dd/f$i.bin" bs=1M conv=fdatasync status=none
  done
  t1=$(now)
  rm -rf "$work/dd"; sync
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
log "dd: $UPLOADS files at once, bs=1M conv=fdatasync"
dd_par_s=$(run_dd_parallel)
log "dd: the same files one after another"
dd_ser_s=$(run_dd_serial)
dd_par=$(mbps "$total_bytes" "$dd_par_s")
dd_ser=$(mbps "$total_bytes" "$dd_ser_s")
dd_best=$(awk -v a="$dd_par" -v b="$dd_ser" 'BEGIN { print (a > b ? a : b) }')
log "dd: parallel $dd_par MB/s, serial $dd_ser MB/s (baseline: the faster, $dd_best)"

# ---- (b) @tus/server -----------------------------------------------------------------------
tus_port=$(free_port)
mkdir -p "$work/tus"
node bench/node/tus-server.mjs --port "$tus_port" --dir "$work/tus" >"$work/tus.log" 2>&1 &
tus_pid=$!; pids+=("$tus_pid")
for _ in $(seq 1 50); do grep -q tus-server.started "$work/tus.log" && break; sleep 0.1; done
log "@tus/server: $UPLOADS concurrent uploads"
tus_cpu0=$(cpu_s "$tus_pid")
tus_json=$(node bench/node/load.mjs throughput --endpoint "http://127.0.0.1:$tus_port/files/" --files "$file_list")
tus_cpu=$(awk -v a="$tus_cpu0" -v b="$(cpu_s "$tus_pid")" 'BEGIN { printf "%.1f", b - a }')
t0=$(now); sync; t1=$(now)
tus_sync_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
kill "$tus_pid"; wait "$tus_pid" 2>/dev/null || true
rm -rf "$work/tus"; sync
tus_s=$(node -e 'console.log(JSON.parse(process.argv[1]).seconds)' "$tus_json")
tus=$(mbps "$total_bytes" "$tus_s")
tus_synced=$(mbps "$total_bytes" "$(awk -v a="$tus_s" -v b="$tus_sync_s" 'BEGIN { print a + b }')")
log "@tus/server: $tus MB/s (with a sync afterwards, which it never does itself: $tus_synced MB/s)"

# ---- (a) camvault --------------------------------------------------------------------------
start_camvault() { # start_camvault DATA -> sets cv_pid, cv_port, CAMVAULT_TOKEN
  local data=$1
  mkdir -p "$data"
  CAMVAULT_TOKEN=$("$JAVA" -jar "$jar" admin token create --data "$data" --role dock --name bench-dock | tail -n 1)
  export CAMVAULT_TOKEN
  cv_port=$(free_port)
  "$JAVA" -Xmx"$HEAP" -jar "$jar" serve --data "$data" --host 127.0.0.1 --port "$cv_port" >"$data.log" 2>&1 &
  cv_pid=$!; pids+=("$cv_pid")
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
}
peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

start_camvault "$work/cv"
log "camvault (-Xmx$HEAP): $UPLOADS concurrent uploads"
cv_cpu0=$(cpu_s "$cv_pid")
cv_json=$(node bench/node/load.mjs throughput --endpoint "http://127.0.0.1:$cv_port/files/" --files "$file_list")
cv_cpu=$(awk -v a="$cv_cpu0" -v b="$(cpu_s "$cv_pid")" 'BEGIN { printf "%.1f", b - a }')
cv_rss=$(peak_rss_mb "$cv_pid")
stop_camvault
cv_s=$(node -e 'console.log(JSON.parse(process.argv[1]).seconds)' "$cv_json")
cv=$(mbps "$total_bytes" "$cv_s")
cv_objects=$(find "$work/cv/objects" -type f 2>/dev/null | wc -l)
rm -rf "$work/cv"; sync
log "camvault: $cv MB/s, peak RSS $cv_rss MB, $cv_objects objects committed"

# ---- (d) latency of small uploads, idle vs. under big streams -------------------------------
lat_idle_p99=""; lat_load_p99=""; lat_ratio=""; lat_idle_json="{}"; lat_load_json="{}"
if [ -z "${SKIP_LATENCY:-}" ]; then
  rm -rf "$work/src"; mkdir -p "$work/big"
  log "generating $BIG_UPLOADS x $BIG_MB MiB"
  big=()
  for i in $(seq 1 "$BIG_UPLOADS"); do gen "$work/big/b$i.bin" "$BIG_MB" "big$i"; big+=("$work/big/b$i.bin"); done
  big_list=$(IFS=,; echo "${big[*]}")
  sync
  start_camvault "$work/cv2"
  ep="http://127.0.0.1:$cv_port/files/"
  node bench/node/load.mjs latency --endpoint "$ep" --count 20 --seed warm >/dev/null   # warm-up
  sync; sleep 5   # let writeback of the generated data finish: "idle" means an idle disk too
  log "latency: $SMALL_COUNT x 1 MiB uploads, idle gateway"
  lat_idle_json=$(node bench/node/load.mjs latency --endpoint "$ep" --count "$SMALL_COUNT" --seed idle)
  log "latency: the same while $BIG_UPLOADS x $BIG_MB MiB uploads stream"
  node bench/node/load.mjs throughput --endpoint "$ep" --files "$big_list" >"$work/big.json" &
  big_pid=$!; pids+=("$big_pid")
  sleep 3
  lat_load_json=$(node bench/node/load.mjs latency --endpoint "$ep" --count "$SMALL_COUNT" --seed load --while-pid "$big_pid")
  wait "$big_pid" || { log "big uploads failed: $(cat "$work/big.json")"; }
  big_mbps=$(node -e 'try{console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).mbps.toFixed(1))}catch{console.log("?")}' "$work/big.json")
  cv2_rss=$(peak_rss_mb "$cv_pid")
  stop_camvault
  rm -rf "$work/cv2" "$work/big"
  lat_idle_p99=$(node -e 'console.log(JSON.parse(process.argv[1]).p99)' "$lat_idle_json")
  lat_load_p99=$(node -e 'console.log(JSON.parse(process.argv[1]).p99)' "$lat_load_json")
  lat_ratio=$(ratio "$lat_load_p99" "$lat_idle_p99")
  log "latency: idle $lat_idle_json"
  log "latency: loaded $lat_load_json (big uploads $big_mbps MB/s, peak RSS $cv2_rss MB)"
fi

# ---- report --------------------------------------------------------------------------------
r_tus=$(ratio "$cv" "$tus"); r_dd=$(ratio "$cv" "$dd_best")
cat <<EOF

== camvault ingest benchmark: $UPLOADS concurrent uploads x $SIZE_MB MiB, client tus-js-client $(node -p 'require("./bench/node/node_modules/tus-js-client/package.json").version'), $(nproc) cores
camvault (-Xmx$HEAP, sha256 + fsync)   $cv MB/s   (peak RSS ${cv_rss} MB; CPU s: server $cv_cpu, client $(field "$cv_json" clientCpuSeconds), wall $(field "$cv_json" seconds))
@tus/server + file-store               $tus MB/s   (incl. a final sync: $tus_synced MB/s; CPU s: server $tus_cpu, client $(field "$tus_json" clientCpuSeconds), wall $(field "$tus_json" seconds))
dd bs=1M conv=fdatasync                $dd_best MB/s   (parallel $dd_par, serial $dd_ser)
ratio camvault / @tus/server           $r_tus   (target >= 1.0)
ratio camvault / dd                    $r_dd   (target >= 0.8)
EOF
if [ -n "$lat_ratio" ]; then
cat <<EOF
1 MiB upload latency p99, idle         $lat_idle_p99 ms   (p50 $(node -e 'console.log(JSON.parse(process.argv[1]).p50)' "$lat_idle_json") ms, n=$(node -e 'console.log(JSON.parse(process.argv[1]).count)' "$lat_idle_json"))
1 MiB upload latency p99, under $BIG_UPLOADS x $BIG_MB MiB  $lat_load_p99 ms   (p50 $(node -e 'console.log(JSON.parse(process.argv[1]).p50)' "$lat_load_json") ms, n=$(node -e 'console.log(JSON.parse(process.argv[1]).count)' "$lat_load_json"); big streams at $big_mbps MB/s)
ratio loaded / idle                    $lat_ratio   (target <= 2.0)
EOF
fi

mkdir -p bench/out
out="bench/out/ingest-$(date +%Y%m%dT%H%M%S).json"
cat >"$out" <<EOF
{"uploads":$UPLOADS,"sizeMiB":$SIZE_MB,"heap":"$HEAP",
 "camvault":{"mbps":$cv,"peakRssMb":"$cv_rss","serverCpuSeconds":"$cv_cpu","load":$cv_json},
 "tusServer":{"mbps":$tus,"mbpsInclSync":$tus_synced,"serverCpuSeconds":"$tus_cpu","load":$tus_json},
 "dd":{"parallelMbps":$dd_par,"serialMbps":$dd_ser},
 "ratios":{"camvaultToTusServer":$r_tus,"camvaultToDd":$r_dd},
 "latency":{"idle":$lat_idle_json,"loaded":$lat_load_json,"ratio":"$lat_ratio"}}
EOF
log "wrote $out"
