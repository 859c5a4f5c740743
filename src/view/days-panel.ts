// Days: what is new today, what came back, what changed. The tracks of a day
// series as a timeline (one band per track and day, splits and absorptions as
// links), the novelty inbox of the last day, per-day counts, the senders that
// moved most, and the tracks the analyst watches, flagged when they change.
import { el, clear, formatCount, formatShare } from './element.ts';
import { plot, plotText } from './charts.ts';
import { relatedPhrase, type DaysView, type InboxItem } from '../method/days-view.ts';

export interface DaysPanel {
  readonly root: HTMLElement;
  show(view: DaysView | null, watched: readonly number[], note: string | null): void;
}

export interface DaysActions {
  /** Opens today's cluster in the inspection tab. */
  inspect(cluster: number): void;
  toggleWatch(track: number): void;
}

const EVENT_COLOURS: Record<string, string> = {
  emerged: '#1f7a3f', reappeared: '#6a3d9a', split: '#d9822b', absorbed: '#b2182b', survived: '#6b8fb8', disappeared: '#999',
};
const LINK_COLOURS: Record<string, string> = {
  continues: 'rgba(107,143,184,0.35)', reappeared: 'rgba(106,61,154,0.45)', split: 'rgba(217,130,43,0.55)', absorbed: 'rgba(178,24,43,0.55)',
};
const WATCHED_CHANGES = new Set(['split', 'absorbed', 'disappeared', 'reappeared']);

