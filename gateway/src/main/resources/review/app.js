// camvault review page. No framework, no build step, nothing loaded from elsewhere.
// The token lives in sessionStorage (this tab only). API calls send it as a bearer token; <video>,
// <img> and download links cannot send headers, so their URLs carry it as access_token, which the
// gateway accepts only for GET on stream/original/thumbnail/clip content and never logs.
'use strict';

const POLL_MS = 3000;
const REPORT_MS = 10000;
const $ = (id) => document.getElementById(id);
const state = { token: null, query: null, items: new Map(), next: null, current: null, clipIn: null, clipOut: null,
  watchedFrom: null, pollTimer: null, reportTimer: null };

function token() { return state.token || sessionStorage.getItem('camvault.token'); }

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Bearer ' + token() }, options.headers || {});
  const r = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
  if (r.status === 401) { signOut('Your token was not accepted.'); throw new Error('unauthenticated'); }
  let body = null;
  const type = r.headers.get('Content-Type') || '';
  if (type.startsWith('application/json')) { body = await r.json(); }
  if (!r.ok) { const e = new Error((body && body.message) || ('HTTP ' + r.status)); e.status = r.status; throw e; }
  return body;
}

function withToken(url) { return url + (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token()); }

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') { e.className = v; } else if (k === 'text') { e.textContent = v; } else { e.setAttribute(k, v); }
  }
  for (const c of children) { if (c != null) { e.append(c); } }
  return e;
}

function fmtTime(iso) { return new Date(iso).toLocaleString(); }
function seconds(ms) { return (ms / 1000).toFixed(1) + ' s'; }

// ---- sign in --------------------------------------------------------------------------------
async function signIn(t) {
  state.token = t;
  try {
    await api('/api/v1/segments?limit=1');
  } catch (e) {
    state.token = null;
    $('signin-error').textContent = e.status === 403 ? 'This token may not review footage.' : 'Sign-in failed: ' + e.message;
    return;
  }
  sessionStorage.setItem('camvault.token', t);
  $('signin-panel').hidden = true;
  $('app').hidden = false;
  $('signout').hidden = false;
  $('who').textContent = 'signed in';
}

function signOut(message) {
  sessionStorage.removeItem('camvault.token');
  state.token = null;
  stopPolling();
  $('player').removeAttribute('src');
  $('app').hidden = true;
  $('signout').hidden = true;
  $('signin-panel').hidden = false;
  $('signin-error').textContent = message || '';
}

// ---- search ---------------------------------------------------------------------------------
function buildQuery() {
  const q = new URLSearchParams();
  const officer = $('officer').value.trim(), recorder = $('recorder').value.trim(), kase = $('case').value.trim();
  const chosen = [officer, recorder, kase].filter(Boolean).length;
  if (chosen > 1) { throw new Error('Search by one of officer, recorder or case at a time.'); }
  if (officer) { q.set('officer', officer); }
  if (recorder) { q.set('recorder', recorder); }
  if (kase) { q.set('case', kase); }
  for (const f of ['from', 'to']) {
    const v = $(f).value;
    if (v) { q.set(f, new Date(v).toISOString()); }
  }
  if ($('marked').checked) { q.set('trigger', 'marked'); }
  q.set('limit', '200');
  return q;
}

async function search(event) {
  if (event) { event.preventDefault(); }
  let q;
  try { q = buildQuery(); } catch (e) { $('search-status').textContent = e.message; return; }
  state.query = q;
  state.items = new Map();
  $('results').replaceChildren();
  await refresh(true);
  startPolling();
}

async function refresh(first) {
  if (!state.query) { return; }
  let page;
  try { page = await api('/api/v1/segments?' + state.query.toString()); } catch (e) {
    $('search-status').textContent = 'Search failed: ' + e.message; return;
  }
  let added = 0;
  for (const s of page.items) {
    if (!state.items.has(s.id)) { state.items.set(s.id, s); addResult(s, !first); added++; }
  }
  state.next = page.next;
  $('more').hidden = !page.next;
  $('result-count').textContent = '(' + state.items.size + ')';
  $('search-status').textContent = first ? '' : (added ? added + ' new' : '');
  if (first || added) { drawTimeline(); }
}

async function more() {
  if (!state.next) { return; }
  const q = new URLSearchParams(state.query); q.set('cursor', state.next);
  const page = await api('/api/v1/segments?' + q.toString());
  for (const s of page.items) { if (!state.items.has(s.id)) { state.items.set(s.id, s); addResult(s, false); } }
  state.next = page.next; $('more').hidden = !page.next; drawTimeline();
}

