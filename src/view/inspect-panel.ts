// Cluster inspection, like the paper's per-cluster figures: the activity
// pattern (time against sender, one mark per packet) beside the top ports hour
// by hour, the top ports by share of packets and of senders, the ground-truth
// composition, the Mirai share, subnets and members; and a second cluster to
// compare with (port sets' Jaccard, activity patterns stacked); with the
// traces' fields, the other fingerprint shares, and with an IP database, who
// the senders are (top ASNs and countries; each member's AS and country).
import { el, clear, formatCount, formatShare } from './element.ts';
import { plot, plotText } from './charts.ts';
import { explain } from './explain.ts';
import { PALETTE, UNKNOWN_GREY } from './colours.ts';
import { sourceNames, type ClusterSummary, type DarkVecResults } from '../method/results.ts';
import type { ActivityPattern } from '../workers/bridge.ts';

export interface InspectPanel {
  readonly root: HTMLElement;
  show(results: DarkVecResults): void;
  inspect(cluster: number, activity: Promise<ActivityPattern>): Promise<void>;
  onChoose(listener: (cluster: number) => void): void;
  /** The studio asks the worker for the second cluster's activity. */
  onCompare(listener: (cluster: number) => Promise<ActivityPattern>): void;
}

const MARGIN = { l: 64, r: 16, t: 36, b: 56 };

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const x = new Set(a), y = new Set(b);
  let both = 0;
  for (const v of x) if (y.has(v)) both++;
  const union = x.size + y.size - both;
  return union > 0 ? both / union : 0;
}

function activityChart(root: HTMLElement, title: string, activity: ActivityPattern, colour: string, range?: [string, string]): Promise<unknown> {
  const dates = Array.from(activity.ts, (t) => new Date(t * 1000).toISOString());
  return plot(root, [{
    type: 'scattergl', mode: 'markers', x: dates, y: Array.from(activity.row),
    text: Array.from(activity.row, (r) => plotText(activity.senders[r])),
    hovertemplate: '%{text}<br>%{x}<extra></extra>', marker: { size: 3, color: colour },
  }], {
    title: { text: title, font: { size: 14 }, x: 0, xanchor: 'left' },
    margin: MARGIN,
    xaxis: { title: { text: 'time (UTC)' }, type: 'date', range },
    yaxis: { title: { text: 'sender (by first packet)' }, showticklabels: false, rangemode: 'tozero', autorange: 'reversed' },
    paper_bgcolor: 'rgba(0,0,0,0)',
  });
}

