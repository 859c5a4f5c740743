// Map: every sender as a point of a 2-D projection (PCA at once, UMAP when it
// is ready), with no sampling cap; search by any column, select by click,
// box or lasso, isolate the selection (re-projected alone), the nearest
// neighbours of the selected sender drawn as lines, colour by any column,
// label the selection (the classifier re-runs), and named views (bookmarks).
import { el, clear, formatCount, formatShare } from './element.ts';
import { createScatter } from './scatter-canvas.ts';
import { attachGestures, type MapTool } from './map-interaction.ts';
import { colourPoints, type Legend } from './map-colouring.ts';
import { gradientCss } from './colours.ts';
import { cellText, columnById, csvValue, ipv4Numbers, LIST_COLUMNS, senderColumns, type SenderColumn } from './sender-columns.ts';
import { searchSenders, SearchError } from './sender-search.ts';
import { createDataTable } from './data-table.ts';
import { explain } from './explain.ts';
import { csvLine } from '../method/csv.ts';
import type { DarkVecResults } from '../method/results.ts';
import type { LabelEdit, Neighbour } from '../workers/bridge.ts';
import type { Bookmark, Camera, Projection, ViewState } from './state.ts';

export interface MapActions {
  neighbours(sender: number, count: number): Promise<Neighbour[]>;
  sendersOnPort(port: number, proto: number): Promise<Int32Array>;
  projectSubset(senders: Int32Array, method: Projection): Promise<Float32Array>;
  /** Edits the ground truth; the studio shows the re-run results (update()). */
  relabel(edits: LabelEdit[]): Promise<void>;
  inspect(cluster: number): void;
  viewChanged(view: Partial<ViewState>): void;
  download(name: string, content: Blob): void;
  error(title: string, detail: string): void;
}

export interface MapPanel {
  readonly root: HTMLElement;
  /** New results: the map starts over from the view given. */
  show(results: DarkVecResults, view: ViewState, edits?: number): void;
  /** The same senders and coordinates with edited labels: selection, camera and search stay. */
  update(results: DarkVecResults, edits: number): void;
  setUmap(coordinates: Float32Array | null, status: string): void;
  /** Draws if the map became visible. */
  visible(): void;
}

/** UMAP of an isolated selection runs on its own neighbour lists: cheap up to this size, PCA beyond. */
const ISOLATE_UMAP_LIMIT = 20_000;

