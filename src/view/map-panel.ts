// Map: every sender as a point of a 2-D projection (PCA at once, UMAP when it
// is ready), drawn with WebGL so 50 k points stay smooth; colour by label,
// cluster, dominant service or silhouette; box/lasso selection summary; IP
// search with nearest neighbours.
import { el, clear, formatCount, formatShare } from './element.ts';
import { plot, plotText, PALETTE } from './charts.ts';
import type { Data, PlotlyHTMLElement } from 'plotly.js-strict-dist-min';
import { labelOf, type DarkVecResults } from '../method/results.ts';
import type { Neighbour } from '../workers/bridge.ts';

export type ColourBy = 'label' | 'cluster' | 'service' | 'silhouette';
export type ProjectionName = 'pca' | 'umap';

export interface MapActions {
  neighbours(sender: number, count: number): Promise<Neighbour[]>;
  inspect(cluster: number): void;
  /** The user changed the projection or the colouring (the page state keeps them). */
  viewChanged(view: { projection: ProjectionName; colourBy: ColourBy }): void;
}

export interface MapPanel {
  readonly root: HTMLElement;
  show(results: DarkVecResults, view?: { projection: ProjectionName; colourBy: string }): void;
  setUmap(coordinates: Float32Array | null, status: string): void;
  /** Draws if the map is visible and stale (Plotly cannot size a hidden plot). */
  visible(): void;
}

const CATEGORICAL_LIMIT = 40;

