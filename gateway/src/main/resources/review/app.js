// camvault review page. No framework, no build step, nothing loaded from elsewhere. Text comes from
// messages.js (t), times from zone.js (fmtTime, in the daemon's display zone), the officer timeline
// from timeline.js.
// The token lives in sessionStorage (this tab only). API calls send it as a bearer token; <video>,
// <audio>, <img> and download links cannot send headers, so their URLs carry it as access_token,
// which the gateway accepts only for GET on stream/original/thumbnail/clip content and never logs.
'use strict';

const POLL_MS = 3000;
const REPORT_MS = 10000;
const $ = (id) => document.getElementById(id);
const state = { token: null, query: null, officerLabel: null, markedOnly: false, items: new Map(), next: null,
  current: null, clipIn: null, clipOut: null, watchedFrom: null, pollTimer: null, reportTimer: null, me: null };

function token() { return state.token || sessionStorage.getItem('camvault.token'); }

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Bearer ' + token() }, options.headers || {});
  const r = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
  if (r.status === 401) { signOut(t('signin.rejected')); throw new Error('unauthenticated'); }
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

/** "张伟 (100234)" when the dock reported a name, else the badge. */
function officerOf(s) { return s.officerName ? s.officerName + ' (' + s.officer + ')' : (s.officer || ''); }
function unitOf(s) { return s.unitName ? s.unitName + ' (' + s.unit + ')' : (s.unit || ''); }
function lengthOf(s) { return s.durationMillis == null ? t('unknown') : fmtLength(s.durationMillis); }

// ---- sign in --------------------------------------------------------------------------------
async function signIn(tok) {
  state.token = tok;
  try {
    state.me = await api('/api/v1/me');
    await api('/api/v1/segments?limit=1');
  } catch (e) {
    state.token = null;
    $('signin-error').textContent = e.status === 403 ? t('signin.refused') : t('signin.failed', e.message);
    return;
  }
  sessionStorage.setItem('camvault.token', tok);
  setZone(state.me.displayZone);
  $('signin-panel').hidden = true;
  $('app').hidden = false;
  $('signout').hidden = false;
  showWho();
}

function showWho() {
  if (!state.me) { $('who').textContent = ''; return; }
  const roles = (state.me.roles || []).map((r) => t('role.' + r)).join(', ');
  $('who').textContent = t('who', state.me.name, roles);
  $('zone-note').textContent = t('search.zone', ZONE);
}

function signOut(message) {
  sessionStorage.removeItem('camvault.token');
  state.token = null;
  state.me = null;
  stopPolling();
  $('player').removeAttribute('src');
  $('audio-player').removeAttribute('src');
  $('app').hidden = true;
  $('signout').hidden = true;
  $('who').textContent = '';
  $('signin-panel').hidden = false;
  $('signin-error').textContent = message || '';
}

// ---- search ---------------------------------------------------------------------------------
/** The query, with an officer's name resolved to one badge; throws a message a person can act on. */
async function buildQuery() {
  const q = new URLSearchParams();
  const officer = $('officer').value.trim(), recorder = $('recorder').value.trim(), kase = $('case').value.trim();
  if ([officer, recorder, kase].filter(Boolean).length > 1) { throw new Error(t('search.one')); }
  state.officerLabel = null;
  if (officer) {
    const named = (await api('/api/v1/officers?name=' + encodeURIComponent(officer))).items;
    const badges = [...new Set(named.map((o) => o.badge))];
    if (badges.length > 1) {
      throw new Error(t('officer.several', officer, named.map((o) => o.badge + (o.unitName ? ' ' + o.unitName : '')).join('、')));
    }
    if (badges.length === 1) {
      q.set('officerName', officer);
      state.officerLabel = t('officer.one', officer, badges[0]);
    } else {
      q.set('officer', officer);
      state.officerLabel = officer;
    }
  }
  if (recorder) { q.set('recorder', recorder); }
  if (kase) { q.set('case', kase); }
  const from = $('from').value, to = $('to').value;
  if (from && to && zoneWallToMs(from) >= zoneWallToMs(to)) { throw new Error(t('search.order')); }
  if (from) { q.set('from', new Date(zoneWallToMs(from)).toISOString()); }
  if (to) { q.set('to', new Date(zoneWallToMs(to)).toISOString()); }
  q.set('limit', '200');
  return q;
}

