#!/usr/bin/env bash
# Ceph ingest benchmark (issue 17): in ONE run, against the SAME one-node Ceph (.ci/ceph-cluster,
# BlueStore OSD) and the same files,
#   (a) camvault serve with store.kind=s3 (tus-js-client through bench/node/load.mjs, every file at
#       once): hashes SHA-256 while receiving, stages, sends each PUT/part with Content-MD5,
#       re-hashes while sending, locks (COMPLIANCE), writes the manifest, records in RocksDB, and
#       answers each upload only when the object is in the cluster;
#   (b) awscli (`aws s3 cp`, multipart, its default 10 threads per file) putting the same files
#       directly into an Object Lock bucket of the same RGW, PARALLEL files at a time (the baseline);
# for two sets: 8 x 256 MiB and 67 x 24 MiB. Then (c) the final-answer latency of 1 MiB uploads to
# camvault, idle and while 4 x 256 MiB uploads stream.
# Rounds are interleaved (a, b, a, b, ...); the report gives medians and the median of the per-round
# ratios camvault / direct. Target (issue 17): >= 0.9.
# Run only on a quiet machine: it refuses when the 1-minute load average is 4 or more (FORCE=1 runs
# anyway, and says so in the report).
#
# Usage: bench/ceph-ingest-bench.sh       (builds cli/target/camvault.jar if missing)
# Env:   BENCH_TMP=/path   where data and the cluster go (default /tmp; needs ~6 GB + the cluster's 20 GiB sparse file)
#        ROUNDS=3 PARALLEL=8 SMALL_COUNT=100 HEAP=256m
#        BIG_N=8 BIG_MB=256 MANY_N=67 MANY_MB=24    (the issue's figures)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ROUNDS=${ROUNDS:-3}
PARALLEL=${PARALLEL:-8}
SMALL_COUNT=${SMALL_COUNT:-100}
HEAP=${HEAP:-256m}
BIG_N=${BIG_N:-8}
BIG_MB=${BIG_MB:-256}
MANY_N=${MANY_N:-67}
MANY_MB=${MANY_MB:-24}
JAVA=${JAVA:-java}
AWS=${AWS:-$( [ -x /usr/bin/aws ] && echo /usr/bin/aws || echo aws )}

