// Clusters: one row per Louvain cluster (sortable, filterable; activate a row to
// inspect it), the silhouette ECDF of Louvain against k-means, and the
// modularity / cluster-count curve over graph k.
import { el, formatCount, formatShare } from './element.ts';
import { lineChart } from './charts.ts';
import { createDataTable } from './data-table.ts';
import type { ResultsData } from './results-data.ts';
import type { ClusterSummary, ModularityCurveResult } from '../workers/pipeline-types.ts';

export interface ClustersPanel {
  readonly root: HTMLElement;
  show(data: ResultsData, graphK: number): void;
  /** The modularity curve once its background run is done, or a note on its progress. */
  setCurve(curve: ModularityCurveResult | null, note: string): void;
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

export function createClustersPanel(inspect: (cluster: number) => void): ClustersPanel {
  const summary = el('p', { id: 'clusters-summary', class: 'muted', text: 'Train a model to find clusters of coordinated senders.' });
  const ecdfChart = el('div', { id: 'chart-silhouette-ecdf' });
  const curveChart = el('div', { id: 'chart-modularity' });
  const curveNote = el('p', { id: 'modularity-note', class: 'muted' });
  const drawCurve = (curve: ModularityCurveResult) => {
    curveChart.hidden = false;
    void lineChart(curveChart, 'Modularity and clusters over graph k', { x: 'graph k (neighbours per sender)', y: 'modularity' }, [
      { name: 'modularity', x: curve.k, y: curve.modularity },
    ], { markers: true, y2: { name: 'clusters', x: curve.k, y: curve.clusters } });
  };
  let rows: ClusterSummary[] = [];
  const table = createDataTable('Clusters (activate a row to inspect it)', [
    { label: 'cluster', numeric: true, text: (i) => String(rows[i].id), key: (i) => rows[i].id },
    { label: 'senders', numeric: true, text: (i) => formatCount(rows[i].senders), key: (i) => rows[i].senders },
    { label: 'packets', numeric: true, text: (i) => formatCount(rows[i].packets), key: (i) => rows[i].packets },
    { label: 'ports', numeric: true, text: (i) => formatCount(rows[i].ports), key: (i) => rows[i].ports },
    { label: 'mean silhouette', numeric: true, text: (i) => rows[i].meanSilhouette.toFixed(2), key: (i) => rows[i].meanSilhouette },
    { label: 'top ports (share of packets)', text: (i) => topText(rows[i].topPorts.map((p) => ({ label: p.port, share: p.packetShare }))) },
    { label: 'top /24', text: (i) => rows[i].top24.slice(0, 2).map((s) => `${s.subnet} (${s.senders})`).join(', ') },
    { label: 'top /16', text: (i) => rows[i].top16.slice(0, 2).map((s) => `${s.subnet} (${s.senders})`).join(', ') },
    { label: 'label mix', text: (i) => rows[i].labelMix.slice(0, 3).map((l) => `${l.label} ${l.senders}`).join(', ') },
    { label: 'Mirai share', numeric: true, text: (i) => (rows[i].miraiShare === null ? '–' : formatShare(rows[i].miraiShare!, 0)), key: (i) => rows[i].miraiShare ?? -1 },
  ], { filterPlaceholder: 'Filter: port, subnet, label…' });
  table.onActivate((i) => inspect(rows[i].id));
  const body = el('div', { hidden: true }, table.root, el('div', { class: 'grid2' }, ecdfChart, el('div', {}, curveChart, curveNote)));
  const root = el('div', {}, el('h2', { text: 'Clusters' }), summary, body);

  return {
    root,
    show(data, graphK) {
      const c = data.analysis.clustering;
      rows = c.summaries;
      const positive = rows.filter((r) => r.meanSilhouette > 0).length;
      summary.textContent = `${formatCount(c.count)} clusters (Louvain on the ${graphK}-NN graph, modularity ${c.modularity.toFixed(3)}); ${formatShare(rows.length ? positive / rows.length : 0, 0)} of clusters have mean silhouette > 0. k-means with k = ${c.kmeansK} for comparison.`;
      summary.className = '';
      body.hidden = false;
      table.setRows(rows.map((_, i) => i));
      const louvain = ecdf(c.silhouette);
      const kmeans = ecdf(c.kmeansSilhouette);
      void lineChart(ecdfChart, 'Silhouette ECDF (cosine)', { x: 'silhouette', y: 'share of senders ≤ x' }, [
        { name: 'Louvain', x: louvain.x, y: louvain.y, step: true },
        { name: `k-means (k = ${c.kmeansK})`, x: kmeans.x, y: kmeans.y, step: true },
      ]);
      // Without a curve yet, the studio's background run reports through setCurve.
      if (c.curve.k.length > 0) drawCurve(c.curve);
      else curveChart.hidden = true;
      curveNote.textContent = '';
    },
    setCurve(curve, note) {
      if (curve) drawCurve(curve);
      curveNote.textContent = note;
    },
  };
}