// "marked important only" filters the list, not the search: the timeline needs every recording
// to tell footage that exists (a grey bar) from time with none (a gap).
function shown(s) { return !state.markedOnly || s.trigger === 'marked'; }

async function search(event) {
  if (event) { event.preventDefault(); }
  $('search-status').textContent = '';
  let q;
  try { q = await buildQuery(); } catch (e) { $('search-status').textContent = e.message; return; }
  state.query = q;
  state.markedOnly = $('marked').checked;
  state.items = new Map();
  $('results').replaceChildren();
  await refresh(true);
  startPolling();
}

async function refresh(first) {
  if (!state.query) { return; }
  let page;
  try { page = await api('/api/v1/segments?' + state.query.toString()); } catch (e) {
    $('search-status').textContent = t('search.failed', e.message); return;
  }
  let added = 0;
  for (const s of page.items) {
    const known = state.items.get(s.id);
    state.items.set(s.id, s);
    if (!known) {
      if (shown(s)) { addResult(s, !first); }
      added++;
    } else if (known.durationMillis !== s.durationMillis) { // the probe found its length
      const li = document.querySelector('.result[data-id="' + s.id + '"]');
      if (li) { li.remove(); addResult(s, false); }
      added++;
    }
  }
  state.next = page.next;
  $('more').hidden = !page.next;
  const count = [...state.items.values()].filter(shown).length;
  $('result-count').textContent = '(' + count + ')';
  $('search-status').textContent = count === 0 ? t('search.none') : first ? '' : (added ? t('search.new', added) : '');
  if (first || added) { redrawTimeline(); }
}

async function more() {
  if (!state.next) { return; }
  const q = new URLSearchParams(state.query); q.set('cursor', state.next);
  const page = await api('/api/v1/segments?' + q.toString());
  for (const s of page.items) { if (!state.items.has(s.id)) { state.items.set(s.id, s); if (shown(s)) { addResult(s, false); } } }
  state.next = page.next; $('more').hidden = !page.next; redrawTimeline();
}

function redrawTimeline() {
  drawTimeline([...state.items.values()], shown, state.officerLabel, state.current, open);
}

function placeholder(kind) { return el('div', { class: 'nothumb ' + kind, text: t('kind.' + kind) }); }

/** A poster for video and photos (made after commit: until then 404, so retried); a placeholder otherwise. */
function thumbnail(s) {
  if (s.kind === 'audio') { return placeholder('audio'); }
  const img = el('img', { alt: '', loading: 'lazy' });
  const url = withToken('/api/v1/segments/' + s.id + '/thumbnail');
  let tries = 0;
  img.addEventListener('error', () => {
    if (++tries <= 5 && state.token) { setTimeout(() => { img.src = url + '&retry=' + tries; }, 3000); } else {
      img.replaceWith(placeholder('none'));
    }
  });
  img.src = url;
  return img;
}

