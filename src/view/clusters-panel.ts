// Clusters: one row per Louvain cluster (sortable, filterable; activate a row to
// inspect it), the silhouette ECDF of Louvain against k-means, and the
// modularity / cluster-count curve over graph k.
import { el, clear, formatCount, formatShare } from './element.ts';
import { lineChart } from './charts.ts';
import { createDataTable, type Column, type DataTable } from './data-table.ts';
import { explain } from './explain.ts';
import type { ClusterSummary, DarkVecResults, ModularityCurve } from '../method/results.ts';

export interface ClustersPanel {
  readonly root: HTMLElement;
  show(results: DarkVecResults): void;
  /** The modularity curve once its background run is done, or a note on its progress. */
  setCurve(curve: ModularityCurve | null, note: string): void;
}

/** Sorted values and their cumulative share, thinned to at most `points` steps. */
export function ecdf(values: Float32Array, points = 400): { x: number[]; y: number[] } {
  const sorted = Float32Array.from(values).sort();
  const n = sorted.length;
  const x: number[] = [];
  const y: number[] = [];
  if (n === 0) return { x, y };
  const step = Math.max(1, Math.floor(n / points));
  for (let i = 0; i < n; i += step) {
    x.push(sorted[i]);
    y.push((i + 1) / n);
  }
  x.push(sorted[n - 1]);
  y.push(1);
  return { x, y };
}

function topText(items: { label: string; share: number }[], count = 3): string {
  return items.slice(0, count).map((i) => `${i.label} ${formatShare(i.share, 0)}`).join(', ');
}

/** "AS13335 CLOUDFLARENET": the AS name (database text) shortened to stay readable in a cell. */
export function asnLabel(asn: number, name: string | null, max = 16): string {
  if (!name) return `AS${asn}`;
  return `AS${asn} ${name.length > max ? name.slice(0, max - 1) + '…' : name}`;
}

/** The scanner and backscatter shares worth a look (1% or more), or – when none is. */
export function scannerText(c: Pick<ClusterSummary, 'zmapShare' | 'masscanShare' | 'backscatterShare'>): string {
  const parts: string[] = [];
  for (const [name, share] of [['ZMap', c.zmapShare], ['Masscan', c.masscanShare], ['backscatter', c.backscatterShare]] as const) {
    if (share !== null && share >= 0.01) parts.push(`${name} ${formatShare(share, 0)}`);
  }
  return parts.join(', ') || '–';
}

