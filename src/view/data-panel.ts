// Data: pick, drop, open the sample or generate a trace; check the detected
// columns; see what the ingest kept and skipped.
import { el, clear, formatCount } from './element.ts';
import { barChart, lineChart } from './charts.ts';
import type { ColumnMapping } from '../ingest/column-mapping.ts';
import type { IngestView, TracePreview } from '../workers/bridge.ts';

export interface DataActions {
  openSample(): void;
  generate(seed: number, scale: number): void;
  /** A trace, a labels file, or both at once (one drop of two files is one choice). */
  chooseFiles(trace: File | null, labels: File | null): void;
  buildCorpus(mapping: ColumnMapping): void;
}

const FIELDS: { key: keyof ColumnMapping; label: string; required: boolean }[] = [
  { key: 'ts', label: 'timestamp', required: true },
  { key: 'src', label: 'sender IP', required: true },
  { key: 'dstPort', label: 'destination port', required: true },
  { key: 'proto', label: 'protocol', required: false },
  { key: 'dstIp', label: 'destination IP', required: false },
  { key: 'length', label: 'packet length', required: false },
  { key: 'tcpSeq', label: 'TCP sequence', required: false },
  { key: 'packets', label: 'packet count (flows)', required: false },
];

export interface DataPanel {
  readonly root: HTMLElement;
  showSources(trace: string | null, labels: string | null): void;
  showPreview(preview: TracePreview): void;
  clearPreview(): void;
  showSummary(view: IngestView): void;
  setBusy(busy: boolean): void;
}