export function createMapPanel(actions: MapActions): MapPanel {
  const colour = el('select', { id: 'map-colour', 'aria-label': 'Colour points by' },
    el('option', { value: 'label', text: 'label' }),
    el('option', { value: 'cluster', text: 'cluster' }),
    el('option', { value: 'service', text: 'dominant service' }),
    el('option', { value: 'silhouette', text: 'silhouette' }),
  );
  const projection = el('select', { id: 'map-projection', 'aria-label': 'Projection' },
    el('option', { value: 'pca', text: 'PCA' }),
    el('option', { value: 'umap', text: 'UMAP (computing…)', disabled: true }),
  );
  const umapStatus = el('span', { id: 'umap-status', class: 'muted' });
  const search = el('input', { type: 'search', id: 'map-search', placeholder: 'Find an IP', 'aria-label': 'Find a sender by IP' });
  const searchButton = el('button', { type: 'button', text: 'Find' });
  const chart = el('div', { id: 'chart-map', class: 'chart tall' });
  const selection = el('div', { id: 'map-selection', 'aria-live': 'polite' });
  const found = el('div', { id: 'map-found', 'aria-live': 'polite' });
  const placeholder = el('p', { class: 'muted', text: 'Train a model to see the map of senders.' });
  const body = el('div', { hidden: true },
    el('div', { class: 'row' },
      el('label', {}, 'Projection ', projection), umapStatus,
      el('label', {}, 'Colour by ', colour),
      el('form', { class: 'row', role: 'search' }, search, searchButton),
    ),
    el('div', { class: 'map-layout' }, chart),
    el('div', { class: 'grid2' }, found, selection),
  );
  const root = el('div', {}, el('h2', { text: 'Map' }), placeholder, body);

  let data: DarkVecResults | null = null;
  let umap: Float32Array | null = null;
  let highlighted = -1;
  let stale = false;
  let plotted: PlotlyHTMLElement | null = null;

  const changed = () => actions.viewChanged({ projection: projection.value as ProjectionName, colourBy: colour.value as ColourBy });
  colour.addEventListener('change', () => { changed(); draw(); });
  projection.addEventListener('change', () => { changed(); draw(); });
  searchButton.closest('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    void find(search.value.trim());
  });

  function coordinates(): Float32Array {
    return projection.value === 'umap' && umap ? umap : data!.projection.pca;
  }

  function category(sender: number, by: ColourBy): string {
    const a = data!;
    if (by === 'label') return labelOf(a, sender);
    if (by === 'cluster') return `cluster ${a.clustering.cluster[sender]}`;
    return a.serviceNames[a.dominantService[sender]] ?? 'none';
  }

  function hoverText(sender: number): string {
    const a = data!;
    return `${plotText(a.senders.vocab[sender])}<br>label: ${plotText(labelOf(a, sender))}<br>cluster: ${a.clustering.cluster[sender]}<br>packets: ${formatCount(a.senders.packets[sender])}`;
  }

  function draw(): void {
    if (!data) return;
    if (root.offsetParent === null) {
      stale = true;
      return;
    }
    stale = false;
    const xy = coordinates();
    const n = data.senders.vocab.length;
    const by = colour.value as ColourBy;
    const traces: Data[] = [];
    if (by === 'silhouette') {
      const x = new Float32Array(n), y = new Float32Array(n);
      for (let i = 0; i < n; i++) { x[i] = xy[2 * i]; y[i] = xy[2 * i + 1]; }
      traces.push({
        type: 'scattergl', mode: 'markers', x, y, customdata: Array.from({ length: n }, (_, i) => i),
        text: Array.from({ length: n }, (_, i) => hoverText(i)), hovertemplate: '%{text}<extra></extra>',
        marker: { size: 4, color: data.clustering.silhouette, colorscale: 'RdBu', cmin: -1, cmax: 1, colorbar: { title: { text: 'silhouette' } } },
        showlegend: false,
      });
    } else {
      const groups = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        const key = category(i, by);
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push(i);
      }
      const ordered = [...groups.entries()].sort((a, b) => (a[0] === 'unknown' ? -1 : b[0] === 'unknown' ? 1 : b[1].length - a[1].length));
      const legend = ordered.length <= CATEGORICAL_LIMIT;
      ordered.forEach(([name, members], index) => {
        const x = new Float32Array(members.length), y = new Float32Array(members.length);
        members.forEach((s, j) => { x[j] = xy[2 * s]; y[j] = xy[2 * s + 1]; });
        const grey = name === 'unknown';
        traces.push({
          type: 'scattergl', mode: 'markers', name: plotText(name), x, y, customdata: members,
          text: members.map(hoverText), hovertemplate: '%{text}<extra></extra>',
          marker: { size: grey ? 3 : 4, color: grey ? '#c4c9d0' : PALETTE[index % PALETTE.length], opacity: grey ? 0.6 : 0.85 },
          showlegend: legend,
        });
      });
    }
    if (highlighted >= 0) {
      traces.push({
        type: 'scattergl', mode: 'markers', name: plotText(data.senders.vocab[highlighted]), x: [xy[2 * highlighted]], y: [xy[2 * highlighted + 1]],
        marker: { size: 16, color: 'rgba(0,0,0,0)', line: { color: '#000', width: 3 } }, hoverinfo: 'skip', showlegend: true,
      });
    }
    const name = projection.value === 'umap' && umap ? 'UMAP' : 'PCA';
    void plot(chart, traces, {
      title: { text: `${formatCount(n)} senders, ${name} of the embedding`, font: { size: 14 } },
      margin: { l: 56, r: 16, t: 36, b: 48 },
      xaxis: { title: { text: `${name} 1 (unitless)` }, zeroline: false },
      yaxis: { title: { text: `${name} 2 (unitless)` }, zeroline: false },
      dragmode: 'lasso',
      hovermode: 'closest',
      legend: { itemsizing: 'constant' },
      uirevision: name,
    }).then((element) => {
      if (plotted === element) return;
      plotted = element;
      element.on('plotly_selected', (event) => summariseSelection(event?.points ?? []));
      element.on('plotly_click', (event) => {
        const p = event?.points?.[0];
        if (p && typeof p.customdata === 'number') actions.inspect(data!.clustering.cluster[p.customdata]);
      });
    });
  }

  function summariseSelection(points: { customdata?: unknown }[]): void {
    clear(selection);
    const senders = points.map((p) => p.customdata).filter((s): s is number => typeof s === 'number');
    if (senders.length === 0 || !data) return;
    let packets = 0;
    const labels = new Map<string, number>();
    const clusters = new Map<number, number>();
    for (const s of senders) {
      packets += data.senders.packets[s];
      const l = labelOf(data, s);
      labels.set(l, (labels.get(l) ?? 0) + 1);
      const c = data.clustering.cluster[s];
      clusters.set(c, (clusters.get(c) ?? 0) + 1);
    }
    const top = <K>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    selection.append(
      el('h3', { text: `Selection: ${formatCount(senders.length)} senders, ${formatCount(packets)} packets` }),
      el('p', { text: 'Labels: ' + top(labels).map(([l, c]) => `${l} ${formatShare(c / senders.length, 0)}`).join(', ') }),
      el('p', { text: 'Clusters: ' + top(clusters).map(([c, k]) => `${c} (${k})`).join(', ') }),
    );
  }

  async function find(ip: string): Promise<void> {
    clear(found);
    if (!data || !ip) return;
    const sender = data.senders.vocab.indexOf(ip);
    if (sender < 0) {
      found.append(el('p', { class: 'notice', text: `${ip} is not among the ${formatCount(data.senders.vocab.length)} senders kept after the filter.` }));
      return;
    }
    highlighted = sender;
    draw();
    const cluster = data.clustering.cluster[sender];
    const inspect = el('button', { type: 'button', text: `Inspect cluster ${cluster}` });
    inspect.addEventListener('click', () => actions.inspect(cluster));
    found.append(el('h3', { text: `${ip}: ${labelOf(data, sender)}, cluster ${cluster}, ${formatCount(data.senders.packets[sender])} packets` }), inspect);
    const list = el('ol', { class: 'neighbours', id: 'neighbours' });
    found.append(el('p', { text: 'Nearest neighbours (cosine similarity):' }), list);
    for (const n of await actions.neighbours(sender, 10)) {
      const at = n.sender;
      list.append(el('li', { text: `${n.ip} · ${n.similarity.toFixed(3)} · ${labelOf(data, at)} · cluster ${data.clustering.cluster[at]}` }));
    }
  }

  return {
    root,
    show(next, view) {
      data = next;
      umap = next.projection.umap;
      highlighted = -1;
      placeholder.hidden = true;
      body.hidden = false;
      const option = projection.querySelector<HTMLOptionElement>('option[value="umap"]')!;
      option.disabled = umap === null;
      option.textContent = umap ? 'UMAP' : 'UMAP (computing…)';
      projection.value = view?.projection === 'umap' && umap ? 'umap' : umap && !view ? 'umap' : 'pca';
      if (view && [...colour.options].some((o) => o.value === view.colourBy)) colour.value = view.colourBy;
      clear(selection);
      clear(found);
      draw();
    },
    setUmap(coordinates, status) {
      umap = coordinates;
      umapStatus.textContent = status;
      const option = projection.querySelector<HTMLOptionElement>('option[value="umap"]')!;
      option.disabled = coordinates === null;
      option.textContent = coordinates ? 'UMAP' : /fail|cancel/i.test(status) ? 'UMAP (not available)' : 'UMAP (computing…)';
      if (coordinates && projection.value === 'pca') {
        projection.value = 'umap';
        draw();
      }
    },
    visible() {
      if (stale) draw();
    },
  };
}