export function createInspectPanel(): InspectPanel {
  const chooser = el('select', { id: 'inspect-cluster', 'aria-label': 'Cluster to inspect' });
  const compare = el('select', { id: 'compare-cluster', 'aria-label': 'Cluster to compare with' });
  const body = el('div', { id: 'inspect-body' });
  const comparison = el('section', { id: 'cluster-comparison', 'aria-label': 'Comparison' });
  const placeholder = el('p', { class: 'muted', text: 'Train a model, then pick a cluster here, in the Clusters table or on the map.' });
  const root = el('div', {}, el('h2', { text: 'Cluster inspection' }),
    el('div', { class: 'row' }, el('label', {}, 'Cluster ', chooser), el('label', {}, 'Compare with ', compare)),
    placeholder, body, comparison,
    explain([
      'The activity pattern has one mark per packet: time across, the cluster\'s senders down (in the order they first appear). Vertical stripes are senders acting together (a coordinated scan); diagonal lines are senders joining one after another; horizontal lines are steady senders.',
      'The heatmap beside it counts the packets of the cluster\'s top ports in each hour: a scanner that rotates ports shows as steps. Top ports are given by share of packets (what the traffic is) and by share of senders (how many members use the port): a port most senders use is the cluster\'s signature even if one busy sender dominates the packets.',
      'Ground-truth composition: the labels of the cluster\'s senders ("unknown" = unlabelled). The Mirai share counts packets whose TCP sequence number equals their destination address, the fingerprint of Mirai\'s scanner. Comparing two clusters gives the Jaccard index of their port sets (shared ports / all ports, 1 = the same ports) and their activity patterns on one time axis, as the paper does for Censys\'s sub-clusters.',
    ]),
  );
  const listeners: ((c: number) => void)[] = [];
  let comparer: ((c: number) => Promise<ActivityPattern>) | null = null;
  let data: DarkVecResults | null = null;
  let current: { cluster: number; activity: ActivityPattern } | null = null;
  chooser.addEventListener('change', () => listeners.forEach((l) => l(Number(chooser.value))));
  compare.addEventListener('change', () => void drawComparison());

  function portChart(root: HTMLElement, summary: ClusterSummary): void {
    const services = summary.topPorts.map((p) => plotText(p.service));
    void plot(root, [
      { type: 'bar', name: 'share of packets', x: services, y: summary.topPorts.map((p) => p.packetShare * 100), marker: { color: PALETTE[0] } },
      { type: 'bar', name: 'share of senders', x: services, y: summary.topPorts.map((p) => p.senderShare * 100), marker: { color: PALETTE[1] } },
    ], {
      title: { text: 'Top ports', font: { size: 14 }, x: 0, xanchor: 'left' },
      margin: { l: 56, r: 8, t: 56, b: 56 },
      barmode: 'group',
      xaxis: { title: { text: 'port/protocol' }, type: 'category', automargin: true },
      yaxis: { title: { text: '% of the cluster' }, rangemode: 'tozero', range: [0, 100], automargin: true },
      legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom' },
      paper_bgcolor: 'rgba(0,0,0,0)',
    });
  }

  function compositionChart(root: HTMLElement, summary: ClusterSummary): void {
    const labels = summary.labels.slice(0, 12).reverse();
    let known = 0;
    void plot(root, [{
      type: 'bar', orientation: 'h', y: labels.map((l) => plotText(l.name)), x: labels.map((l) => l.senders),
      marker: { color: labels.map((l) => (l.name === 'unknown' ? UNKNOWN_GREY : PALETTE[known++ % PALETTE.length])) },
      text: labels.map((l) => formatShare(l.share, 0)), textposition: 'auto', hovertemplate: '%{y}: %{x} senders<extra></extra>',
    }], {
      title: { text: 'Ground-truth composition', font: { size: 14 }, x: 0, xanchor: 'left' },
      margin: { l: 8, r: 16, t: 36, b: 56 },
      xaxis: { title: { text: 'senders' }, rangemode: 'tozero', automargin: true },
      yaxis: { automargin: true, type: 'category' },
      paper_bgcolor: 'rgba(0,0,0,0)',
    });
  }

  function heatmapChart(root: HTMLElement, activity: ActivityPattern): void {
    const h = activity.portHours;
    const hours = Array.from({ length: h.hours }, (_, i) => new Date((h.hourStart + i * 3600) * 1000).toISOString());
    const z = h.services.map((_, r) => Array.from(h.packets.subarray(r * h.hours, (r + 1) * h.hours)));
    void plot(root, [{
      type: 'heatmap', x: hours, y: h.services.map(plotText), z, colorscale: 'Viridis', hoverongaps: false,
      colorbar: { title: { text: 'packets' }, thickness: 12 },
      hovertemplate: '%{y}<br>%{x}<br>%{z} packets<extra></extra>',
    }], {
      title: { text: 'Top ports hour by hour', font: { size: 14 }, x: 0, xanchor: 'left' },
      margin: MARGIN,
      xaxis: { title: { text: 'hour (UTC)' }, type: 'date' },
      yaxis: { title: { text: 'port/protocol' }, type: 'category', autorange: 'reversed', automargin: true },
      paper_bgcolor: 'rgba(0,0,0,0)',
    });
  }

  async function inspect(cluster: number, activityPromise: Promise<ActivityPattern>): Promise<void> {
    if (!data) return;
    const summary = data.clustering.summaries.find((s) => s.cluster === cluster);
    if (!summary) return;
    placeholder.hidden = true;
    chooser.value = String(cluster);
    clear(body);
    clear(comparison);
    const facts = el('dl', { class: 'facts' });
    const add = (k: string, v: string) => facts.append(el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
    add('senders', formatCount(summary.senders));
    add('packets', formatCount(summary.packets));
    add('distinct ports', formatCount(summary.distinctPorts));
    add('mean silhouette', summary.meanSilhouette.toFixed(2));
    add('Mirai share (packets)', summary.miraiShare === null ? 'trace lacks tcp_seq/dst_ip' : formatShare(summary.miraiShare));
    add('top label', summary.labels[0] ? `${summary.labels[0].name} (${formatShare(summary.labels[0].share, 0)})` : '–');
    const share = (x: number | null | undefined, lacks: string) => (x === null || x === undefined ? lacks : formatShare(x));
    add('ZMap / Masscan packets', `${share(summary.zmapShare, 'no IP IDs')} / ${share(summary.masscanShare, 'no IP IDs')}`);
    add('backscatter packets (replies)', share(summary.backscatterShare, 'no TCP flags or ICMP types'));
    const e = data.senders.enrichment;
    if (summary.topAsns) {
      add('top ASNs (share of senders)', summary.topAsns.slice(0, 3).map((a) => `AS${a.asn}${a.name ? ` ${a.name}` : ''} ${formatShare(a.share, 0)}`).join(', ') || 'none known');
      add('top countries', (summary.topCountries ?? []).map((c) => `${c.name} ${formatShare(c.share, 0)}`).join(', ') || 'none known');
      add('senders enriched', formatShare(summary.enrichedShare ?? 0, 0));
    }
    const inputs = data.input?.inputs ?? [];
    if (summary.sourceSenders && inputs.length > 1) add('senders per trace', summary.sourceSenders.map((n, k) => `${inputs[k].file} ${formatCount(n)}`).join(', '));
    const activity = el('div', { id: 'chart-activity', class: 'chart tallish' });
    const heat = el('div', { id: 'chart-port-hours', class: 'chart tallish' });
    const ports = el('div', { id: 'chart-cluster-ports' });
    const composition = el('div', { id: 'chart-composition' });
    const subnets = el('table', { class: 'data-table' }, el('caption', { text: 'Top subnets' }));
    const subnetBody = el('tbody');
    for (const s of [...summary.topSubnetsNarrow.slice(0, 5), ...summary.topSubnetsWide.slice(0, 5)]) subnetBody.append(el('tr', {}, el('td', { text: s.name }), el('td', { class: 'num', text: formatCount(s.senders) })));
    subnets.append(el('thead', {}, el('tr', {}, el('th', { text: 'subnet' }), el('th', { class: 'num', text: 'senders' }))), subnetBody);
    const portTable = el('table', { class: 'data-table', id: 'cluster-port-table' }, el('caption', { text: 'Top ports: share of packets and of senders' }));
    const portBody = el('tbody');
    for (const p of summary.topPorts) portBody.append(el('tr', {}, el('td', { text: p.service }), el('td', { class: 'num', text: formatShare(p.packetShare, 0) }), el('td', { class: 'num', text: `${formatShare(p.senderShare, 0)} (${formatCount(p.senders)})` })));
    portTable.append(el('thead', {}, el('tr', {}, el('th', { text: 'port' }), el('th', { class: 'num', text: 'packets' }), el('th', { class: 'num', text: 'senders' }))), portBody);
    const members = el('ul', { class: 'members', id: 'cluster-members' });
    const ofSender = data.clustering.cluster;
    const sources = data.senders.sources;
    for (let s = 0; s < ofSender.length; s++) {
      if (ofSender[s] !== cluster) continue;
      // Who the sender is, when known: database text, shown as text.
      const parts = [data.senders.vocab[s]];
      if (e && e.asn[s] > 0) parts.push(`AS${e.asn[s]}${e.asName[s] >= 0 ? ` ${e.asNames[e.asName[s]]}` : ''}`);
      if (e && e.country[s] >= 0) parts.push(e.countries[e.country[s]]);
      if (sources && inputs.length > 1) parts.push(sourceNames(inputs, sources[s]).join(' + '));
      members.append(el('li', { text: parts.join(' · ') }));
    }
    body.append(
      el('h3', { text: `Cluster ${cluster}` }), facts,
      el('div', { class: 'grid2' }, activity, heat),
      el('div', { class: 'grid3' }, ports, composition, el('div', { class: 'stack' }, portTable, subnets)),
      el('h3', { text: 'Members' }), members,
    );
    portChart(ports, summary);
    compositionChart(composition, summary);
    const pattern = await activityPromise;
    current = { cluster, activity: pattern };
    heatmapChart(heat, pattern);
    await activityChart(activity, `Activity: ${formatCount(pattern.senders.length)} senders, a mark per packet${pattern.decimated ? ' (thinned)' : ''}`, pattern, '#2f5f98');
    if (compare.value !== '' && Number(compare.value) !== cluster) void drawComparison();
  }

  async function drawComparison(): Promise<void> {
    clear(comparison);
    if (!data || !current || compare.value === '' || !comparer) return;
    const other = Number(compare.value);
    if (other === current.cluster) return;
    const a = current;
    const pattern = await comparer(other);
    if (current !== a) return;
    const shared = new Set(a.activity.portHours.allServices.filter((s) => pattern.portHours.allServices.includes(s)));
    const score = jaccard(a.activity.portHours.allServices, pattern.portHours.allServices);
    const first = el('div', { id: 'chart-compare-a', class: 'chart' });
    const second = el('div', { id: 'chart-compare-b', class: 'chart' });
    const portsOf = (list: string[]) => list.slice(0, 12).map((s) => (shared.has(s) ? `${s} ✓` : s)).join(', ') + (list.length > 12 ? ` … (${list.length})` : '');
    comparison.append(
      el('h3', { text: `Cluster ${a.cluster} and cluster ${other}` }),
      el('p', { id: 'compare-jaccard', text: `Port sets' Jaccard index: ${score.toFixed(2)} (${shared.size} shared of ${a.activity.portHours.allServices.length + pattern.portHours.allServices.length - shared.size} ports).` }),
      el('div', { class: 'grid2' },
        el('p', { class: 'muted', text: `Cluster ${a.cluster}: ${portsOf(a.activity.portHours.allServices)}` }),
        el('p', { class: 'muted', text: `Cluster ${other}: ${portsOf(pattern.portHours.allServices)}` })),
      first, second,
    );
    // One time axis for both, so the patterns line up.
    let lo = Infinity, hi = -Infinity;
    for (const p of [a.activity, pattern]) for (const t of p.ts) { if (t < lo) lo = t; if (t > hi) hi = t; }
    const range: [string, string] | undefined = Number.isFinite(lo) ? [new Date(lo * 1000).toISOString(), new Date(hi * 1000).toISOString()] : undefined;
    void activityChart(first, `Cluster ${a.cluster}: ${formatCount(a.activity.senders.length)} senders`, a.activity, PALETTE[0], range);
    void activityChart(second, `Cluster ${other}: ${formatCount(pattern.senders.length)} senders`, pattern, PALETTE[1], range);
  }

  return {
    root,
    show(next) {
      data = next;
      current = null;
      const keep = compare.value;
      clear(chooser);
      clear(compare);
      clear(body);
      clear(comparison);
      placeholder.hidden = false;
      compare.append(el('option', { value: '', text: '(none)' }));
      for (const s of next.clustering.summaries) {
        const text = `${s.cluster}: ${formatCount(s.senders)} senders, top ${s.topPorts[0]?.service ?? '–'}`;
        chooser.append(el('option', { value: s.cluster, text }));
        compare.append(el('option', { value: s.cluster, text }));
      }
      if ([...compare.options].some((o) => o.value === keep)) compare.value = keep;
    },
    inspect,
    onChoose: (l) => listeners.push(l),
    onCompare: (l) => (comparer = l),
  };
}
