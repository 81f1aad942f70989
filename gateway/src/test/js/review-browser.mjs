#!/usr/bin/env node
// The review page end to end in headless Chromium (Debian's, driven by playwright-core; no browser
// download): upload a real sample with tus, sign in, search, open the segment, play past 1 s, then
// find that viewing in the segment's custody trail through the API. Prints ONE JSON line last.
//
// Then, as a phone in Chinese (zh-CN, 390 × 844): sign in and find the signed-in name in the header,
// search by the officer's name, see every day of a multi-day result on the timeline, filter to
// marked-important footage without the others turning into gaps, open a photo and see it drawn,
// all without horizontal overflow; screenshots go to CAMVAULT_SCREENSHOTS.
//
// Environment: CAMVAULT_BASE (http://127.0.0.1:PORT), CAMVAULT_DOCK_TOKEN, CAMVAULT_REVIEW_TOKEN,
// CAMVAULT_REVIEW_NAME (the reviewer's principal name), CAMVAULT_SAMPLE (path of a playable MP4),
// CAMVAULT_SAMPLE_2 (another video), CAMVAULT_PHOTO (a JPEG), CAMVAULT_OFFICER, CAMVAULT_OFFICER_NAME,
// CAMVAULT_SCREENSHOTS (a directory), CHROMIUM (default /usr/bin/chromium).
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

const officerName = process.env.CAMVAULT_OFFICER_NAME || '张伟';
const shots = process.env.CAMVAULT_SCREENSHOTS;

function upload(file = sample, hoursAgo = 1, trigger = 'marked') {
  const bytes = fs.readFileSync(file);
  const start = new Date(Date.now() - hoursAgo * 3600 * 1000);
  return new Promise((resolve, reject) => {
    const u = new Upload(bytes, {
      endpoint: base + '/files/',
      headers: { Authorization: 'Bearer ' + process.env.CAMVAULT_DOCK_TOKEN },
      metadata: { filename: path.basename(file), recorder: 'A123456', officer, unit: '110105000000',
        officerName, unitName: '南京市公安局玄武分局',
        recordedStart: start.toISOString(), recordedEnd: new Date(start.getTime() + 5000).toISOString(),
        trigger },
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
const phoneDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'camvault-chromium-phone-'));
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  // HTTPS with a test certificate: trust exactly that key (CAMVAULT_SPKI, base64 SHA-256 of its SPKI)
  ...(process.env.CAMVAULT_SPKI ? ['--ignore-certificate-errors-spki-list=' + process.env.CAMVAULT_SPKI] : [])];
let browser;
const external = [];

async function noOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth
    && document.body.scrollWidth <= window.innerWidth);
}

async function shot(page, name) {
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
  }
}