export function createClustersPanel(inspect: (cluster: number) => void): ClustersPanel {
  const summary = el('p', { id: 'clusters-summary', class: 'muted', text: 'Train a model to find clusters of coordinated senders.' });
  const ecdfChart = el('div', { id: 'chart-silhouette-ecdf' });
  const curveChart = el('div', { id: 'chart-modularity' });
  const curveNote = el('p', { id: 'modularity-note', class: 'muted' });
  let chosenK = 0;
  const drawCurve = (curve: ModularityCurve) => {
    curveChart.hidden = false;
    void lineChart(curveChart, 'Modularity and clusters over graph k', { x: 'graph k (neighbours per sender)', y: 'modularity' }, [
      { name: 'modularity', x: curve.k, y: curve.modularity },
    ], { markers: true, y2: { name: 'clusters', x: curve.k, y: curve.clusters }, mark: chosenK > 0 ? { x: chosenK, text: ` chosen k = ${chosenK}` } : undefined });
  };
  let rows: ClusterSummary[] = [];
  const columns = (enriched: boolean, scanners: boolean): Column[] => [
    { label: 'cluster', numeric: true, text: (i) => String(rows[i].cluster), key: (i) => rows[i].cluster },
    { label: 'senders', numeric: true, text: (i) => formatCount(rows[i].senders), key: (i) => rows[i].senders },
    { label: 'packets', numeric: true, text: (i) => formatCount(rows[i].packets), key: (i) => rows[i].packets },
    { label: 'ports', numeric: true, text: (i) => formatCount(rows[i].distinctPorts), key: (i) => rows[i].distinctPorts },
    { label: 'mean silhouette', numeric: true, text: (i) => rows[i].meanSilhouette.toFixed(2), key: (i) => rows[i].meanSilhouette },
    { wrap: true, label: 'top ports (share of packets)', text: (i) => topText(rows[i].topPorts.map((p) => ({ label: p.service, share: p.packetShare }))) },
    // /24s and /16s in one column, so that the enrichment's columns fit beside them at 1,366 px.
    { wrap: true, label: 'top /24, top /16 (senders)', text: (i) => [...rows[i].topSubnetsNarrow.slice(0, 1), ...rows[i].topSubnetsWide.slice(0, 1)].map((s) => `${s.name} (${s.senders})`).join(', ') },
    { wrap: true, label: 'label mix', text: (i) => rows[i].labels.slice(0, 3).map((l) => `${l.name} ${l.senders}`).join(', ') },
    { label: 'Mirai share', numeric: true, text: (i) => (rows[i].miraiShare === null ? '–' : formatShare(rows[i].miraiShare!, 0)), key: (i) => rows[i].miraiShare ?? -1 },
    ...(scanners ? [{
      wrap: true, label: 'ZMap / Masscan / backscatter', text: (i: number) => scannerText(rows[i]), key: (i: number) => Math.max(rows[i].zmapShare ?? -1, rows[i].masscanShare ?? -1, rows[i].backscatterShare ?? -1),
    }] : []),
    ...(enriched ? [
      { wrap: true, label: 'top ASNs (share of senders)', text: (i: number) => topText((rows[i].topAsns ?? []).map((a) => ({ label: asnLabel(a.asn, a.name), share: a.share })), 2) || '–', key: (i: number) => rows[i].topAsns?.[0]?.share ?? -1 },
      { wrap: true, label: 'top countries', text: (i: number) => topText((rows[i].topCountries ?? []).map((c) => ({ label: c.name, share: c.share }))) || '–', key: (i: number) => rows[i].topCountries?.[0]?.share ?? -1 },
    ] : []),
  ];
  // The columns depend on what the results hold (an IP database, the scanners' fields): the table is remade when that changes.
  let shape = '';
  let table: DataTable | null = null;
  const tableSlot = el('div', { id: 'clusters-table' });
  const remake = (enriched: boolean, scanners: boolean) => {
    const next = `${enriched}/${scanners}`;
    if (table && next === shape) return table;
    shape = next;
    const t = createDataTable('Clusters (activate a row to inspect it)', columns(enriched, scanners), { filterPlaceholder: enriched ? 'Filter: port, subnet, label, AS13335, NL…' : 'Filter: port, subnet, label…' });
    t.onActivate((i) => inspect(rows[i].cluster));
    clear(tableSlot);
    tableSlot.append(t.root);
    return (table = t);
  };
  const body = el('div', { hidden: true }, tableSlot, el('div', { class: 'grid2' }, ecdfChart, el('div', {}, curveChart, curveNote)), explain([
    'Clusters are found by Louvain on the k-NN graph: every sender linked to its k nearest neighbours (the paper: k = 3). Modularity (about -0.5 to 1) measures how much more the links stay inside clusters than chance would give: above 0.3 is a clear structure.',
    'The silhouette of a sender compares its mean cosine distance to its own cluster (a) with that to the nearest other cluster (b): (b - a) / max(a, b), from -1 (closer to another cluster) to 1 (well inside its own). The ECDF plots, for each silhouette value x, the share of senders at or below x: a curve that stays low and rises late means most senders are well placed; k-means with as many clusters is drawn for comparison.',
    'The modularity curve repeats the clustering for k = 1 to 14: modularity usually falls as k grows and the clusters merge; the dotted line is the k in use. Activate a row of the table to inspect its cluster; compare two clusters in the inspection tab.',
  ]));

  const root = el('div', {}, el('h2', { text: 'Clusters' }), summary, body);

  return {
    root,
    show(results) {
      const c = results.clustering;
      rows = c.summaries;
      chosenK = c.graphK;
      const modularity = Number.isFinite(c.modularity) ? c.modularity.toFixed(3) : 'undefined (too few senders)';
      summary.textContent = `${formatCount(c.count)} clusters (Louvain on the ${c.graphK}-NN graph, modularity ${modularity}); ${formatShare(c.positiveShare, 0)} of clusters have mean silhouette > 0.${c.kmeans ? ` k-means with k = ${c.kmeans.k} for comparison.` : ''}`;
      summary.className = '';
      body.hidden = false;
      const enriched = rows.some((r) => r.topAsns !== null);
      const scanners = rows.some((r) => r.zmapShare !== null || r.masscanShare !== null || r.backscatterShare !== null);
      remake(enriched, scanners).setRows(rows.map((_, i) => i));
      const louvain = ecdf(c.silhouette);
      const series = [{ name: 'Louvain', x: louvain.x, y: louvain.y, step: true }];
      if (c.kmeans) {
        const kmeans = ecdf(c.kmeans.silhouette);
        series.push({ name: `k-means (k = ${c.kmeans.k})`, x: kmeans.x, y: kmeans.y, step: true });
      }
      void lineChart(ecdfChart, 'Silhouette ECDF (cosine)', { x: 'silhouette', y: 'share of senders ≤ x' }, series);
      // Without a curve yet, the studio's background run reports through setCurve.
      if (c.curve) drawCurve(c.curve);
      else curveChart.hidden = true;
      curveNote.textContent = '';
    },
    setCurve(curve, note) {
      if (curve) drawCurve(curve);
      curveNote.textContent = note;
    },
  };
}