function addResult(s, isNew) {
  const badges = el('div', {},
    s.trigger === 'marked' ? el('span', { class: 'badge marked', text: t('trigger.marked') })
      : el('span', { class: 'badge', text: s.trigger ? t('trigger.' + s.trigger) : '' }),
    s.late ? el('span', { class: 'badge late', text: t('late') }) : null);
  const li = el('li', { class: 'result' + (isNew ? ' new' : ''), 'data-id': s.id },
    thumbnail(s),
    el('div', { class: 'meta' },
      el('div', { text: fmtTime(s.recordedStart) + ' · ' + t('item.length', lengthOf(s)) }),
      el('div', { text: t('item.officer', officerOf(s), s.recorder || '') }),
      el('div', { class: 'file', text: s.filename || '' }),
      badges));
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

// ---- viewer ---------------------------------------------------------------------------------
function activePlayer() { return $('audio-player').hidden ? $('player') : $('audio-player'); }

async function open(id) {
  reportWatched();
  state.current = id; state.clipIn = null; state.clipOut = null; updateClip();
  document.querySelectorAll('.result').forEach((n) => n.classList.toggle('selected', n.dataset.id === id));
  redrawTimeline();
  $('viewer').hidden = false;
  $('clip-result').replaceChildren();
  let d;
  try { d = await api('/api/v1/segments/' + id); } catch (e) { $('player-status').textContent = e.message; return; }
  if (state.current !== id) { return; }
  $('viewer-title').textContent = t('viewer.title', d.filename || d.id, officerOf(d), fmtTime(d.recordedStart));
  showFacts(d); showCustody(d.custody || [], d.names || {});
  $('original-link').href = withToken(d.links.original);
  show(d, id);
}

/** Photos as an image, audio in an audio player, video in the video player; a sentence when none can play. */
function show(d, id) {
  const video = $('player'), audio = $('audio-player'), photo = $('photo');
  const m = d.media || {};
  const kind = m.kind || d.kind;
  for (const p of [video, audio]) { p.pause(); p.removeAttribute('src'); p.load(); }
  video.hidden = kind === 'photo' || kind === 'audio';
  audio.hidden = kind !== 'audio';
  photo.hidden = kind !== 'photo';
  $('clip-tools').hidden = kind === 'photo';
  $('player-status').textContent = '';
  if (kind === 'photo') {
    photo.alt = t('player.photo') + ' ' + (d.filename || '');
    photo.src = withToken(d.links.original);
    return;
  }
  photo.removeAttribute('src');
  if (m.status === 'done' && (m.rendition || m.playability === 'playable')) {
    activePlayer().src = withToken(d.links.stream);
  } else if (m.status === 'done') {
    video.hidden = true; audio.hidden = true;
    $('player-status').textContent = t('player.unplayable', m.reason || t('playability.' + m.playability));
  } else {
    $('player-status').textContent = t('player.preparing');
    setTimeout(() => { if (state.current === id) { open(id); } }, 2000);
  }
}

function showFacts(d) {
  const m = d.media || {};
  const drift = d.clockDriftMs ? (d.clockDriftMs > 0 ? t('value.drift', (d.clockDriftMs / 1000).toFixed(1))
    : t('value.driftBehind', (-d.clockDriftMs / 1000).toFixed(1))) : t('value.seconds', 0);
  const timeliness = d.late == null ? t('value.undecided') : d.late ? t('value.late') : t('value.onTime');
  const retention = t('retention.' + d.retentionClass);
  const rows = [
    ['fact.officer', officerOf(d)], ['fact.unit', unitOf(d)], ['fact.recorder', d.recorder], ['fact.station', d.station],
    ['fact.recorded', fmtTime(d.recordedStart) + ' – ' + fmtTime(d.recordedEnd)],
    ['fact.duration', lengthOf(d)], ['fact.declaredEnd', fmtTime(d.declaredEnd)],
    ['fact.ingested', fmtTime(d.ingestedAt)], ['fact.timeliness', timeliness], ['fact.clockDrift', drift],
    ['fact.trigger', d.trigger ? t('trigger.' + d.trigger) : null],
    ['fact.retention', d.retainUntil ? t('value.until', retention, fmtTime(d.retainUntil)) : t('value.permanent', retention)],
    ['fact.sha256', d.sha256], ['fact.sm3', d.sm3], ['fact.size', t('value.bytes', d.size)],
    ['fact.media', m.status ? t('media.' + m.status) : null],
    ['fact.playability', m.playability ? t('playability.' + m.playability) : null], ['fact.container', m.container],
    ['fact.video', m.videoCodec ? m.videoCodec + ' ' + (m.videoProfile || '') + ' ' + m.width + '×' + m.height + ' @ ' + (m.frameRate || 0).toFixed(2) : null],
    ['fact.audio', m.audioCodec ? m.audioCodec + ' ' + m.audioSampleRate + ' Hz × ' + m.audioChannels : null],
    ['fact.created', m.creationTime ? fmtTime(m.creationTime) : null], ['fact.location', m.location]];
  const dl = $('facts'); dl.replaceChildren();
  for (const [k, v] of rows) {
    if (v != null && v !== '') { dl.append(el('dt', { text: t(k), 'data-fact': k }), el('dd', { text: String(v) })); }
  }
}

// Principals as people read them: every id the answer's names map knows becomes "name (id)".
function whoNamed(text, names) {
  return String(text).replace(/\bp_[0-9a-f]{12}\b/g, (id) => (names[id] ? names[id] + ' (' + id + ')' : id));
}

function showCustody(events, names) {
  const ol = $('custody'); ol.replaceChildren();
  for (const e of events) {
    const details = Object.entries(e.details || {}).map(([k, v]) => k + '=' + whoNamed(v, names)).join(' ');
    ol.append(el('li', { class: e.outcome, text: fmtTime(e.time) + ' ' + whoNamed(e.actor, names) + ' ' + e.action + ' '
      + t('outcome.' + e.outcome) + (details ? ' · ' + details : '') }));
  }
}

// Tells the audit log which seconds were watched: a one-byte ranged GET on the stream URL with the
// time range in a header, recorded like any other stream request.
// A seek reports up to the last position actually played (p.currentTime is already the seek target).
function reportWatched(playedTo) {
  const p = activePlayer();
  if (!state.current || state.watchedFrom == null || !p.src) { return; }
  const from = state.watchedFrom, to = playedTo != null ? playedTo : p.currentTime;
  state.watchedFrom = p.paused ? null : to;
  if (to - from < 0.2) { return; }
  fetch('/api/v1/segments/' + state.current + '/stream', { headers: { Authorization: 'Bearer ' + token(),
    Range: 'bytes=0-0', 'X-Camvault-Time-Range': from.toFixed(1) + '-' + to.toFixed(1) }, cache: 'no-store' }).catch(() => {});
}

function updateClip() {
  const a = state.clipIn, b = state.clipOut;
  $('clip-range').textContent = (a == null ? '—' : t('value.seconds', a.toFixed(1))) + ' → '
    + (b == null ? '—' : t('value.seconds', b.toFixed(1)));
  $('clip-create').disabled = !(a != null && b != null && b > a);
}

async function createClip() {
  $('clip-create').disabled = true;
  $('clip-result').textContent = t('clip.cutting');
  try {
    const c = await api('/api/v1/segments/' + state.current + '/clips', { method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: state.clipIn, to: state.clipOut, exact: $('clip-exact').checked }) });
    $('clip-result').replaceChildren(el('a', { href: withToken(c.url), download: c.id + '.mp4', text: t('clip.link', c.from, c.to) }),
      el('span', { text: ' sha256 ' + c.sha256.slice(0, 16) + '…' }));
  } catch (e) { $('clip-result').textContent = t('clip.failed', e.message); }
  updateClip();
}