/** A phone in Chinese: name in the header, name search, every day, a filtered timeline, a photo; 390 px wide. */
async function chinesePhone() {
  // exactly 48 h before the first: two calendar days earlier in any zone without daylight saving
  step('upload a second video two days earlier and a photo');
  await upload(process.env.CAMVAULT_SAMPLE_2, 49, 'scheduled');
  await upload(process.env.CAMVAULT_PHOTO, 1, 'scheduled');
  const listed = (await api('/api/v1/segments?officer=' + officer)).items;
  const photoId = listed.find((s) => s.filename === path.basename(process.env.CAMVAULT_PHOTO)).id;

  browser = await chromium.launchPersistentContext(phoneDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: LAUNCH_ARGS, timeout: 60000,
    locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(60000);
  page.on('request', (r) => { if (!r.url().startsWith(base)) { external.push(r.url()); } });
  const r = {};
  step('phone: sign in (zh-CN)');
  await page.goto(base + '/review/');
  r.signinButton = (await page.textContent('#signin')).trim();
  await page.fill('#token', reviewToken);
  await page.click('#signin');
  await page.waitForSelector('#app:not([hidden])');
  r.who = (await page.textContent('#who')).trim();
  r.searchButton = (await page.textContent('#search')).trim();
  r.lang = await page.evaluate(() => document.documentElement.lang);
  await shot(page, 'zh-CN-390-signed-in');
  r.overflowSignedIn = !(await noOverflow(page));

  step('phone: search by name ' + officerName);
  await page.fill('#officer', officerName);
  await page.click('#search');
  await page.waitForFunction(() => document.querySelectorAll('.result').length >= 3);
  await page.waitForFunction(() => document.querySelectorAll('#timeline .day').length >= 3);
  r.results = await page.locator('.result').count();
  r.days = await page.$$eval('#timeline .day', (ds) => ds.map((d) => ({ day: d.dataset.day, bars: d.querySelectorAll('.seg').length })));
  r.timelineTitle = (await page.textContent('#timeline-title')).trim();
  await shot(page, 'zh-CN-390-timeline');
  r.overflowTimeline = !(await noOverflow(page));

  step('phone: marked important only');
  await page.check('#marked');
  await page.click('#search');
  await page.waitForFunction(() => document.querySelectorAll('.result').length === 1);
  r.filteredResults = await page.locator('.result').count();
  r.filteredBars = await page.locator('#timeline .seg').count();
  r.otherBars = await page.locator('#timeline .seg.other').count();
  // a gap is "no recording": its time span must never overlap a recording the filter hid
  r.gapsOverRecordings = await page.evaluate(() => {
    const span = (n) => [Number(n.dataset.from), Number(n.dataset.to)];
    const bars = [...document.querySelectorAll('#timeline .seg')].map(span);
    let n = 0;
    for (const [a, b] of [...document.querySelectorAll('#timeline .gap')].map(span)) {
      if (bars.some(([x, y]) => x < b && y > a)) { n++; }
    }
    return n;
  });
  r.gaps = await page.locator('#timeline .gap').count();
  await shot(page, 'zh-CN-390-marked-only');

  step('phone: open the photo');
  await page.uncheck('#marked');
  await page.click('#search');
  await page.waitForFunction(() => document.querySelectorAll('.result').length >= 3);
  await page.click('.result[data-id="' + photoId + '"]');
  await page.waitForFunction(() => { const p = document.getElementById('photo'); return p && !p.hidden && p.complete && p.naturalWidth > 0; });
  r.photo = await page.evaluate(() => { const p = document.getElementById('photo'); return { width: p.naturalWidth, height: p.naturalHeight, videoHidden: document.getElementById('player').hidden }; });
  r.facts = await page.$$eval('#facts dt', (ds) => ds.map((d) => d.textContent));
  r.viewerTitle = (await page.textContent('#viewer-title')).trim();
  await shot(page, 'zh-CN-390-photo');
  r.overflowPhoto = !(await noOverflow(page));
  r.ok = r.lang === 'zh-CN' && r.searchButton === '搜索' && r.who.includes(process.env.CAMVAULT_REVIEW_NAME)
    && r.days.length >= 3 && r.filteredResults === 1 && r.filteredBars === r.days.reduce((n, d) => n + d.bars, 0)
    && r.otherBars >= 2 && r.gapsOverRecordings === 0 && r.photo.width > 0 && r.photo.videoHidden
    && !r.overflowSignedIn && !r.overflowTimeline && !r.overflowPhoto;
  return r;
}
let outcome;
try {
  step('tus upload of ' + path.basename(sample));
  const url = await upload();
  step('uploaded ' + url);

  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: LAUNCH_ARGS, locale: 'en-US',
    timeout: 60000,
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(60000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') { consoleErrors.push(m.text()); } });
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
  step('played to ' + currentTime.toFixed(2) + ' s; seek ahead to 3 s and play on');
  await page.evaluate(() => { document.getElementById('player').currentTime = 3.0; });
  await page.waitForFunction(() => { const v = document.getElementById('player'); return v.currentTime > 3.3 || v.ended; },
    null, { timeout: 60000 });
  step('pause to report the watched ranges');
  await page.evaluate(() => document.getElementById('player').pause());

  step('find the view in the audit trail');
  let views = [];
  for (let i = 0; i < 50 && !views.some((e) => e.details && e.details.time); i++) {
    const d = await api('/api/v1/segments/' + segmentId);
    views = d.custody.filter((e) => e.action === 'segment.stream' && e.outcome === 'success');
    if (!views.some((e) => e.details && e.details.time)) { await new Promise((r) => setTimeout(r, 200)); }
  }
  const watched = views.filter((e) => e.details && e.details.time).map((e) => e.details.time);
  const english = views.length > 0 && watched.length > 0 && external.length === 0;
  await browser.close();
  browser = null;

  const phone = await chinesePhone();
  const ok = english && phone.ok && external.length === 0;
  outcome = [{ ok, segmentId, currentTime, streamRequests: views.length, watched,
    ranges: views.map((e) => e.details.ranges).slice(0, 5), actor: views[0] && views[0].actor,
    timelineBars, markedBars, external, consoleErrors, phone }, ok ? 0 : 1];
} catch (e) {
  outcome = [{ ok: false, error: String(e && e.stack || e) }, 1];
} finally {
  if (browser) { await browser.close().catch(() => {}); }
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.rmSync(phoneDataDir, { recursive: true, force: true });
}
finish(...outcome);