function addResult(s, isNew) {
  // the poster is made by the media job after commit: until then 404, so retry a few times
  const img = el('img', { alt: '', loading: 'lazy' });
  const thumb = withToken('/api/v1/segments/' + s.id + '/thumbnail');
  let tries = 0;
  img.addEventListener('error', () => {
    if (++tries <= 5 && state.token) { setTimeout(() => { img.src = thumb + '&retry=' + tries; }, 3000); } else { img.classList.add('nothumb'); img.removeAttribute('src'); }
  });
  img.src = thumb;
  const li = el('li', { class: 'result' + (isNew ? ' new' : ''), 'data-id': s.id },
    img,
    el('div', { class: 'meta' },
      el('div', { text: fmtTime(s.recordedStart) }),
      el('div', { text: 'officer ' + s.officer + ' · recorder ' + s.recorder }),
      el('div', { text: s.filename || '' }),
      s.trigger === 'marked' ? el('span', { class: 'badge marked', text: 'marked important' })
        : el('span', { class: 'badge', text: s.trigger || '' })));
  li.addEventListener('click', () => open(s.id));
  // keep recorded-start order: new footage is inserted where it belongs
  const list = $('results');
  const after = [...list.children].find((c) => state.items.get(c.dataset.id).recordedStart > s.recordedStart);
  list.insertBefore(li, after || null);
}

function startPolling() {
  stopPolling();
  state.pollTimer = setInterval(() => { if (!document.hidden) { refresh(false); } }, POLL_MS);
}
function stopPolling() { if (state.pollTimer) { clearInterval(state.pollTimer); state.pollTimer = null; } }

// ---- timeline: one officer's day --------------------------------------------------------------
function drawTimeline() {
  const items = [...state.items.values()];
  const officer = state.query && state.query.get('officer');
  $('timeline-panel').hidden = !officer || items.length === 0;
  if ($('timeline-panel').hidden) { return; }
  const pick = state.current ? state.items.get(state.current) : null;
  const dayOf = new Date((pick || items[0]).recordedStart);
  const dayStart = new Date(dayOf.getFullYear(), dayOf.getMonth(), dayOf.getDate()).getTime();
  const dayEnd = dayStart + 24 * 3600 * 1000;
  const span = dayEnd - dayStart;
  const pct = (t) => (100 * (Math.min(Math.max(t, dayStart), dayEnd) - dayStart) / span) + '%';
  $('timeline-title').textContent = 'Officer ' + officer + ', ' + new Date(dayStart).toLocaleDateString();
  const box = $('timeline');
  box.querySelectorAll('.seg, .gap').forEach((n) => n.remove());
  const axis = $('axis'); axis.replaceChildren();
  for (let h = 0; h <= 24; h += 3) {
    const t = el('span', { class: 'tick', text: String(h).padStart(2, '0') + ':00' }); t.style.left = (100 * h / 24) + '%'; axis.append(t);
  }
  const day = items.filter((s) => Date.parse(s.recordedEnd) > dayStart && Date.parse(s.recordedStart) < dayEnd)
    .sort((a, b) => Date.parse(a.recordedStart) - Date.parse(b.recordedStart));
  let prevEnd = null;
  for (const s of day) {
    const a = Date.parse(s.recordedStart), b = Date.parse(s.recordedEnd);
    if (prevEnd != null && a - prevEnd > 60000) {
      const g = el('div', { class: 'gap', title: 'gap of ' + Math.round((a - prevEnd) / 60000) + ' min' });
      g.style.left = pct(prevEnd); g.style.width = 'calc(' + pct(a) + ' - ' + pct(prevEnd) + ')'; box.append(g);
    }
    const bar = el('div', { class: 'seg' + (s.trigger === 'marked' ? ' marked' : '') + (s.id === state.current ? ' selected' : ''),
      title: fmtTime(s.recordedStart) + ' – ' + fmtTime(s.recordedEnd) + (s.trigger === 'marked' ? ' (marked important)' : ''),
      'data-id': s.id });
    bar.style.left = pct(a); bar.style.width = 'calc(' + pct(b) + ' - ' + pct(a) + ')';
    bar.addEventListener('click', () => open(s.id));
    box.append(bar);
    prevEnd = Math.max(prevEnd || 0, b);
  }
}

// ---- viewer ---------------------------------------------------------------------------------
async function open(id) {
  reportWatched();
  state.current = id; state.clipIn = null; state.clipOut = null; updateClip();
  document.querySelectorAll('.result').forEach((n) => n.classList.toggle('selected', n.dataset.id === id));
  drawTimeline();
  $('viewer').hidden = false;
  $('clip-result').replaceChildren();
  let d;
  try { d = await api('/api/v1/segments/' + id); } catch (e) { $('player-status').textContent = e.message; return; }
  $('viewer-title').textContent = (d.filename || d.id) + ' — officer ' + d.officer + ', ' + fmtTime(d.recordedStart);
  showFacts(d); showCustody(d.custody || []);
  $('original-link').href = withToken(d.links.original);
  const player = $('player');
  const m = d.media || {};
  if (m.status === 'done' && (m.rendition || m.playability === 'playable')) {
    player.src = withToken(d.links.stream);
    $('player-status').textContent = '';
  } else {
    player.removeAttribute('src'); player.load();
    $('player-status').textContent = m.status === 'done' ? 'Not playable in a browser: ' + (m.reason || 'no rendition')
      : 'Preparing a browser-playable version…';
    if (m.status !== 'done') { setTimeout(() => { if (state.current === id) { open(id); } }, 2000); }
  }
}