export function createMapPanel(actions: MapActions): MapPanel {
  const projection = el('select', { id: 'map-projection', 'aria-label': 'Projection' },
    el('option', { value: 'pca', text: 'PCA' }),
    el('option', { value: 'umap', text: 'UMAP (computing…)', disabled: true }),
  );
  const umapStatus = el('span', { id: 'umap-status', class: 'muted' });
  const colour = el('select', { id: 'map-colour', 'aria-label': 'Colour points by' });
  const search = el('input', { type: 'search', id: 'map-search', placeholder: 'IP, 1.2.0.0/16, label:Shodan, port:23, /regex/', 'aria-label': 'Search senders', autocomplete: 'off' });
  const searchForm = el('form', { class: 'row search-form', role: 'search' }, search, el('button', { type: 'submit', text: 'Search' }));
  const tools = new Map<MapTool, HTMLButtonElement>();
  const toolbar = el('div', { class: 'map-tools', role: 'toolbar', 'aria-label': 'Map tools' });
  for (const [tool, text, title] of [['pan', 'Pan', 'Drag to pan; the wheel zooms'], ['box', 'Box', 'Drag a box to select (shift adds)'], ['lasso', 'Lasso', 'Draw around points to select (shift adds)']] as const) {
    const b = el('button', { type: 'button', id: `map-tool-${tool}`, text, title, 'aria-pressed': tool === 'pan' ? 'true' : 'false' });
    b.addEventListener('click', () => setTool(tool));
    tools.set(tool, b);
    toolbar.append(b);
  }
  const fitButton = el('button', { type: 'button', id: 'map-fit', text: 'Fit', title: 'Show every point (key 0)' });
  toolbar.append(fitButton);
  const canvas = el('canvas', { id: 'map-canvas', tabindex: 0, role: 'img', 'aria-label': 'Map of the senders: arrows pan, + and - zoom, 0 fits' });
  const tooltip = el('div', { class: 'map-tooltip', hidden: true, role: 'status' });
  const mapTitle = el('p', { class: 'map-title', id: 'map-title' });
  const legend = el('section', { id: 'map-legend', class: 'legend', 'aria-label': 'Legend' });
  const neighbourK = el('input', { type: 'number', id: 'map-k', min: 1, max: 100, step: 1, value: 10, 'aria-label': 'Neighbours to list', style: 'width:5em' });
  const neighbourList = el('ol', { class: 'neighbours', id: 'neighbours', 'aria-label': 'Nearest neighbours' });
  const neighbourHead = el('p', { class: 'muted', text: 'Click a sender to list its nearest neighbours in the embedding.' });
  const neighbourBlock = el('section', { id: 'map-neighbours', 'aria-label': 'Neighbours' },
    el('h3', {}, 'Nearest neighbours ', el('label', { class: 'inline' }, 'k ', neighbourK)), neighbourHead, neighbourList);
  const bookmarkName = el('input', { type: 'text', id: 'bookmark-name', placeholder: 'name this view', 'aria-label': 'Bookmark name' });
  const bookmarkList = el('ul', { id: 'bookmarks', class: 'bookmarks' });
  const bookmarkForm = el('form', { class: 'row' }, bookmarkName, el('button', { type: 'submit', id: 'bookmark-save', text: 'Save view' }));
  const bookmarkBlock = el('section', { id: 'map-bookmarks', 'aria-label': 'Bookmarks' }, el('h3', { text: 'Bookmarks' }), bookmarkForm, bookmarkList);

  const searchInfo = el('p', { id: 'search-count', 'aria-live': 'polite', class: 'muted' });
  const selectHits = el('button', { type: 'button', id: 'search-select', text: 'Select these', disabled: true });
  const clearSearch = el('button', { type: 'button', id: 'search-clear', text: 'Clear search', disabled: true });
  const selectionHead = el('h3', { id: 'selection-head', text: 'Selection: none' });
  const selectionMix = el('p', { class: 'muted', id: 'selection-mix' });
  const isolateButton = el('button', { type: 'button', id: 'map-isolate', text: 'Isolate', disabled: true, title: 'Show just the selected senders, projected again on their own' });
  const showAllButton = el('button', { type: 'button', id: 'map-show-all', text: 'Show all', disabled: true });
  const clearButton = el('button', { type: 'button', id: 'map-clear', text: 'Clear selection', disabled: true });
  const exportButton = el('button', { type: 'button', id: 'selection-export', text: 'Export CSV', disabled: true });
  const labelInput = el('input', { type: 'text', id: 'selection-label', placeholder: 'e.g. Censys', 'aria-label': 'Label for the selected senders' });
  const labelButton = el('button', { type: 'submit', id: 'selection-give-label', text: 'Give label', disabled: true });
  const unlabelButton = el('button', { type: 'button', id: 'selection-remove-label', text: 'Remove their labels', disabled: true });
  const editsInfo = el('p', { class: 'muted', id: 'label-edits' });
  const editsExport = el('button', { type: 'button', id: 'labels-export', text: 'Export edited labels (ip,label)', hidden: true });
  const labelForm = el('form', { class: 'row' }, labelInput, labelButton, unlabelButton);

  let data: DarkVecResults | null = null;
  let columns: SenderColumn[] = [];
  let ipv4: Float64Array = new Float64Array(0);
  let umap: Float32Array | null = null;
  /** Senders shown (all, or the isolated ones) and where: point p is sender pointSender[p]. */
  let pointSender: Int32Array = new Int32Array(0);
  let senderPoint: Int32Array = new Int32Array(0);
  let isolated: { senders: Int32Array; xy: Float32Array; method: Projection } | null = null;
  let selection: Int32Array = new Int32Array(0);
  let primary = -1;
  let neighbours: Neighbour[] = [];
  let hits: Int32Array | null = null;
  let hitText = '';
  let tool: MapTool = 'pan';
  let bookmarks: Bookmark[] = [];
  let edits = 0;
  let pendingCamera: Camera | null = null;
  let needsFit = false;
  let drawQueued = false;
  let draws = 0;
  let cameraTimer: ReturnType<typeof setTimeout> | undefined;

  const scatter = createScatter(canvas);
  const listColumns = () => LIST_COLUMNS.map(({ id }) => columnById(columns, id)).filter((c): c is SenderColumn => c !== undefined);
  const tableColumns = (rows: () => Int32Array) => LIST_COLUMNS.map(({ id, label }) => ({
    label,
    numeric: id === 'packets' || id === 'cluster',
    text: (r: number) => {
      const c = columnById(columns, id);
      return c ? cellText(c, rows()[r]) : '–';
    },
    key: (r: number) => {
      const c = columnById(columns, id);
      if (!c) return 0;
      if (c.kind === 'number') return c.values[rows()[r]];
      if (c.kind === 'category' && id === 'cluster') return c.codes[rows()[r]];
      return cellText(c, rows()[r]);
    },
  }));
  const hitsTable = createDataTable('Search results (activate a row to select the sender)', tableColumns(() => hits ?? new Int32Array(0)), { pageSize: 20, filterPlaceholder: 'Filter the results' });
  hitsTable.onActivate((r) => hits && selectSenders(Int32Array.of(hits[r]), false, hits[r]));
  const selectedTable = createDataTable('Selected senders', tableColumns(() => selection), { pageSize: 20, filterPlaceholder: 'Filter the selection' });
  selectedTable.onActivate((r) => setPrimary(selection[r]));

  const searchBlock = el('section', { id: 'map-search-results', 'aria-label': 'Search results' },
    el('h3', { text: 'Search' }), searchInfo, el('div', { class: 'row' }, selectHits, clearSearch), hitsTable.root);
  const selectionBlock = el('section', { id: 'map-selection', 'aria-label': 'Selection' },
    selectionHead, selectionMix,
    el('div', { class: 'row' }, isolateButton, showAllButton, clearButton, exportButton),
    labelForm, el('div', { class: 'row' }, editsInfo, editsExport),
    selectedTable.root);
  const syntax = el('details', { class: 'explain search-help' }, el('summary', { text: 'Search syntax' }),
    el('ul', {},
      el('li', { text: '1.2.3.4 one sender; 1.2.3. an address prefix; 1.2.0.0/16 a CIDR prefix' }),
      el('li', { text: 'label:Shodan, predicted:Mirai-like, cluster:3, service:telnet, subnet16:1.2.0.0/16: a column\'s value (any case)' }),
      el('li', { text: 'port:23 senders that sent to port 23 (any protocol); port:53/udp one service' }),
      el('li', { text: 'packets:>100, silhouette:<0, mirai:0.5..1: numbers' }),
      el('li', { text: '/regex/i over every column; label:/^cen/i in one column; a bare word: any column\'s value, exactly' }),
    ));
  const placeholder = el('p', { class: 'muted', text: 'Train a model to see the map of senders.' });
  const body = el('div', { hidden: true },
    el('div', { class: 'row map-controls' },
      el('label', {}, 'Projection ', projection), umapStatus,
      el('label', {}, 'Colour by ', colour),
      searchForm,
    ),
    syntax,
    el('div', { class: 'map-layout' },
      el('div', { class: 'map-main' }, el('div', { class: 'row map-top' }, mapTitle, toolbar), el('div', { class: 'map-frame' }, canvas, tooltip)),
      el('div', { class: 'map-side' }, legend, neighbourBlock, bookmarkBlock),
    ),
    el('div', { class: 'grid2 map-lists' }, selectionBlock, searchBlock),
    explain([
      'Each point is a sender; senders close together were used in similar contexts (the same services, at the same times) and so got similar vectors. PCA keeps the two directions of largest variance of the vectors; UMAP keeps each sender\'s neighbourhood, so clusters separate better, but distances between far-apart groups mean little.',
      'Colour by a category shows up to 50 values, one colour each (grey is "unknown"), and a gradient beyond; numbers are a gradient. Neighbours are by cosine similarity of the full vectors (1 = same direction), not by distance on the map.',
      'Giving the selection a label adds it to the ground truth: the k-NN classifier and the cluster summaries are re-run with it (the vectors and clusters do not change). Export the edited labels to use them as the labels file of the next trace.',
      't-SNE (the paper\'s map) is not offered: the t-SNE packages on npm compute every pair of senders (50,000 senders are 1.25 billion pairs per iteration, about 1,000 iterations) and a Barnes-Hut kernel of our own is not a short one; UMAP, which keeps neighbourhoods in the same way, runs on the neighbour lists the analysis already has.',
    ]),
  );
  const root = el('div', {}, el('h2', { text: 'Map' }), placeholder, body);

  function setTool(next: MapTool): void {
    tool = next;
    for (const [t, b] of tools) b.setAttribute('aria-pressed', String(t === next));
    canvas.style.cursor = next === 'pan' ? 'grab' : 'crosshair';
  }

  function coordinates(): Float32Array {
    if (isolated) return isolated.xy;
    return projection.value === 'umap' && umap ? umap : data!.projection.pca;
  }

  function projectionName(): string {
    if (isolated) return `${isolated.method === 'umap' ? 'UMAP' : 'PCA'} of ${formatCount(isolated.senders.length)} isolated senders`;
    return `${projection.value === 'umap' && umap ? 'UMAP' : 'PCA'} of ${formatCount(data!.senders.vocab.length)} senders`;
  }

  function currentColumn(): SenderColumn {
    return columnById(columns, colour.value) ?? columnById(columns, 'label')!;
  }

  /** Points, colours and camera from scratch (new results, projection, isolation). */
  function layout(fit: boolean): void {
    if (!data) return;
    const n = data.senders.vocab.length;
    pointSender = isolated ? isolated.senders : Int32Array.from({ length: n }, (_, i) => i);
    senderPoint = new Int32Array(n).fill(-1);
    pointSender.forEach((s, p) => (senderPoint[s] = p));
    const xy = coordinates();
    const c = colourPoints(currentColumn(), pointSender);
    scatter.setPoints(xy, c.colour, c.faded, c.order);
    drawLegend(c.legend);
    if (fit) needsFit = true;
    marksChanged();
  }

  function recolour(): void {
    if (!data) return;
    const c = colourPoints(currentColumn(), pointSender);
    scatter.setColours(c.colour, c.faded, c.order);
    drawLegend(c.legend);
    requestDraw();
  }

  const toPoints = (senders: ArrayLike<number>) => {
    const out: number[] = [];
    for (let k = 0; k < senders.length; k++) {
      const p = senderPoint[senders[k]];
      if (p >= 0) out.push(p);
    }
    return Int32Array.from(out);
  };

  function marksChanged(): void {
    scatter.setMarks({
      // No hit: nothing to pick out, so nothing is faded.
      hits: hits && hits.length ? toPoints(hits) : null,
      selected: toPoints(selection),
      primary: primary >= 0 ? senderPoint[primary] : -1,
      neighbours: toPoints(neighbours.map((n) => n.sender)),
    });
    mapTitle.textContent = `${projectionName()}${hits ? (hits.length ? ` · ${formatCount(hits.length)} search result${hits.length === 1 ? '' : 's'} highlighted` : ' · no search result') : ''}${selection.length ? ` · ${formatCount(selection.length)} selected` : ''}`;
    requestDraw();
  }

  function requestDraw(): void {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      if (!data || !scatter.resize()) return;
      // The camera is placed once the canvas has a size (a hidden tab has none).
      if (pendingCamera) scatter.camera = pendingCamera;
      else if (needsFit) scatter.camera = scatter.fitCamera();
      pendingCamera = null;
      needsFit = false;
      scatter.draw();
      draws++;
      canvas.dataset.drawMs = scatter.lastDrawMs.toFixed(2);
    });
  }

  new ResizeObserver(() => requestDraw()).observe(canvas);

  // Where a sender is drawn, for tests and benchmarks that click the map as a user would (as window.darkvecTimings).
  (globalThis as { darkvecMap?: unknown }).darkvecMap = {
    screenOf(ip: string): [number, number] | null {
      const s = data ? data.senders.vocab.indexOf(ip) : -1;
      const p = s >= 0 ? senderPoint[s] : -1;
      if (p < 0) return null;
      const xy = coordinates();
      const [x, y] = scatter.toScreen(xy[2 * p], xy[2 * p + 1]);
      const rect = canvas.getBoundingClientRect();
      return [rect.left + x, rect.top + y];
    },
    lastDrawMs: () => scatter.lastDrawMs,
    draws: () => draws,
  };

  function drawLegend(l: Legend): void {
    clear(legend);
    legend.append(el('h3', { text: `Colour: ${l.column}` }));
    if (l.kind === 'categories') {
      const list = el('ul', { class: 'legend-items' });
      for (const item of l.items) {
        const b = el('button', { type: 'button', class: 'legend-item', title: `Select the ${formatCount(item.count)} senders (shift adds)` },
          el('span', { class: 'swatch', style: `background:${item.colour}` }), el('span', { class: 'legend-name', text: item.name }), el('span', { class: 'legend-count', text: formatCount(item.count) }));
        b.addEventListener('click', (event) => {
          const column = currentColumn();
          if (column.kind !== 'category') return;
          const members: number[] = [];
          for (const s of pointSender) if (column.codes[s] === item.code || (item.code === -1 && column.codes[s] < 0)) members.push(s);
          selectSenders(Int32Array.from(members), event.shiftKey || event.ctrlKey || event.metaKey, -1);
        });
        list.append(el('li', {}, b));
      }
      legend.append(list);
    } else {
      legend.append(
        el('div', { class: 'gradient-bar', style: `background:${gradientCss(l.gradient)}` }),
        el('div', { class: 'gradient-ends' }, el('span', { text: l.min }), el('span', { text: l.max })),
      );
      if (l.note) legend.append(el('p', { class: 'muted', text: l.note }));
      if (l.missing) legend.append(el('p', { class: 'muted' }, el('span', { class: 'swatch', style: 'background:#b9bfc7' }), ` no value: ${formatCount(l.missing)}`));
    }
  }

  function selectSenders(next: Int32Array, add: boolean, newPrimary: number): void {
    if (add) {
      const merged = new Set(selection);
      for (const s of next) merged.add(s);
      selection = Int32Array.from(merged).sort();
    } else selection = Int32Array.from(next).sort();
    selectionChanged();
    setPrimary(newPrimary >= 0 ? newPrimary : selection.length === 1 ? selection[0] : -1);
  }

  function toggleSender(sender: number): void {
    const set = new Set(selection);
    if (set.has(sender)) set.delete(sender);
    else set.add(sender);
    selection = Int32Array.from(set).sort();
    selectionChanged();
    setPrimary(set.has(sender) ? sender : -1);
  }

  function selectionChanged(): void {
    renderSelection();
    actions.viewChanged({ selection: Array.from(selection) });
    marksChanged();
  }

  function renderSelection(): void {
    const a = data!;
    const count = selection.length;
    let packets = 0;
    const labels = new Map<string, number>();
    const label = columnById(columns, 'label')!;
    for (const s of selection) {
      packets += Number.isFinite(a.senders.packets[s]) ? a.senders.packets[s] : 0;
      const l = cellText(label, s);
      labels.set(l, (labels.get(l) ?? 0) + 1);
    }
    selectionHead.textContent = count ? `Selection: ${formatCount(count)} sender${count === 1 ? '' : 's'}, ${formatCount(packets)} packets` : 'Selection: none';
    selectionMix.textContent = count
      ? 'Labels: ' + [...labels.entries()].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([l, k]) => `${l} ${formatShare(k / count, 0)}`).join(', ')
      : 'Click a point (shift, ctrl or cmd adds), drag a box or a lasso, or click a legend entry.';
    for (const b of [clearButton, exportButton, labelButton, unlabelButton]) b.disabled = count === 0;
    isolateButton.disabled = count < 2;
    showAllButton.disabled = !isolated;
    selectedTable.setRows(Int32Array.from({ length: count }, (_, i) => i));
  }

  async function setPrimary(sender: number): Promise<void> {
    primary = sender;
    neighbours = [];
    clear(neighbourList);
    marksChanged();
    if (sender < 0 || !data) {
      neighbourHead.textContent = 'Click a sender to list its nearest neighbours in the embedding.';
      return;
    }
    const a = data;
    const k = Math.max(1, Math.min(100, Number(neighbourK.value) | 0 || 10));
    neighbourHead.textContent = `${a.senders.vocab[sender]}: ${[...listColumns()].slice(1).map((c) => `${c.label} ${cellText(c, sender)}`).join(', ')}`;
    const inspect = el('button', { type: 'button', id: 'map-inspect', text: `Inspect cluster ${a.clustering.cluster[sender]}` });
    inspect.addEventListener('click', () => actions.inspect(a.clustering.cluster[sender]));
    neighbourHead.append(' ', inspect);
    try {
      const found = await actions.neighbours(sender, k);
      if (primary !== sender || data !== a) return;
      neighbours = found;
      const label = columnById(columns, 'label')!;
      for (const n of found) {
        const b = el('button', { type: 'button', class: 'link', text: `${n.ip} · cosine ${n.similarity.toFixed(3)} · ${cellText(label, n.sender)} · cluster ${a.clustering.cluster[n.sender]}` });
        b.addEventListener('click', (event) => {
          if (event.shiftKey || event.ctrlKey || event.metaKey) toggleSender(n.sender);
          else selectSenders(Int32Array.of(n.sender), false, n.sender);
        });
        neighbourList.append(el('li', {}, b));
      }
      marksChanged();
    } catch (e) {
      actions.error('Could not find the neighbours', e instanceof Error ? e.message : String(e));
    }
  }

  async function runSearch(query: string): Promise<void> {
    if (!data) return;
    actions.viewChanged({ search: query });
    try {
      const result = await searchSenders(query, { columns, ipv4, sendersOnPort: actions.sendersOnPort });
      hits = result?.hits ?? null;
      hitText = result?.description ?? '';
    } catch (e) {
      hits = null;
      hitText = '';
      searchInfo.textContent = e instanceof SearchError ? e.message : `Search failed: ${e instanceof Error ? e.message : String(e)}`;
      searchInfo.className = 'notice';
      hitsTable.setRows([]);
      marksChanged();
      return;
    }
    searchInfo.className = 'muted';
    const shown = hits && isolated ? toPoints(hits).length : hits?.length ?? 0;
    searchInfo.textContent = hits
      ? `${formatCount(hits.length)} sender${hits.length === 1 ? '' : 's'}: ${hitText}${isolated && shown < hits.length ? ` (${formatCount(shown)} of them among the isolated)` : ''}`
      : 'Search by IP, prefix, label, cluster, port or a regular expression.';
    selectHits.disabled = !hits || hits.length === 0;
    clearSearch.disabled = !hits;
    hitsTable.setRows(Int32Array.from({ length: hits?.length ?? 0 }, (_, i) => i));
    marksChanged();
  }

  async function isolate(): Promise<void> {
    if (!data || selection.length < 2) return;
    const senders = Int32Array.from(selection);
    const method: Projection = projection.value === 'umap' && senders.length <= ISOLATE_UMAP_LIMIT ? 'umap' : 'pca';
    isolateButton.disabled = true;
    mapTitle.textContent = `Projecting ${formatCount(senders.length)} senders (${method.toUpperCase()})…`;
    try {
      const xy = await actions.projectSubset(senders, method);
      isolated = { senders, xy, method };
      layout(true);
      renderSelection();
      void runSearch(search.value);
    } catch (e) {
      actions.error('Could not isolate the selection', e instanceof Error ? e.message : String(e));
      renderSelection();
    }
  }

  function showAll(): void {
    isolated = null;
    layout(true);
    renderSelection();
  }

  async function relabel(label: string | null): Promise<void> {
    if (!data || selection.length === 0) return;
    const vocab = data.senders.vocab;
    const list: LabelEdit[] = Array.from(selection, (s) => ({ ip: vocab[s], label }));
    labelButton.disabled = unlabelButton.disabled = true;
    try {
      await actions.relabel(list);
    } finally {
      renderSelection();
    }
  }

  function exportSelection(): void {
    if (!data) return;
    const cols = listColumns();
    const lines = [csvLine(cols.map((c) => (c.id === 'ip' ? 'ip' : c.id)))];
    for (const s of selection) lines.push(csvLine(cols.map((c) => (c.kind === 'category' && c.id === 'cluster' ? c.codes[s] : csvValue(c, s)))));
    actions.download('selection.csv', new Blob(lines, { type: 'text/csv' }));
  }

  function exportLabels(): void {
    if (!data) return;
    const label = columnById(columns, 'label')!;
    const lines = [csvLine(['ip', 'label'])];
    for (let s = 0; s < data.senders.vocab.length; s++) if (data.senders.label[s] >= 0) lines.push(csvLine([data.senders.vocab[s], cellText(label, s)]));
    actions.download('labels-edited.csv', new Blob(lines, { type: 'text/csv' }));
  }

  function renderBookmarks(): void {
    clear(bookmarkList);
    if (bookmarks.length === 0) bookmarkList.append(el('li', { class: 'muted', text: 'None yet: a bookmark keeps the projection, colouring, selection, search and camera, and is saved with the session.' }));
    bookmarks.forEach((b, i) => {
      const open = el('button', { type: 'button', class: 'link bookmark-open', text: b.name, title: `${b.projection.toUpperCase()}, colour by ${b.colourBy}, ${b.selection.length} selected${b.search ? `, search ${b.search}` : ''}` });
      open.addEventListener('click', () => restoreBookmark(b));
      const remove = el('button', { type: 'button', class: 'remove', text: '×', 'aria-label': `Delete the bookmark ${b.name}` });
      remove.addEventListener('click', () => {
        bookmarks = bookmarks.filter((_, j) => j !== i);
        actions.viewChanged({ bookmarks });
        renderBookmarks();
      });
      bookmarkList.append(el('li', {}, open, remove));
    });
  }

  function restoreBookmark(b: Bookmark): void {
    if (!data) return;
    isolated = null;
    projection.value = b.projection === 'umap' && umap ? 'umap' : 'pca';
    if ([...colour.options].some((o) => o.value === b.colourBy)) colour.value = b.colourBy;
    pendingCamera = b.camera;
    selection = Int32Array.from(b.selection.filter((s) => s < data!.senders.vocab.length)).sort();
    search.value = b.search;
    actions.viewChanged({ projection: projection.value as Projection, colourBy: colour.value, camera: b.camera, selection: Array.from(selection), search: b.search });
    layout(!b.camera);
    renderSelection();
    void setPrimary(selection.length === 1 ? selection[0] : -1);
    void runSearch(b.search);
  }

  attachGestures(scatter, () => tool, {
    picked(point, add) {
      if (point < 0) return;
      const sender = pointSender[point];
      if (add) toggleSender(sender);
      else selectSenders(Int32Array.of(sender), false, sender);
    },
    enclosed(points, add) {
      selectSenders(Int32Array.from(points, (p) => pointSender[p]), add, -1);
    },
    hovered(point, x, y) {
      if (point < 0 || !data) {
        tooltip.hidden = true;
        return;
      }
      const s = pointSender[point];
      clear(tooltip);
      for (const c of listColumns()) tooltip.append(el('div', {}, el('b', { text: c.id === 'ip' ? cellText(c, s) : `${c.label}: ` }), c.id === 'ip' ? '' : cellText(c, s)));
      tooltip.hidden = false;
      const frame = canvas.getBoundingClientRect();
      tooltip.style.left = `${Math.min(x + 14, frame.width - 220)}px`;
      tooltip.style.top = `${Math.min(y + 14, frame.height - 110)}px`;
    },
    moved() {
      requestDraw();
      clearTimeout(cameraTimer);
      cameraTimer = setTimeout(() => actions.viewChanged({ camera: scatter.camera }), 250);
    },
    redraw: requestDraw,
  });

  colour.addEventListener('change', () => {
    actions.viewChanged({ colourBy: colour.value });
    recolour();
  });
  projection.addEventListener('change', () => {
    actions.viewChanged({ projection: projection.value as Projection, camera: null });
    isolated = null;
    layout(true);
    renderSelection();
  });
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void runSearch(search.value.trim());
  });
  selectHits.addEventListener('click', () => hits && selectSenders(hits, false, -1));
  clearSearch.addEventListener('click', () => {
    search.value = '';
    void runSearch('');
  });
  clearButton.addEventListener('click', () => selectSenders(new Int32Array(0), false, -1));
  isolateButton.addEventListener('click', () => void isolate());
  showAllButton.addEventListener('click', showAll);
  exportButton.addEventListener('click', exportSelection);
  editsExport.addEventListener('click', exportLabels);
  fitButton.addEventListener('click', () => {
    needsFit = true;
    actions.viewChanged({ camera: null });
    requestDraw();
  });
  labelForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const label = labelInput.value.trim();
    if (label) void relabel(label);
  });
  unlabelButton.addEventListener('click', () => void relabel(null));
  neighbourK.addEventListener('change', () => {
    actions.viewChanged({ neighboursK: Math.max(1, Math.min(100, Number(neighbourK.value) | 0 || 10)) });
    void setPrimary(primary);
  });
  bookmarkForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = bookmarkName.value.trim() || `view ${bookmarks.length + 1}`;
    const b: Bookmark = { name, projection: projection.value as Projection, colourBy: colour.value, selection: Array.from(selection), camera: scatter.camera, search: search.value.trim() };
    bookmarks = [...bookmarks.filter((x) => x.name !== name), b];
    bookmarkName.value = '';
    actions.viewChanged({ bookmarks });
    renderBookmarks();
  });

  function fillColours(wanted: string): void {
    clear(colour);
    for (const c of columns) if (c.kind !== 'text') colour.append(el('option', { value: c.id, text: c.label, title: c.help }));
    colour.value = columnById(columns, wanted) && wanted !== 'ip' ? wanted : 'label';
  }

  function showEdits(): void {
    editsInfo.textContent = edits ? `${formatCount(edits)} label edit${edits === 1 ? '' : 's'} in this session; the classification uses them.` : '';
    editsExport.hidden = edits === 0;
  }

  return {
    root,
    show(next, view, editCount = 0) {
      data = next;
      columns = senderColumns(next);
      ipv4 = ipv4Numbers(next.senders.vocab);
      umap = next.projection.umap;
      isolated = null;
      hits = null;
      placeholder.hidden = true;
      body.hidden = false;
      const option = projection.querySelector<HTMLOptionElement>('option[value="umap"]')!;
      option.disabled = umap === null;
      option.textContent = umap ? 'UMAP' : 'UMAP (computing…)';
      projection.value = view.projection === 'umap' && umap ? 'umap' : 'pca';
      fillColours(view.colourBy);
      neighbourK.value = String(view.neighboursK);
      selection = Int32Array.from(view.selection.filter((s) => s < next.senders.vocab.length)).sort();
      primary = -1;
      neighbours = [];
      bookmarks = view.bookmarks.map((b) => ({ ...b }));
      search.value = view.search;
      pendingCamera = view.camera;
      edits = editCount;
      layout(!view.camera);
      renderSelection();
      renderBookmarks();
      showEdits();
      void setPrimary(selection.length === 1 ? selection[0] : -1);
      void runSearch(view.search);
    },
    update(next, editCount) {
      data = next;
      columns = senderColumns(next);
      edits = editCount;
      fillColours(colour.value);
      recolour();
      renderSelection();
      showEdits();
      if (primary >= 0) void setPrimary(primary);
      if (search.value.trim()) void runSearch(search.value.trim());
    },
    setUmap(coordinates, status) {
      umap = coordinates;
      umapStatus.textContent = status;
      const option = projection.querySelector<HTMLOptionElement>('option[value="umap"]')!;
      option.disabled = coordinates === null;
      option.textContent = coordinates ? 'UMAP' : /fail|cancel/i.test(status) ? 'UMAP (not available)' : 'UMAP (computing…)';
      if (coordinates && projection.value === 'pca' && !isolated) {
        projection.value = 'umap';
        actions.viewChanged({ projection: 'umap', camera: null });
        layout(true);
      }
    },
    visible() {
      requestDraw();
    },
  };
}
