// The officer timeline: one row per display-zone day from the first recording found to the last,
// every day drawn (a day without footage is a row that is all "no recording"), at most MAX_DAYS.
// Bars are every recording the search found, whatever the page filter shows in the results (a
// recording hidden by "marked important only" is a grey bar, never a gap); hatched gaps are drawn
// only where no recording exists: between the known end of one recording and the start of the next.
// A recording whose duration is not known yet is a narrow bar and starts no gap: nothing is known
// about the time after its start.
'use strict';

const MAX_DAYS = 31;
const GAP_MS = 60000;

function drawTimeline(items, shown, officerLabel, current, onOpen) {
  const panel = $('timeline-panel');
  panel.hidden = !officerLabel || items.length === 0;
  const box = $('timeline');
  box.replaceChildren();
  $('timeline-note').textContent = '';
  if (panel.hidden) { return; }
  const sorted = [...items].sort((a, b) => Date.parse(a.recordedStart) - Date.parse(b.recordedStart));
  const firstDay = zoneDate(Date.parse(sorted[0].recordedStart));
  const lastDay = zoneDate(Math.max(...sorted.map((s) => endOf(s) || Date.parse(s.recordedStart))));
  const days = [];
  for (let d = firstDay; d <= lastDay; d = nextDate(d)) { days.push(d); }
  $('timeline-title').textContent = t('timeline.officer', officerLabel, days[0], days[days.length - 1]);
  if (days.length > MAX_DAYS) { $('timeline-note').textContent = t('timeline.more', MAX_DAYS, days.length); }
  const gaps = gapsBetween(sorted);
  for (const day of days.slice(0, MAX_DAYS)) {
    box.append(dayRow(day, sorted, gaps, shown, current, onOpen));
  }
}

function endOf(s) { return s.recordedEnd ? Date.parse(s.recordedEnd) : null; }

/** Spans with no recording: after a known end, until the next start, when longer than a minute. */
function gapsBetween(sorted) {
  const gaps = [];
  let coveredTo = null;
  for (const s of sorted) {
    const a = Date.parse(s.recordedStart), b = endOf(s);
    if (coveredTo != null && a - coveredTo > GAP_MS) { gaps.push([coveredTo, a]); }
    if (b == null) { coveredTo = null; continue; } // unknown length: what follows its start is unknown
    coveredTo = coveredTo == null ? b : Math.max(coveredTo, b);
  }
  return gaps;
}

function dayRow(day, sorted, gaps, shown, current, onOpen) {
  const start = zoneDayStart(day), end = zoneDayStart(nextDate(day)), span = end - start;
  const pct = (ms) => (100 * (Math.min(Math.max(ms, start), end) - start) / span) + '%';
  const width = (a, b) => 'calc(' + pct(b) + ' - ' + pct(a) + ')';
  const track = el('div', { class: 'track' });
  for (let h = 0; h <= 24; h += 6) {
    const tick = el('span', { class: 'tick', text: String(h).padStart(2, '0') + ':00' });
    tick.style.left = (100 * h / 24) + '%';
    track.append(tick);
  }
  for (const [a, b] of gaps) {
    if (b <= start || a >= end) { continue; }
    const g = el('div', { class: 'gap', title: t('timeline.gap', Math.round((b - a) / 60000)), 'data-from': a, 'data-to': b });
    g.style.left = pct(a); g.style.width = width(a, b);
    track.append(g);
  }
  for (const s of sorted) {
    const a = Date.parse(s.recordedStart), b = endOf(s);
    if (a >= end || (b != null ? b : a) < start) { continue; }
    const classes = ['seg'];
    if (s.trigger === 'marked') { classes.push('marked'); }
    if (!shown(s)) { classes.push('other'); }
    if (b == null) { classes.push('unknown'); }
    if (s.id === current) { classes.push('selected'); }
    const title = fmtTime(a) + ' – ' + (b == null ? t('timeline.unknown') : fmtTime(b))
      + (s.trigger === 'marked' ? ' · ' + t('trigger.marked') : '') + (shown(s) ? '' : ' · ' + t('timeline.filtered'));
    const bar = el('div', { class: classes.join(' '), title, 'data-id': s.id, 'data-from': a, 'data-to': b == null ? a : b });
    bar.style.left = pct(a);
    if (b != null) { bar.style.width = width(a, b); }
    bar.addEventListener('click', () => onOpen(s.id));
    track.append(bar);
  }
  return el('div', { class: 'day', 'data-day': day }, el('span', { class: 'day-label', text: day }), track);
}