export function createDataPanel(actions: DataActions): DataPanel {
  const traceInput = el('input', { type: 'file', id: 'trace-file', accept: '.csv,.tsv,.txt,.gz,.log,.pcap,.pcapng,.cap,.json' });
  const labelsInput = el('input', { type: 'file', id: 'labels-file', accept: '.csv,.tsv,.txt' });
  const sampleButton = el('button', { type: 'button', id: 'open-sample', text: 'Open the sample' });
  const seedInput = el('input', { type: 'number', id: 'demo-seed', value: 7, min: 0, step: 1, title: 'Seed of the simulator: the same seed gives the same trace' });
  const scaleInput = el('input', { type: 'number', id: 'demo-scale', value: 0.1, min: 0.01, max: 2, step: 0.01, title: 'Scale 1 = the paper\'s one-day sizes (~3.4 M packets)' });
  const generateButton = el('button', { type: 'button', id: 'generate-demo', text: 'Generate a demo trace' });
  const sources = el('p', { class: 'sources', id: 'sources' });
  const dropZone = el('div', { class: 'drop-zone', tabindex: 0 }, 'Drop a trace (CSV, pcap, pcapng, Zeek conn.log, nfdump CSV or Suricata eve.json; gzip or not) and optionally a labels file (ip,label or prefix,label) here');

  sampleButton.addEventListener('click', () => actions.openSample());
  generateButton.addEventListener('click', () => actions.generate(Number(seedInput.value) | 0, Number(scaleInput.value)));
  traceInput.addEventListener('change', () => {
    if (traceInput.files?.[0]) actions.chooseFiles(traceInput.files[0], null);
    traceInput.value = '';
  });
  labelsInput.addEventListener('change', () => {
    if (labelsInput.files?.[0]) actions.chooseFiles(null, labelsInput.files[0]);
    labelsInput.value = '';
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('over');
    const files = Array.from(event.dataTransfer?.files ?? []);
    // A labels file is small and named like one; the trace is everything else.
    const labels = files.find((f) => /label|truth|class/i.test(f.name) && f.size < 50e6);
    const trace = files.find((f) => f !== labels) ?? null;
    if (trace || labels) actions.chooseFiles(trace, labels ?? null);
  });

  let summaryFile: string | null = null;
  const previewBlock = el('section', { id: 'preview', 'aria-label': 'Preview' });
  const summaryBlock = el('section', { id: 'ingest-summary', 'aria-label': 'Ingest summary' });

  const root = el('div', {},
    el('h2', { text: 'Data' }),
    el('div', { class: 'row' },
      sampleButton,
      el('label', {}, 'Trace ', traceInput),
      el('label', {}, 'Labels (optional) ', labelsInput),
    ),
    el('div', { class: 'row', style: 'margin-top:8px' },
      el('label', {}, 'Seed ', seedInput),
      el('label', {}, 'Scale ', scaleInput),
      generateButton,
    ),
    el('div', { style: 'margin-top:8px' }, dropZone),
    sources,
    previewBlock,
    summaryBlock,
  );

  function showPreview(preview: TracePreview): void {
    clear(previewBlock);
    if (preview.structured) return showVerdict(preview);
    const selects = new Map<keyof ColumnMapping, HTMLSelectElement>();
    const mappingGrid = el('div', { class: 'form-grid' });
    const offered = offeredColumns(preview);
    const repeated = new Set(preview.ambiguous.map((x) => x.name));
    for (const field of FIELDS) {
      const select = el('select', { id: `map-${field.key}`, 'aria-label': `Column for ${field.label}` });
      select.append(el('option', { value: -1, text: field.required ? '(choose a column)' : '(none)' }));
      for (const index of offered) {
        // A name the header repeats gets its column number, so the two can be told apart.
        const name = preview.header[index];
        select.append(el('option', { value: index, text: repeated.has(name) ? `${name} (column ${index + 1})` : name }));
      }
      select.value = String(preview.mapping[field.key]);
      selects.set(field.key, select);
      mappingGrid.append(el('label', {}, el('span', { text: field.label + (field.required ? ' *' : '') }), select));
    }
    const table = el('table', { class: 'data-table preview-table' });
    const shownColumns = Math.min(preview.header.length, TABLE_COLUMNS);
    const cut = preview.header.length > shownColumns ? ` (the first ${shownColumns} of ${formatCount(preview.header.length)} columns)` : '';
    table.append(el('caption', { text: `First ${preview.rows.length} rows of ${preview.fileName}${cut}` }));
    const head = el('tr');
    for (const name of preview.header.slice(0, shownColumns)) head.append(el('th', { scope: 'col', text: name }));
    table.append(el('thead', {}, head));
    const body = el('tbody');
    for (const row of preview.rows) {
      const tr = el('tr');
      for (const cell of row.slice(0, shownColumns)) tr.append(el('td', { text: cell }));
      body.append(tr);
    }
    table.append(body);
    const build = el('button', { type: 'button', class: 'primary', id: 'build-corpus', text: 'Build the corpus' });
    build.addEventListener('click', () => {
      const mapping = { ...preview.mapping };
      for (const [key, select] of selects) mapping[key] = Number(select.value);
      actions.buildCorpus(mapping);
    });
    const delimiterName = preview.delimiter === '\t' ? 'tab' : preview.delimiter === ' ' ? 'spaces' : `"${preview.delimiter}"`;
    const details = el('details', { open: true, id: 'preview-details' }, el('summary', { text: 'Preview and column mapping' }));
    previewBlock.append(details);
    details.append(
      el('p', { class: 'muted', text: `Format ${preview.format}${preview.gzip ? ' (gzip)' : ''}, delimiter ${delimiterName}. Check the detected columns; change any that are wrong.` }),
      mappingGrid,
      el('div', { class: 'table-scroll', style: 'max-height:200px;margin-top:8px' }, table),
      el('p', {}, build),
    );
  }

  /** A structured format: no mapping, the decoder's verdict on the first bytes. */
  function showVerdict(preview: TracePreview): void {
    const v = preview.verdict;
    const lines = [
      `Format ${preview.format}${preview.gzip ? ' (gzip)' : ''}${preview.conversions.length ? `, read as ${preview.conversions.join(', ')}` : ''}: fixed fields, no columns to map.`,
      v.error ?? `${formatCount(v.records)} records in the ${v.complete ? 'whole file' : 'first MiB'}, ${formatCount(v.skipped.total)} skipped.`,
      ...preview.warnings,
    ];
    const details = el('details', { open: true, id: 'preview-details' }, el('summary', { text: 'What the decoder found' }));
    for (const line of lines) details.append(el('p', { class: 'muted', text: line }));
    previewBlock.append(details);
  }

  function showSummary(view: IngestView): void {
    clear(summaryBlock);
    const summary = view.input;
    summaryFile = summary.file;
    // The mapping did its job; keep it one click away and the summary in view.
    const details = previewBlock.querySelector('details');
    if (details) details.open = false;
    const labels = view.labels;
    const span = summary.firstTime !== null && summary.lastTime !== null ? summary.lastTime - summary.firstTime : 0;
    const fromFile = labels.sendersLabelled - labels.mirai.labelled;
    const facts: [string, string][] = [
      ['rows read', formatCount(summary.rows)],
      ['rows skipped', formatCount(summary.rowsSkipped)],
      ['packets', formatCount(summary.packets)],
      ['senders before filter', formatCount(summary.senders)],
      ['senders after filter', formatCount(summary.sendersKept)],
      ['distinct ports', formatCount(summary.distinctPorts)],
      ['time span', summary.firstTime !== null ? `${new Date(summary.firstTime * 1000).toISOString().slice(0, 16).replace('T', ' ')} + ${(span / 3600).toFixed(1)} h` : '–'],
      ['sentences / tokens', `${formatCount(view.corpus.sentences)} / ${formatCount(view.corpus.tokens)}`],
      ['labelled senders', labels.file
        ? fromFile === 0
          ? `none: no label in ${labels.file} is for a kept sender (${formatCount(labels.notAmongKept)} labels for other addresses); the classification has nothing to learn from`
          : `${formatCount(fromFile)} from ${labels.file} (${formatCount(labels.notAmongKept)} labels not among the kept senders)`
        : 'no labels file'],
      ['Mirai fingerprint', !labels.mirai.columns
        ? 'not available: the trace has no TCP sequence number and destination address'
        : `${formatCount(labels.mirai.senders)} kept senders with TCP sequence = destination address; ${labels.mirai.enabled ? `${formatCount(labels.mirai.labelled)} of them labelled Mirai-like by it` : 'not used as a class (Parameters)'}`],
    ];
    const dl = el('dl', { class: 'facts', id: 'ingest-facts' });
    for (const [name, value] of facts) dl.append(el('div', {}, el('dt', { text: name }), el('dd', { text: value })));
    summaryBlock.append(el('h3', { text: `Ingest summary: ${summary.file}` }), dl);
    if (labels.file && labels.sendersLabelled === 0) {
      summaryBlock.append(el('p', { class: 'notice', text: `None of the ${formatCount(labels.entries)} labels in ${labels.file} matches a kept sender: there will be no k-NN report. Check that the labels are for this trace.` }));
    }
    if (summary.rowsSkipped > 0 || labels.problemCount > 0) {
      const list = el('ul', { class: 'skipped' });
      for (const [reason, n] of summary.skippedByReason) list.append(el('li', { text: `${formatCount(n)} rows: ${reason}` }));
      for (const s of summary.firstSkipped) list.append(el('li', { class: 'muted', text: `line ${s.line}: ${s.reason}` }));
      for (const s of labels.problems) list.append(el('li', { class: 'muted', text: `${labels.file} line ${s.line}: ${s.reason}` }));
      summaryBlock.append(el('details', {}, el('summary', { text: 'Skipped rows and why' }), list));
    }
    const perHour = el('div', { id: 'chart-per-hour' });
    const topPorts = el('div', { id: 'chart-top-ports' });
    const concentration = el('div', { id: 'chart-concentration' });
    summaryBlock.append(el('div', { class: 'grid3' }, perHour, topPorts, concentration));
    const hours = Array.from(summary.packetsPerHour, (_, i) => new Date((summary.hourStart + i * 3600) * 1000).toISOString().slice(0, 13).replace('T', ' ') + ':00');
    void barChart(perHour, 'Packets per hour', { x: 'hour (UTC)', y: 'packets' }, hours, summary.packetsPerHour);
    void barChart(topPorts, 'Top destination ports', { x: 'port/protocol', y: 'packets' }, summary.topPorts.map((p) => p.service), summary.topPorts.map((p) => p.packets), { categoricalX: true });
    const curve = concentrationCurve(view.packets);
    void lineChart(concentration, 'Traffic concentration (kept senders)', { x: 'top senders (% of senders)', y: 'share of packets (%)' }, [{ name: 'packets', x: curve.x, y: curve.y }]);
  }

  return {
    root,
    showSources(trace, labels) {
      // Another trace: the summary on show is of a file no longer chosen.
      if (trace !== summaryFile) {
        clear(summaryBlock);
        summaryFile = null;
      }
      sources.textContent = trace ? `Trace: ${trace}${labels ? ` · labels: ${labels}` : ' · no labels file'}` : '';
    },
    showPreview,
    clearPreview: () => clear(previewBlock),
    showSummary,
    setBusy(busy) {
      for (const b of [sampleButton, generateButton, traceInput, labelsInput]) b.disabled = busy;
      const build = previewBlock.querySelector<HTMLButtonElement>('#build-corpus');
      if (build) build.disabled = busy;
    },
  };
}

