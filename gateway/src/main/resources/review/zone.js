// Times as a person reads them: in the daemon's display zone (GET /api/v1/me says which), to the
// second, with the offset: "2026-11-20 08:30:00 +08:00". The API speaks UTC instants; the browser's
// own zone is never used, so every reviewer sees the same clock as the clerk's papers.
'use strict';

let ZONE = 'Asia/Shanghai';

function setZone(zone) { if (zone) { ZONE = zone; } }

function zoneParts(ms) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
  const p = {};
  for (const part of f.formatToParts(new Date(ms))) { p[part.type] = part.value; }
  const off = (p.timeZoneName || 'GMT').replace('GMT', '') || '+00:00';
  return { date: p.year + '-' + p.month + '-' + p.day, time: p.hour + ':' + p.minute + ':' + p.second, offset: off };
}

/** An instant (ISO text or epoch ms) in the display zone; "unknown" for none. */
function fmtTime(v) {
  if (v == null || v === '') { return t('unknown'); }
  const p = zoneParts(typeof v === 'number' ? v : Date.parse(v));
  return p.date + ' ' + p.time + ' ' + p.offset;
}

/** The display-zone calendar date (yyyy-mm-dd) of an instant in epoch ms. */
function zoneDate(ms) { return zoneParts(ms).date; }

/** Offset of the display zone at an instant, in ms. */
function offsetMs(ms) {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(zoneParts(ms).offset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000 : 0;
}

/** The instant a display-zone wall time ("2026-11-20T08:30" or with seconds) stands for, in epoch ms. */
function zoneWallToMs(wall) {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(wall);
  if (!m) { return NaN; }
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0));
  const guess = asUtc - offsetMs(asUtc);
  return asUtc - offsetMs(guess);
}

/** Start of the display-zone day yyyy-mm-dd, epoch ms. */
function zoneDayStart(date) { return zoneWallToMs(date); }

/** The display-zone day after yyyy-mm-dd. */
function nextDate(date) {
  const [y, mo, d] = date.split('-').map(Number);
  const n = new Date(Date.UTC(y, mo - 1, d + 1));
  return n.toISOString().slice(0, 10);
}

/** A length in seconds as h:mm:ss. */
function fmtLength(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return Math.floor(s / 3600) + ':' + String(Math.floor(s / 60) % 60).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
}
