#!/usr/bin/env node
// Uploads one file with tus-js-client (a client nobody here wrote) and prints ONE JSON line on
// stdout as its last line, so the Java integration tests can drive it with ProcessBuilder.
//
// Usage:
//   node tus-upload.mjs --endpoint http://127.0.0.1:8080/files/ --file PATH
//        [--metadata '{"officer":"..."}'] [--parallel N] [--chunk-size BYTES]
//        [--abort-at FRACTION] [--resume-url URL] [--url-storage FILE] [--retries N]
// The bearer token comes from the environment variable CAMVAULT_TOKEN (kept off the command line).
//
// Result line: {"ok":true,"url":...,"bytes":...,"ms":...,"resumedFromOffset":...}
//          or: {"ok":false,"aborted":true,"url":...,"bytesSent":...}
//          or: {"ok":false,"error":"...","status":...}
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Upload, FileUrlStorage } from 'tus-js-client';

const { values: args } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    file: { type: 'string' },
    metadata: { type: 'string', default: '{}' },
    parallel: { type: 'string', default: '1' },
    'chunk-size': { type: 'string' },
    'abort-at': { type: 'string' },
    'resume-url': { type: 'string' },
    'url-storage': { type: 'string' },
    retries: { type: 'string', default: '0' },
  },
});

function finish(result, code) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

if (!args.endpoint && !args['resume-url']) finish({ ok: false, error: '--endpoint or --resume-url is required' }, 2);
if (!args.file) finish({ ok: false, error: '--file is required' }, 2);

const token = process.env.CAMVAULT_TOKEN || '';
const size = fs.statSync(args.file).size;
const parallel = Number.parseInt(args.parallel, 10);
const abortAt = args['abort-at'] === undefined ? null : Number.parseFloat(args['abort-at']);
const retries = Number.parseInt(args.retries, 10);
const started = Date.now();
let resumedFromOffset = null;
let aborting = false;

const options = {
  endpoint: args.endpoint,
  uploadUrl: args['resume-url'] || null,
  metadata: JSON.parse(args.metadata),
  headers: token ? { Authorization: `Bearer ${token}` } : {},
  parallelUploads: parallel,
  retryDelays: Array.from({ length: retries }, (_, i) => Math.min(500 * 2 ** i, 5000)),
  removeFingerprintOnSuccess: true,
  onAfterResponse(req, res) {
    if (req.getMethod() === 'HEAD' && resumedFromOffset === null) {
      resumedFromOffset = Number.parseInt(res.getHeader('Upload-Offset') || '-1', 10);
    }
  },
  onError(err) {
    if (aborting) return;
    const status = err.originalResponse ? err.originalResponse.getStatus() : null;
    const body = err.originalResponse ? err.originalResponse.getBody() : null;
    finish({ ok: false, error: String(err.message || err).split('\n')[0], status, body, url: upload.url }, 1);
  },
  onSuccess() {
    finish({ ok: true, url: upload.url, bytes: size, ms: Date.now() - started, resumedFromOffset }, 0);
  },
};
if (args['chunk-size']) options.chunkSize = Number.parseInt(args['chunk-size'], 10);
if (args['url-storage']) {
  options.urlStorage = new FileUrlStorage(args['url-storage']);
  options.storeFingerprintForResuming = true;
}
if (abortAt !== null) {
  options.onProgress = (sent) => {
    // Abort only once the upload has a URL, so the caller can HEAD it and resume it.
    if (!aborting && sent >= abortAt * size && upload.url) {
      aborting = true;
      const url = upload.url;
      upload.abort(false).then(
        () => finish({ ok: false, aborted: true, url, bytesSent: sent }, 3),
        (e) => finish({ ok: false, error: `abort failed: ${e}` }, 1),
      );
    }
  };
}

const upload = new Upload(fs.createReadStream(args.file), options);

if (args['url-storage'] && !args['resume-url']) {
  const previous = await upload.findPreviousUploads();
  if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
}
upload.start();