export function createDaysPanel(actions: DaysActions): DaysPanel {
  const intro = el('p', { class: 'muted', id: 'days-intro' });
  const note = el('p', { class: 'notice', id: 'days-note', hidden: true });
  const flags = el('section', { id: 'watch-flags', 'aria-label': 'Watched tracks' });
  const inbox = el('section', { id: 'novelty-inbox', 'aria-label': 'Novelty inbox' });
  const timeline = el('div', { id: 'chart-tracks', class: 'chart tall' });
  const counts = el('section', { id: 'days-counts', 'aria-label': 'Per-day counts' });
  const movers = el('section', { id: 'top-movers', 'aria-label': 'Top movers' });
  const help = el('details', { class: 'explain' },
    el('summary', { text: 'What am I looking at?' }),
    el('p', { text: 'Each UTC day is clustered on its own (k-NN graph + Louvain). A track is a cluster identity across days: today\'s cluster continues a track when most of the track\'s members seen today are in it (overlap at least 0.6). A track whose members spread over two or more clusters (each with at least 0.3 of them) splits; two or more tracks in one cluster are absorbed by the largest; a cluster no track matches emerged; a track absent for up to 15 days that matches again reappeared with its old number. docs/tracking.md has the rules.' }),
    el('p', { text: 'Drift is 1 - cosine between a track\'s centroid today and on its last active day; a mover is a sender whose vector moved most since its last day (1 - cosine).' }),
  );
  const body = el('div', { hidden: true }, note, flags, el('h3', { text: 'Novelty inbox: today' }), inbox, timeline, el('div', { class: 'grid2' }, counts, movers), help);
  const watchInput = el('input', { type: 'number', id: 'watch-track', min: 0, step: 1, 'aria-label': 'Track to watch', style: 'width:7em' });
  const watchForm = el('form', { class: 'row' }, el('label', {}, 'Watch track ', watchInput), el('button', { type: 'submit', text: 'Watch / unwatch' }));
  watchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const track = Number(watchInput.value);
    if (Number.isInteger(track) && track >= 0) actions.toggleWatch(track);
  });
  body.prepend(watchForm);
  const root = el('div', {}, el('h2', { text: 'Days' }), intro, body);

  function inboxItem(item: InboxItem, watched: boolean): HTMLElement {
    const s = item.summary;
    const star = el('button', { type: 'button', class: 'watch', 'aria-pressed': watched ? 'true' : 'false', title: watched ? 'Stop watching this track' : 'Watch this track: later days flag its splits, absorptions, disappearance and return', text: watched ? '★ watched' : '☆ watch' });
    star.addEventListener('click', () => actions.toggleWatch(item.track));
    const inspect = el('button', { type: 'button', text: `Inspect cluster ${item.cluster}` });
    inspect.addEventListener('click', () => actions.inspect(item.cluster));
    // An inbox track has a cluster today, so its event did not end it.
    const phrase = relatedPhrase(item.event, item.related, false);
    const related = phrase ? ` (${phrase})` : '';
    return el('li', { class: `inbox-item event-${item.event}`, 'data-track': item.track },
      el('div', { class: 'row' },
        el('strong', { text: `Track ${item.track}` }),
        el('span', { class: 'event-badge', style: `background:${EVENT_COLOURS[item.event]}`, text: item.event }),
        el('span', { text: `${formatCount(item.size)} senders${related}${item.drift !== null ? ` · drift ${item.drift.toFixed(3)}` : ''}` }),
        inspect, star),
      el('p', { class: 'muted', text: [
        `ports: ${s.topPorts.slice(0, 4).map((p) => `${p.service} ${formatShare(p.packetShare, 0)}`).join(', ') || '–'}`,
        `/24: ${s.topSubnetsNarrow.slice(0, 3).map((x) => `${x.name} (${x.senders})`).join(', ')}`,
        `labels: ${s.labels.slice(0, 3).map((l) => `${l.name} ${formatShare(l.share, 0)}`).join(', ')}`,
      ].join(' · ') }),
    );
  }

  function drawTimeline(view: DaysView, watched: ReadonlySet<number>): void {
    const days = Math.max(1, view.dates.length - 1);
    const perDay = new Map<number, number[]>();
    view.nodes.forEach((n, i) => {
      const list = perDay.get(n.day) ?? [];
      list.push(i);
      perDay.set(n.day, list);
    });
    const y = new Float64Array(view.nodes.length);
    for (const list of perDay.values()) {
      list.sort((a, b) => view.nodes[a].track - view.nodes[b].track);
      list.forEach((node, r) => (y[node] = Math.min(0.999, Math.max(0.001, (r + 0.5) / list.length))));
    }
    const eventOf = new Map<string, string>();
    for (const c of view.changes) eventOf.set(`${view.dates.indexOf(c.date)}:${c.track}`, c.event);
    void plot(timeline, [{
      type: 'sankey', arrangement: 'fixed',
      node: {
        label: view.nodes.map((n) => `T${n.track}`),
        x: view.nodes.map((n) => Math.min(0.999, Math.max(0.001, n.day / days))),
        y: Array.from(y),
        color: view.nodes.map((n) => (watched.has(n.track) ? '#111' : EVENT_COLOURS[eventOf.get(`${n.day}:${n.track}`) ?? (n.day === 0 ? 'emerged' : 'survived')])),
        customdata: view.nodes.map((n) => plotText(`track ${n.track} on ${view.dates[n.day]}: ${n.size} senders`)),
        hovertemplate: '%{customdata}<extra></extra>',
        pad: 2, thickness: 14,
      },
      link: {
        source: view.links.map((l) => l.from), target: view.links.map((l) => l.to), value: view.links.map((l) => l.value),
        color: view.links.map((l) => LINK_COLOURS[l.kind]),
        customdata: view.links.map((l) => l.kind),
        hovertemplate: '%{customdata}: %{value} senders<extra></extra>',
      },
    } as never], {
      title: { text: `Tracks over ${view.dates.length} days (${view.dates[0]} to ${view.dates.at(-1)}); band height = senders; orange: split, red: absorbed, purple: came back`, font: { size: 13 } },
      margin: { l: 16, r: 16, t: 56, b: 16 },
      font: { size: 10 },
      // Sankey has no axes: the days are named above their columns.
      annotations: view.dates.map((date, day) => ({
        text: date, x: Math.min(0.999, Math.max(0.001, day / days)), y: 1.04, xref: 'paper', yref: 'paper', showarrow: false,
        xanchor: day === 0 ? 'left' : day === view.dates.length - 1 ? 'right' : 'center', font: { size: 11 },
      })),
    });
  }

  function drawCounts(view: DaysView): void {
    clear(counts);
    const table = el('table', { class: 'data-table', id: 'days-table' }, el('caption', { text: 'Per day' }));
    const head = el('tr');
    for (const h of ['date', 'senders', 'new', 'clusters', 'emerged', 'reappeared', 'split', 'absorbed', 'disappeared']) head.append(el('th', { scope: 'col', class: h === 'date' ? undefined : 'num', text: h }));
    const tbody = el('tbody');
    for (const r of view.reports) {
      tbody.append(el('tr', {},
        el('td', { text: r.date }),
        ...[r.senders, r.newSenders, r.clusters, ...['emerged', 'reappeared', 'split', 'absorbed', 'disappeared'].map((k) => r.events[k] ?? 0)].map((v) => el('td', { class: 'num', text: formatCount(v) }))));
    }
    table.append(el('thead', {}, head), tbody);
    counts.append(el('div', { class: 'table-scroll' }, table));
  }

  function drawMovers(view: DaysView): void {
    clear(movers);
    movers.append(el('h3', { text: `Top movers on ${view.dates.at(-1)}` }));
    if (view.movers.length === 0) {
      movers.append(el('p', { class: 'muted', text: 'No sender of today was seen on an earlier day.' }));
      return;
    }
    const list = el('ol', { class: 'movers' });
    for (const m of view.movers) list.append(el('li', { text: `${m.ip} · moved ${m.displacement.toFixed(3)} · track ${m.track}` }));
    movers.append(list);
  }

  function drawFlags(view: DaysView, watched: ReadonlySet<number>): void {
    clear(flags);
    if (watched.size === 0) return;
    const changes = view.changes.filter((c) => watched.has(c.track) && WATCHED_CHANGES.has(c.event));
    flags.append(el('h3', { text: `Watched: ${watched.size === 1 ? 'track' : 'tracks'} ${[...watched].sort((a, b) => a - b).join(', ')}` }));
    if (changes.length === 0) {
      flags.append(el('p', { class: 'muted', text: 'No watched track has split, been absorbed, disappeared or come back.' }));
      return;
    }
    const list = el('ul', { class: 'flags' });
    for (const c of changes) {
      const phrase = relatedPhrase(c.event, c.related, c.ended);
      // "split into tracks 40, 41" says the event itself; other events keep their name.
      const what = phrase && (c.event === 'split' || c.event === 'absorbed') ? phrase : `${c.event}${phrase ? ` (${phrase})` : ''}`;
      list.append(el('li', { class: 'flag', text: `⚑ ${c.date}: track ${c.track} ${what}` }));
    }
    flags.append(list);
  }

  return {
    root,
    show(view, watchedList, dayNote) {
      note.hidden = !dayNote;
      note.textContent = dayNote ?? '';
      if (!view || view.dates.length === 0) {
        body.hidden = true;
        intro.textContent = 'Train a model to start the days.';
        return;
      }
      const watched = new Set(watchedList);
      body.hidden = false;
      intro.textContent = view.dates.length === 1
        ? `One day so far (${view.dates[0]}). Continue this model with the next day's trace (Data, then Training: Continue), or train a multi-day trace day by day, to see what is new, what came back and what changed.`
        : `${view.dates.length} days, ${formatCount(view.tracks.length)} tracks. Today is ${view.dates.at(-1)}.`;
      clear(inbox);
      if (view.dates.length > 1) {
        const list = el('ul', { class: 'inbox' });
        for (const item of view.inbox) list.append(inboxItem(item, watched.has(item.track)));
        if (view.inbox.length === 0) list.append(el('li', { class: 'muted', text: 'Nothing new today: every track survived.' }));
        inbox.append(list);
      } else inbox.append(el('p', { class: 'muted', text: 'The inbox fills from the second day on.' }));
      drawFlags(view, watched);
      drawTimeline(view, watched);
      drawCounts(view);
      drawMovers(view);
    },
  };
}