/** Columns a mapping select offers: the first SELECT_COLUMNS, and any detected beyond them (a 100,000-column header is not 800,000 options). */
export function offeredColumns(preview: Pick<TracePreview, 'header' | 'mapping'>): number[] {
  const offered = new Set<number>();
  for (let i = 0; i < Math.min(preview.header.length, SELECT_COLUMNS); i++) offered.add(i);
  for (const index of Object.values(preview.mapping)) if (index >= 0 && index < preview.header.length) offered.add(index);
  return [...offered].sort((a, b) => a - b);
}

/** Columns the preview table shows, and the mapping selects offer. */
const TABLE_COLUMNS = 32;
const SELECT_COLUMNS = 200;

/** Lorenz-style curve: share of packets sent by the busiest x% of senders. */
export function concentrationCurve(packets: ArrayLike<number>, points = 200): { x: number[]; y: number[] } {
  const sorted = Float64Array.from(packets).sort().reverse();
  let total = 0;
  for (const p of sorted) total += p;
  const x = [0];
  const y = [0];
  if (sorted.length === 0 || total === 0) return { x, y };
  let cumulative = 0;
  let next = 1;
  for (let i = 0; i < sorted.length; i++) {
    cumulative += sorted[i];
    const at = ((i + 1) / sorted.length) * points;
    if (at >= next || i === sorted.length - 1) {
      x.push(((i + 1) / sorted.length) * 100);
      y.push((cumulative / total) * 100);
      next = Math.floor(at) + 1;
    }
  }
  return { x, y };
}