log() { printf '%s ceph-bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'; }
median() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { node -e 'const v=JSON.parse(process.argv[1])[process.argv[2]]; console.log(v === undefined ? "?" : v)' "$1" "$2"; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

load1=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load1" 'BEGIN { exit !(l >= 4) }'; then
  if [ "${FORCE:-0}" != 1 ]; then
    log "load average $load1 >= 4: not measuring on a busy machine (FORCE=1 to run anyway)"
    exit 3
  fi
  log "load average $load1 >= 4: running anyway (FORCE=1); read the figures as this run's only"
fi

jar=cli/target/camvault.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  ./mvnw -B -q -DskipTests package
fi
if [ ! -d bench/node/node_modules/tus-js-client ]; then
  log "installing bench/node (npm ci)"
  .ci/npm-ci bench/node >/dev/null
fi

work=$(mktemp -d "${BENCH_TMP:-/tmp}/camvault-ceph-bench.XXXXXX")
cv_pid=""
cleanup() {
  [ -n "$cv_pid" ] && kill "$cv_pid" 2>/dev/null && wait "$cv_pid" 2>/dev/null || true
  [ -f "$work/ceph/ceph.conf" ] && .ci/ceph-cluster down "$work/ceph" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---- the cluster -----------------------------------------------------------------------------
log "starting a one-node Ceph in $work/ceph"
.ci/ceph-cluster up "$work/ceph" >/dev/null
set -a; . "$work/ceph/s3.env"; set +a
export AWS_PAGER=""
aws_() { "$AWS" --endpoint-url "$CAMVAULT_S3_ENDPOINT" "$@"; }
aws_ s3api create-bucket --bucket bench-direct --object-lock-enabled-for-bucket >/dev/null

# ---- data ------------------------------------------------------------------------------------
gen() { # gen FILE MB SEED: incompressible, reproducible bytes (AES-CTR keystream)
  local want=$(( $2 * 1024 * 1024 ))
  head -c "$want" /dev/zero | openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:camvault-ceph-bench-$3" -out "$1" 2>/dev/null
  [ "$(stat -c %s "$1")" -eq "$want" ] || { log "could not generate $1"; exit 1; }
}
# Every round uploads distinct bytes (camvault deduplicates by hash; the direct bucket would only
# stack versions): set S of round R is generated before the round and removed after it.
gen_set() { # gen_set NAME N MB ROUND -> prints the comma list
  local dir="$work/src/$1-$4" list=() i
  mkdir -p "$dir"
  for i in $(seq 1 "$2"); do gen "$dir/f$i.bin" "$3" "$1-$4-$i"; list+=("$dir/f$i.bin"); done
  (IFS=,; echo "${list[*]}")
}

# ---- camvault on the s3 store -----------------------------------------------------------------
creds="$work/s3.cred"
printf 'AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" >"$creds"
chmod 600 "$creds"
data="$work/cv"
mkdir -p "$data"
CAMVAULT_TOKEN=$("$JAVA" -jar "$jar" admin token create --init --data "$data" --role dock --name bench-dock | tail -n 1)
export CAMVAULT_TOKEN
cv_port=$(free_port)
"$JAVA" -Xmx"$HEAP" -jar "$jar" serve --data "$data" --host 127.0.0.1 --port "$cv_port" \
  --set store.kind=s3 --set store.s3.endpoint="$CAMVAULT_S3_ENDPOINT" --set store.s3.bucket=bench-camvault \
  --set store.s3.credentials="$creds" >"$work/cv.log" 2>&1 &
cv_pid=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$cv_port/readyz" >/dev/null 2>&1 && break
  kill -0 "$cv_pid" 2>/dev/null || { cat "$work/cv.log" >&2; exit 1; }
  sleep 0.25
done
ep="http://127.0.0.1:$cv_port/files/"

run_camvault() { # run_camvault LIST -> seconds
  local json
  json=$(node bench/node/load.mjs throughput --endpoint "$ep" --files "$1")
  field "$json" seconds
}
run_direct() { # run_direct LIST PREFIX -> seconds
  local t0 t1
  t0=$(now)
  tr ',' '\n' <<<"$1" | xargs -P "$PARALLEL" -I{} sh -c \
    '"$0" --endpoint-url "$CAMVAULT_S3_ENDPOINT" --only-show-errors s3 cp "$1" "s3://bench-direct/$2/$(basename "$(dirname "$1")")-$(basename "$1")"' \
    "$AWS" {} "$2"
  t1=$(now)
  secs "$t0" "$t1"
}

log "warm-up: 2 passes of 8 x 32 MiB to each"
for p in 1 2; do
  wl=$(gen_set warm 8 32 "$p")
  run_camvault "$wl" >/dev/null
  run_direct "$wl" warm >/dev/null
  rm -rf "$work/src/warm-$p"
done

declare -A r_cv r_direct r_ratio
for round in $(seq 1 "$ROUNDS"); do
  for set in big many; do
    if [ "$set" = big ]; then n=$BIG_N; mb=$BIG_MB; else n=$MANY_N; mb=$MANY_MB; fi
    bytes=$(( n * mb * 1024 * 1024 ))
    la=$(gen_set "$set-a" "$n" "$mb" "$round")
    lb=$(gen_set "$set-b" "$n" "$mb" "$round")
    sync
    # alternate who goes first, so neither always meets a cluster still digesting the other's writes
    if [ $(( round % 2 )) -eq 1 ]; then
      s_cv=$(run_camvault "$la"); s_direct=$(run_direct "$lb" "r$round")
    else
      s_direct=$(run_direct "$lb" "r$round"); s_cv=$(run_camvault "$la")
    fi
    cv=$(mbps "$bytes" "$s_cv"); direct=$(mbps "$bytes" "$s_direct")
    r_cv[$set]="${r_cv[$set]:-} $cv"; r_direct[$set]="${r_direct[$set]:-} $direct"
    r_ratio[$set]="${r_ratio[$set]:-} $(ratio "$cv" "$direct")"
    log "round $round $set ($n x $mb MiB): camvault $cv MB/s, direct $direct MB/s, ratio $(ratio "$cv" "$direct")"
    rm -rf "$work/src/$set-a-$round" "$work/src/$set-b-$round"
  done
done

# ---- (c) 1 MiB final-answer latency, idle and under 4 x 256 MiB ---------------------------------
idle_json=$(node bench/node/load.mjs latency --endpoint "$ep" --count "$SMALL_COUNT" --seed idle)
bl=$(gen_set lat 4 256 1)
node bench/node/load.mjs throughput --endpoint "$ep" --files "$bl" >/dev/null &
big_pid=$!
load_json=$(node bench/node/load.mjs latency --endpoint "$ep" --count "$SMALL_COUNT" --seed load --while-pid "$big_pid")
wait "$big_pid" || true

# shellcheck disable=SC2086
cat <<EOF
Ceph ingest (issue 17) — $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), load average at start $load1
$ROUNDS rounds, medians (per-round figures in brackets); MB/s = 10^6 bytes/s; direct = awscli s3 cp, $PARALLEL files at a time
$BIG_N x $BIG_MB MiB:   camvault $(median ${r_cv[big]}) MB/s [${r_cv[big]} ]   direct $(median ${r_direct[big]}) MB/s [${r_direct[big]} ]   ratio $(median ${r_ratio[big]}) [${r_ratio[big]} ]
$MANY_N x $MANY_MB MiB:  camvault $(median ${r_cv[many]}) MB/s [${r_cv[many]} ]   direct $(median ${r_direct[many]}) MB/s [${r_direct[many]} ]   ratio $(median ${r_ratio[many]}) [${r_ratio[many]} ]
1 MiB final answer: idle p50 $(field "$idle_json" p50) ms p99 $(field "$idle_json" p99) ms; under 4 x 256 MiB p50 $(field "$load_json" p50) ms p99 $(field "$load_json" p99) ms (n=$(field "$load_json" count))
EOF
