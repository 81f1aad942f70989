#!/usr/bin/env node
// Ingest load generator: the same tus-js-client drives every tus server in the benchmark.
//
//   node load.mjs throughput --endpoint URL --files F1,F2,... [--officer O]
//       uploads every file at once (one tus upload each, tus-js-client defaults: one streamed
//       PATCH per upload) and prints {"mode":"throughput","bytes","seconds","mbps","uploads":[ms...]}
//   node load.mjs latency --endpoint URL --count N [--size BYTES] [--while-pid PID] [--seed S]
//       uploads N small in-memory files one after another (each distinct) and prints
//       {"mode":"latency","count","p50","p90","p99","max"} in milliseconds; with --while-pid it
//       stops early once that process has exited, so only uploads made under load are counted.
//   node load.mjs disk --dir DIR --count N [--size BYTES] [--while-pid PID]
//       the raw disk's side of the same question, with no server: N times, writes a new file of
//       BYTES distinct bytes into DIR, fdatasyncs it and fsyncs DIR (a durable new file), and
//       prints the same JSON as latency with "mode":"disk". The files are removed at the end.
//
// The bearer token comes from CAMVAULT_TOKEN (ignored by servers without auth).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Upload } from 'tus-js-client';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string' },
    files: { type: 'string' },
    count: { type: 'string', default: '200' },
    size: { type: 'string', default: String(1 << 20) },
    'while-pid': { type: 'string' },
    dir: { type: 'string' },
    seed: { type: 'string', default: '1' },
    officer: { type: 'string', default: '500001' },
  },
});
const mode = positionals[0];
const token = process.env.CAMVAULT_TOKEN || '';

function metadata(name, i) {
  return {
    filename: name,
    recorder: `BEN${String(i % 10000).padStart(4, '0')}`,
    officer: args.officer,
    unit: '110105000000',
    recordedStart: '2026-11-20T08:00:00+08:00',
    recordedEnd: '2026-11-20T08:59:59+08:00',
    trigger: 'scheduled',
    station: 'bench-dock',
    clockDriftMs: '0',
  };
}

function uploadOnce(input, name, i) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const upload = new Upload(input, {
      endpoint: args.endpoint,
      metadata: metadata(name, i),
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(Number(process.hrtime.bigint() - started) / 1e6),
    });
    upload.start();
  });
}

function pct(sorted, p) {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, idx)] * 100) / 100;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function throughput() {
  const files = args.files.split(',').filter(Boolean);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const started = process.hrtime.bigint();
  const times = await Promise.all(files.map((f, i) => uploadOnce(fs.createReadStream(f), `bench-${i}.mp4`, i)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage();
  return {
    mode: 'throughput', files: files.length, bytes, seconds, mbps: bytes / 1e6 / seconds,
    clientCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100, uploads: times.map(Math.round),
  };
}

/** Runs {@code once(buf, i)} for N distinct buffers one after another and summarises the times. */
async function sequential(mode, once) {
  const count = Number.parseInt(args.count, 10);
  const size = Number.parseInt(args.size, 10);
  const pid = args['while-pid'] ? Number.parseInt(args['while-pid'], 10) : null;
  const times = [];
  let stoppedEarly = false;
  for (let i = 0; i < count; i++) {
    if (pid !== null && !alive(pid)) {
      stoppedEarly = true;
      break;
    }
    const buf = crypto.randomBytes(size); // distinct bytes: no dedup shortcut
    times.push(await once(buf, i));
  }
  if (pid !== null && !alive(pid)) stoppedEarly = true; // the load ended during the last one
  const sorted = [...times].sort((a, b) => a - b);
  return {
    mode, count: times.length, size, stoppedEarly,
    p50: pct(sorted, 50), p90: pct(sorted, 90), p99: pct(sorted, 99), max: pct(sorted, 100),
  };
}

function latency() {
  return sequential('latency', (buf, i) => uploadOnce(buf, `small-${args.seed}-${i}.mp4`, 5000 + i));
}

/** A durable new file, as the raw disk does it: write, fdatasync, fsync the directory. */
function durableFile(dir, buf, i) {
  const started = process.hrtime.bigint();
  const fd = fs.openSync(`${dir}/probe-${i}`, 'w');
  try {
    fs.writeSync(fd, buf);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const dfd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dfd);
  } finally {
    fs.closeSync(dfd);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function disk() {
  const dir = fs.mkdtempSync(`${args.dir}/disk-probe-`);
  try {
    return await sequential('disk', (buf, i) => durableFile(dir, buf, i));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  let result;
  if (mode === 'throughput') result = await throughput();
  else if (mode === 'latency') result = await latency();
  else if (mode === 'disk') result = await disk();
  else throw new Error(`unknown mode ${mode}; use throughput, latency or disk`);
  console.log(JSON.stringify(result));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e && e.message ? e.message : e).split('\n')[0] }));
  process.exit(1);
}