function showFacts(d) {
  const m = d.media || {};
  const rows = [['sha256', d.sha256], ['size', d.size + ' bytes'], ['recorded', fmtTime(d.recordedStart) + ' – ' + fmtTime(d.recordedEnd)],
    ['ingested', fmtTime(d.ingestedAt)], ['trigger', d.trigger], ['retention', d.retentionClass + (d.retainUntil ? ' until ' + d.retainUntil : ' (permanent)')],
    ['media', m.status], ['playability', m.playability], ['container', m.container], ['duration', m.durationMillis ? seconds(m.durationMillis) : null],
    ['video', m.videoCodec ? m.videoCodec + ' ' + (m.videoProfile || '') + ' ' + m.width + '×' + m.height + ' @ ' + (m.frameRate || 0).toFixed(2) : null],
    ['audio', m.audioCodec ? m.audioCodec + ' ' + m.audioSampleRate + ' Hz × ' + m.audioChannels : null],
    ['created', m.creationTime], ['location', m.location]];
  const dl = $('facts'); dl.replaceChildren();
  for (const [k, v] of rows) { if (v != null && v !== '') { dl.append(el('dt', { text: k }), el('dd', { text: String(v) })); } }
}

function showCustody(events) {
  const ol = $('custody'); ol.replaceChildren();
  for (const e of events) {
    const details = Object.entries(e.details || {}).map(([k, v]) => k + '=' + v).join(' ');
    ol.append(el('li', { class: e.outcome, text: fmtTime(e.time) + ' ' + e.actor + ' ' + e.action + ' ' + e.outcome + (details ? ' · ' + details : '') }));
  }
}

// Tells the audit log which seconds were watched: a one-byte ranged GET on the stream URL with the
// time range in a header, recorded like any other stream request.
function reportWatched() {
  const p = $('player');
  if (!state.current || state.watchedFrom == null || !p.src) { return; }
  const from = state.watchedFrom, to = p.currentTime;
  state.watchedFrom = p.paused ? null : to;
  if (to - from < 0.2) { return; }
  fetch('/api/v1/segments/' + state.current + '/stream', { headers: { Authorization: 'Bearer ' + token(),
    Range: 'bytes=0-0', 'X-Camvault-Time-Range': from.toFixed(1) + '-' + to.toFixed(1) }, cache: 'no-store' }).catch(() => {});
}

function updateClip() {
  const a = state.clipIn, b = state.clipOut;
  $('clip-range').textContent = (a == null ? '—' : a.toFixed(1) + ' s') + ' → ' + (b == null ? '—' : b.toFixed(1) + ' s');
  $('clip-create').disabled = !(a != null && b != null && b > a);
}

async function createClip() {
  $('clip-create').disabled = true;
  $('clip-result').textContent = 'cutting…';
  try {
    const c = await api('/api/v1/segments/' + state.current + '/clips', { method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: state.clipIn, to: state.clipOut, exact: $('clip-exact').checked }) });
    $('clip-result').replaceChildren(el('a', { href: withToken(c.url), download: c.id + '.mp4', text: 'clip ' + c.from + '–' + c.to + ' s' }),
      el('span', { text: ' sha256 ' + c.sha256.slice(0, 16) + '…' }));
  } catch (e) { $('clip-result').textContent = 'Clip failed: ' + e.message; }
  updateClip();
}

function init() {
  $('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value.trim()); });
  $('signout').addEventListener('click', () => signOut());
  $('search-form').addEventListener('submit', search);
  $('more').addEventListener('click', more);
  $('mark-in').addEventListener('click', () => { state.clipIn = $('player').currentTime; updateClip(); });
  $('mark-out').addEventListener('click', () => { state.clipOut = $('player').currentTime; updateClip(); });
  $('clip-create').addEventListener('click', createClip);
  const p = $('player');
  p.addEventListener('playing', () => { state.watchedFrom = p.currentTime; clearInterval(state.reportTimer); state.reportTimer = setInterval(reportWatched, REPORT_MS); });
  p.addEventListener('pause', () => { clearInterval(state.reportTimer); reportWatched(); });
  p.addEventListener('seeking', () => { reportWatched(); state.watchedFrom = null; });
  p.addEventListener('seeked', () => { if (!p.paused) { state.watchedFrom = p.currentTime; } });
  p.addEventListener('error', () => { $('player-status').textContent = 'The player could not load this footage.'; });
  window.addEventListener('pagehide', reportWatched);
  const saved = sessionStorage.getItem('camvault.token');
  if (saved) { signIn(saved); }
}

document.addEventListener('DOMContentLoaded', init);
