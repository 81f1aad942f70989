#!/usr/bin/env bash
# First minute of a fresh daemon against its warm rate, without and with the class cache (issue 22).
# For each JDK (the default java, and JDK 25 when present), alternately with no class cache and
# with the one camvault-prepare-cache makes (CDS archive on 17-24, AOT cache on 25+), ROUNDS times:
# a new data directory, the daemon started through the packaged launcher (cli/src/deb/bin/camvault),
# and from the moment it is launched CLIENTS uploaders sending KIB KiB recordings for RUN_SECONDS
# (io.camvault.bench.FirstMinuteBench). Reports per variant the median MB/s of the first 60 s since
# launch, of the last 60 s (warm), and the median first/warm ratio; writes bench/out/first-minute-<date>.json.
#
# Usage: bench/first-minute-bench.sh     (needs ./mvnw -B -DskipTests package first)
# Env:   ROUNDS=3 RUN_SECONDS=150 CLIENTS=8 KIB=1024 WARMUP_SECONDS=60 BENCH_TMP=/var/tmp JDKS="java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
ROUNDS=${ROUNDS:-3}
RUN_SECONDS=${RUN_SECONDS:-150}
CLIENTS=${CLIENTS:-8}
KIB=${KIB:-1024}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
default_jdks="$(readlink -f "$(command -v java)")"
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && default_jdks+=" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
JDKS=${JDKS:-$default_jdks}
work=$(mktemp -d "${BENCH_TMP:-/var/tmp}/camvault-first-minute.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export CAMVAULT_JAR=$root/cli/target/camvault.jar
launcher=$root/cli/src/deb/bin/camvault
classes=$root/bench/target/classes
mkdir -p bench/out
out=bench/out/first-minute-$(date -u +%Y%m%dT%H%M%SZ).json
log() { printf '%s first-minute: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; return; }; done; }
field() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<<"$1"; }

log "uptime: $(uptime)"
echo "[" >"$out"; first_row=1
run_one() { # run_one JAVA VARIANT CACHE_DIR SECONDS -> prints the bench's JSON line
  local java=$1 variant=$2 cache=$3 seconds=$4 data token
  data=$work/data-$RANDOM$RANDOM
  token=$(JAVA_HOME=$(dirname "$(dirname "$java")") CAMVAULT_CLASS_CACHE=$cache "$launcher" admin token create --init \
      --data "$data" --role admin,dock --name bench 2>/dev/null | tail -1)
  JAVA_HOME=$(dirname "$(dirname "$java")") CAMVAULT_CLASS_CACHE=$cache "$java" -cp "$classes" \
      io.camvault.bench.FirstMinuteBench --launcher "$launcher" --data "$data" --token "$token" --port "$(free_port)" \
      --clients "$CLIENTS" --kib "$KIB" --seconds "$seconds"
  chmod -R u+w "$data"; rm -rf "$data" "$data.log"
}

for java in $JDKS; do
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
  cache=$work/classes-$major; none=$work/none-$major
  mkdir -p "$none"
  log "JDK $major: preparing the class cache"
  JAVA_HOME=$(dirname "$(dirname "$java")") CAMVAULT_CLASS_CACHE=$cache cli/src/deb/bin/camvault-prepare-cache >&2
  log "JDK $major: warm-up run (not counted)"
  run_one "$java" none "$none" "$WARMUP_SECONDS" >/dev/null
  declare -A firsts=() warms=() ratios=() acks=()
  for r in $(seq 1 "$ROUNDS"); do
    order="none cache"; [ $((r % 2)) -eq 0 ] && order="cache none"
    for v in $order; do
      dirv=$none; [ "$v" = cache ] && dirv=$cache
      line=$(run_one "$java" "$v" "$dirv" "$RUN_SECONDS")
      log "JDK $major $v round $r: first $(field "$line" firstMinuteMBps) MB/s, warm $(field "$line" warmMBps) MB/s, ratio $(field "$line" ratio), first ack $(field "$line" firstAckSeconds) s"
      firsts[$v]+=" $(field "$line" firstMinuteMBps)"; warms[$v]+=" $(field "$line" warmMBps)"
      ratios[$v]+=" $(field "$line" ratio)"; acks[$v]+=" $(field "$line" firstAckSeconds)"
      [ $first_row -eq 1 ] || echo "," >>"$out"; first_row=0
      printf '{"jdk":%s,"variant":"%s","round":%s,"result":%s}' "$major" "$v" "$r" "$line" >>"$out"
    done
  done
  for v in none cache; do
    # shellcheck disable=SC2086
    printf 'JDK %s %-5s first minute %6s MB/s  warm %6s MB/s  first/warm %s  first ack %s s\n' "$major" "$v" \
      "$(median ${firsts[$v]})" "$(median ${warms[$v]})" "$(median ${ratios[$v]})" "$(median ${acks[$v]})"
  done
  unset firsts warms ratios acks
done
echo "]" >>"$out"
log "wrote $out; uptime: $(uptime)"
