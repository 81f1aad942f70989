#!/usr/bin/env node
// The review page end to end in headless Chromium (Debian's, driven by playwright-core; no browser
// download): upload a real sample with tus, sign in, search, open the segment, play past 1 s, then
// find that viewing in the segment's custody trail through the API. Prints ONE JSON line last.
//
// Environment: CAMVAULT_BASE (http://127.0.0.1:PORT), CAMVAULT_DOCK_TOKEN, CAMVAULT_REVIEW_TOKEN,
// CAMVAULT_SAMPLE (path of a playable MP4), CAMVAULT_OFFICER, CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { chromium } from 'playwright-core';

const base = process.env.CAMVAULT_BASE;
const officer = process.env.CAMVAULT_OFFICER || '100234';
const reviewToken = process.env.CAMVAULT_REVIEW_TOKEN;
const sample = process.env.CAMVAULT_SAMPLE;
const step = (s) => process.stderr.write('step: ' + s + '\n');

function finish(result, code) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

function upload() {
  const bytes = fs.readFileSync(sample);
  const start = new Date(Date.now() - 3600 * 1000);
  return new Promise((resolve, reject) => {
    const u = new Upload(bytes, {
      endpoint: base + '/files/',
      headers: { Authorization: 'Bearer ' + process.env.CAMVAULT_DOCK_TOKEN },
      metadata: { filename: path.basename(sample), recorder: 'A123456', officer, unit: '110105000000',
        recordedStart: start.toISOString(), recordedEnd: new Date(start.getTime() + 5000).toISOString(),
        trigger: 'marked' },
      uploadSize: bytes.length,
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(u.url),
    });
    u.start();
  });
}

async function api(p) {
  const r = await fetch(base + p, { headers: { Authorization: 'Bearer ' + reviewToken } });
  if (!r.ok) { throw new Error(p + ' → HTTP ' + r.status); }
  return r.json();
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'camvault-chromium-'));
let browser;
let outcome;
try {
  step('tus upload of ' + path.basename(sample));
  const url = await upload();
  step('uploaded ' + url);

  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required'],
    timeout: 60000,
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(60000);
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') { consoleErrors.push(m.text()); } });
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) { external.push(r.url()); } });

  step('sign in');
  await page.goto(base + '/review/');
  await page.fill('#token', reviewToken);
  await page.click('#signin');
  await page.waitForSelector('#app:not([hidden])');

  step('search officer ' + officer);
  await page.fill('#officer', officer);
  await page.click('#search');
  // the media job runs after commit; the page polls, so the result shows without a reload
  const result = page.locator('.result').first();
  await result.waitFor();
  const segmentId = await result.getAttribute('data-id');
  const timelineBars = await page.locator('.timeline .seg').count();
  const markedBars = await page.locator('.timeline .seg.marked').count();

  step('open segment ' + segmentId);
  await result.click();
  await page.waitForFunction(() => {
    const v = document.getElementById('player');
    return v && v.getAttribute('src');
  });
  step('play');
  await page.evaluate(() => { const v = document.getElementById('player'); v.muted = true; return v.play(); });
  await page.waitForFunction(() => document.getElementById('player').currentTime > 1, null, { timeout: 60000 });
  const currentTime = await page.evaluate(() => document.getElementById('player').currentTime);
  step('played to ' + currentTime.toFixed(2) + ' s; pause to report the watched range');
  await page.evaluate(() => document.getElementById('player').pause());

  step('find the view in the audit trail');
  let views = [];
  for (let i = 0; i < 50 && !views.some((e) => e.details && e.details.time); i++) {
    const d = await api('/api/v1/segments/' + segmentId);
    views = d.custody.filter((e) => e.action === 'segment.stream' && e.outcome === 'success');
    if (!views.some((e) => e.details && e.details.time)) { await new Promise((r) => setTimeout(r, 200)); }
  }
  const watched = views.filter((e) => e.details && e.details.time).map((e) => e.details.time);
  const ok = views.length > 0 && watched.length > 0 && external.length === 0;
  outcome = [{ ok, segmentId, currentTime, streamRequests: views.length, watched,
    ranges: views.map((e) => e.details.ranges).slice(0, 5), actor: views[0] && views[0].actor,
    timelineBars, markedBars, external, consoleErrors }, ok ? 0 : 1];
} catch (e) {
  outcome = [{ ok: false, error: String(e && e.stack || e) }, 1];
} finally {
  if (browser) { await browser.close().catch(() => {}); }
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
finish(...outcome);