/** Text drawn by code follows a language switch: draw it again. */
function redrawAll() {
  translatePage();
  showWho();
  $('results').replaceChildren();
  [...state.items.values()].filter(shown).forEach((s) => addResult(s, false));
  redrawTimeline();
  if (state.current) { open(state.current); }
}

function watchPlayer(p) {
  p.addEventListener('playing', () => { state.watchedFrom = p.currentTime; clearInterval(state.reportTimer); state.reportTimer = setInterval(reportWatched, REPORT_MS); });
  p.addEventListener('pause', () => { clearInterval(state.reportTimer); reportWatched(); });
  p.addEventListener('timeupdate', () => { if (!p.seeking) { state.lastPlayed = p.currentTime; } });
  p.addEventListener('seeking', () => { reportWatched(state.lastPlayed); state.watchedFrom = null; });
  p.addEventListener('seeked', () => { if (!p.paused) { state.watchedFrom = p.currentTime; } });
  p.addEventListener('error', () => { if (p.getAttribute('src')) { $('player-status').textContent = t('player.error'); } });
}

function init() {
  translatePage();
  $('lang').value = LANG;
  $('lang').addEventListener('change', () => { setLanguage($('lang').value); redrawAll(); });
  $('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value.trim()); });
  $('signout').addEventListener('click', () => signOut());
  $('search-form').addEventListener('submit', search);
  $('more').addEventListener('click', more);
  $('mark-in').addEventListener('click', () => { state.clipIn = activePlayer().currentTime; updateClip(); });
  $('mark-out').addEventListener('click', () => { state.clipOut = activePlayer().currentTime; updateClip(); });
  $('clip-create').addEventListener('click', createClip);
  watchPlayer($('player'));
  watchPlayer($('audio-player'));
  window.addEventListener('pagehide', reportWatched);
  const saved = sessionStorage.getItem('camvault.token');
  if (saved) { signIn(saved); }
}

document.addEventListener('DOMContentLoaded', init);
