// Cluster inspection, like the paper's per-cluster figures: the activity
// pattern (time against sender, one mark per packet), top ports, subnets,
// label mix, fingerprint shares, who the senders are (top ASNs and countries,
// with an IP database) and members.
import { el, clear, formatCount, formatShare } from './element.ts';
import { plot, barChart, plotText } from './charts.ts';
import { sourceNames, type DarkVecResults } from '../method/results.ts';
import type { ActivityPattern } from '../workers/bridge.ts';

export interface InspectPanel {
  readonly root: HTMLElement;
  show(results: DarkVecResults): void;
  inspect(cluster: number, activity: Promise<ActivityPattern>): Promise<void>;
  onChoose(listener: (cluster: number) => void): void;
}

export function createInspectPanel(): InspectPanel {
  const chooser = el('select', { id: 'inspect-cluster', 'aria-label': 'Cluster to inspect' });
  const body = el('div', { id: 'inspect-body' });
  const placeholder = el('p', { class: 'muted', text: 'Train a model, then pick a cluster here, in the Clusters table or on the map.' });
  const root = el('div', {}, el('h2', { text: 'Cluster inspection' }), el('label', {}, 'Cluster ', chooser), placeholder, body);
  const listeners: ((c: number) => void)[] = [];
  let data: DarkVecResults | null = null;
  chooser.addEventListener('change', () => listeners.forEach((l) => l(Number(chooser.value))));

  async function inspect(cluster: number, activityPromise: Promise<ActivityPattern>): Promise<void> {
    if (!data) return;
    const summary = data.clustering.summaries.find((s) => s.cluster === cluster);
    if (!summary) return;
    placeholder.hidden = true;
    chooser.value = String(cluster);
    clear(body);
    const facts = el('dl', { class: 'facts' });
    const add = (k: string, v: string) => facts.append(el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
    add('senders', formatCount(summary.senders));
    add('packets', formatCount(summary.packets));
    add('distinct ports', formatCount(summary.distinctPorts));
    add('mean silhouette', summary.meanSilhouette.toFixed(2));
    add('Mirai-fingerprinted packets', summary.miraiShare === null ? 'trace lacks tcp_seq/dst_ip' : formatShare(summary.miraiShare));
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
    const activityChart = el('div', { id: 'chart-activity', class: 'chart tall' });
    const portsChart = el('div', { id: 'chart-cluster-ports' });
    const subnets = el('table', { class: 'data-table' }, el('caption', { text: 'Top subnets' }));
    const subnetHead = el('tr', {}, el('th', { text: 'subnet' }), el('th', { class: 'num', text: 'senders' }));
    const subnetBody = el('tbody');
    for (const s of [...summary.topSubnetsNarrow.slice(0, 5), ...summary.topSubnetsWide.slice(0, 5)]) subnetBody.append(el('tr', {}, el('td', { text: s.name }), el('td', { class: 'num', text: formatCount(s.senders) })));
    subnets.append(el('thead', {}, subnetHead), subnetBody);
    const mix = el('ul', { class: 'label-mix' });
    for (const l of summary.labels) mix.append(el('li', { text: `${l.name}: ${formatCount(l.senders)} (${formatShare(l.share, 0)})` }));
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
      el('h3', { text: `Cluster ${cluster}` }), facts, activityChart,
      el('div', { class: 'grid3' }, portsChart, subnets, el('div', {}, el('h3', { text: 'Label mix' }), mix)),
      el('h3', { text: 'Members' }), members,
    );
    void barChart(portsChart, 'Top ports of the cluster', { x: 'port/protocol', y: 'share of packets (%)' }, summary.topPorts.map((p) => p.service), summary.topPorts.map((p) => p.packetShare * 100), { categoricalX: true });
    const activity = await activityPromise;
    const dates = Array.from(activity.ts, (t) => new Date(t * 1000).toISOString());
    await plot(activityChart, [{
      type: 'scattergl', mode: 'markers', x: dates, y: Array.from(activity.row),
      text: Array.from(activity.row, (r) => plotText(activity.senders[r])),
      hovertemplate: '%{text}<br>%{x}<extra></extra>', marker: { size: 3, color: '#2f5f98' },
    }], {
      title: { text: `Activity pattern: ${formatCount(activity.senders.length)} senders, one mark per packet${activity.decimated ? ' (thinned to stay drawable)' : ''}`, font: { size: 14 } },
      margin: { l: 64, r: 16, t: 36, b: 56 },
      xaxis: { title: { text: 'time (UTC)' }, type: 'date' },
      yaxis: { title: { text: 'sender (ordered by first packet)' }, showticklabels: false },
    });
  }

  return {
    root,
    show(next) {
      data = next;
      clear(chooser);
      clear(body);
      placeholder.hidden = false;
      for (const s of next.clustering.summaries) chooser.append(el('option', { value: s.cluster, text: `${s.cluster}: ${formatCount(s.senders)} senders, top ${s.topPorts[0]?.service ?? '–'}` }));
    },
    inspect,
    onChoose: (l) => listeners.push(l),
  };
}
