// Data: pick, drop, open the sample or generate a trace (and more traces of
// the same days, e.g. a honeypot log); check the detected columns; add IP
// databases (ASN, country); see what the ingest kept and skipped, and who the
// senders are.
import { el, clear, formatCount, formatSeconds } from './element.ts';
import { barChart, lineChart } from './charts.ts';
import type { ColumnMapping } from '../ingest/column-mapping.ts';
import type { EnrichmentSummary } from '../method/results.ts';
import type { EnrichView, IngestView, TracePreview } from '../workers/bridge.ts';

export interface DataActions {
  openSample(): void;
  generate(seed: number, scale: number): void;
  /** A trace, a labels file, or both at once (one drop of two files is one choice); a drop of several traces adds the others. */
  chooseFiles(trace: File | null, labels: File | null, extraTraces?: File[]): void;
  /** Another trace of the same days, embedded with the current one. */
  addTrace(file: File): void;
  buildCorpus(mapping: ColumnMapping): void;
  addDatabases(files: File[]): void;
  clearDatabases(): void;
}

/** What each structured format is, as the preview says it. */
const FORMAT_NAMES: Record<string, string> = {
  pcap: 'a pcap capture (packet headers: ports, sequence numbers, IP IDs, TCP flags)',
  pcapng: 'a pcapng capture (packet headers: ports, sequence numbers, IP IDs, TCP flags)',
  parquet: 'a Parquet trace (columns found by the CSV names and aliases, read one row group at a time)',
  cowrie: 'a Cowrie honeypot JSON log (each event one occurrence of its src_ip, TCP to its session\'s port)',
  zeek: 'a Zeek conn.log (one flow per line)',
  suricata: 'a Suricata eve.json (one flow per event)',
  nfdump: 'an nfdump CSV (one flow per line)',
  'raw trace': 'a raw text trace',
};

/** File names that say "IP database": .mmdb, ip2asn, prefix2as, GeoLite/GeoIP/DB-IP, or a word asn/geo. */
export const DATABASE_NAME = /\.mmdb(\.gz)?$|ip2asn|pfx2as|prefix2as|geolite|geoip|dbip|(^|[^a-z])(asn|geo)([^a-z]|$)/i;
const LABELS_NAME = /label|truth|class/i;

/** A drop of several files: labels, IP databases and traces, by name (labels and databases are small and named like them). */
export function sortDrop(files: readonly File[]): { labels: File | null; databases: File[]; traces: File[] } {
  const labels = files.find((f) => LABELS_NAME.test(f.name) && f.size < 50e6) ?? null;
  const databases = files.filter((f) => f !== labels && DATABASE_NAME.test(f.name));
  const traces = files.filter((f) => f !== labels && !databases.includes(f));
  return { labels, databases, traces };
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
  { key: 'ipId', label: 'IP ID (ZMap, Masscan)', required: false },
  { key: 'tcpFlags', label: 'TCP flags (backscatter)', required: false },
  { key: 'icmpType', label: 'ICMP type (backscatter)', required: false },
];

export interface DataPanel {
  readonly root: HTMLElement;
  showSources(trace: string | null, labels: string | null): void;
  showPreview(preview: TracePreview): void;
  clearPreview(): void;
  showSummary(view: IngestView): void;
  /** The databases held and what they gave the current senders. */
  showDatabases(view: EnrichView): void;
  setBusy(busy: boolean): void;
}

export function createDataPanel(actions: DataActions): DataPanel {
  const traceAccept = '.csv,.tsv,.txt,.gz,.log,.pcap,.pcapng,.cap,.json,.jsonl,.ndjson,.parquet,.pq';
  const traceInput = el('input', { type: 'file', id: 'trace-file', accept: traceAccept });
  const extraTraceInput = el('input', { type: 'file', id: 'extra-trace-file', accept: traceAccept, title: 'A second trace of the same days (e.g. a Cowrie honeypot log next to a darknet trace): both make one corpus' });
  const labelsInput = el('input', { type: 'file', id: 'labels-file', accept: '.csv,.tsv,.txt' });
  const databaseInput = el('input', { type: 'file', id: 'ip-database', multiple: true, accept: '.tsv,.txt,.gz,.mmdb,.pfx2as,.csv', title: 'ip2asn TSV, CAIDA prefix2as or MaxMind/DB-IP .mmdb (ASN and/or country); read in a worker, nothing leaves the page' });
  const clearDatabasesButton = el('button', { type: 'button', id: 'clear-databases', text: 'Remove the databases', hidden: true });
  const databaseList = el('ul', { id: 'databases', class: 'muted' });
  const sampleButton = el('button', { type: 'button', id: 'open-sample', text: 'Open the sample' });
  const seedInput = el('input', { type: 'number', id: 'demo-seed', value: 7, min: 0, step: 1, title: 'Seed of the simulator: the same seed gives the same trace' });
  const scaleInput = el('input', { type: 'number', id: 'demo-scale', value: 0.1, min: 0.01, max: 2, step: 0.01, title: 'Scale 1 = the paper\'s one-day sizes (~3.4 M packets)' });
  const generateButton = el('button', { type: 'button', id: 'generate-demo', text: 'Generate a demo trace' });
  const sources = el('p', { class: 'sources', id: 'sources' });
  const dropZone = el('div', { class: 'drop-zone', id: 'drop-zone', tabindex: 0 },
    'Drop a trace here (CSV, pcap, pcapng, Zeek conn.log, nfdump CSV, Suricata eve.json, Cowrie JSON log or Parquet; gzip or not), a second trace of the same days, a labels file (ip,label or prefix,label; named like "labels") and IP databases (ip2asn, prefix2as or .mmdb; named like them)');

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
  extraTraceInput.addEventListener('change', () => {
    if (extraTraceInput.files?.[0]) actions.addTrace(extraTraceInput.files[0]);
    extraTraceInput.value = '';
  });
  databaseInput.addEventListener('change', () => {
    const files = Array.from(databaseInput.files ?? []);
    if (files.length) actions.addDatabases(files);
    databaseInput.value = '';
  });
  clearDatabasesButton.addEventListener('click', () => actions.clearDatabases());
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('over');
    const { labels, databases, traces } = sortDrop(Array.from(event.dataTransfer?.files ?? []));
    // Databases first: the corpus the drop builds is then looked up at once.
    if (databases.length) actions.addDatabases(databases);
    if (traces.length || labels) actions.chooseFiles(traces[0] ?? null, labels, traces.slice(1));
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
      el('label', {}, 'Add a trace of the same days (e.g. a honeypot log) ', extraTraceInput),
    ),
    el('div', { class: 'row', style: 'margin-top:8px' },
      el('label', {}, 'IP databases (ASN, country) ', databaseInput),
      clearDatabasesButton,
    ),
    databaseList,
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
      el('p', { id: 'preview-format', class: 'muted', text: `${preview.fileName}: recognised as delimited text${preview.gzip ? ' (gzip)' : ''}, delimiter ${delimiterName}. Check the detected columns; change any that are wrong.` }),
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
    // What was recognised, in words: the corpus is built at once.
    details.append(el('p', { id: 'preview-format', text: `${preview.fileName}: recognised as ${FORMAT_NAMES[preview.format] ?? preview.format}. Its fields are known, so there are no columns to map: building the corpus.` }));
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
    const fingerprints = labels.fingerprints ?? { enabled: false, classes: [] };
    const fromFile = labels.sendersLabelled - labels.mirai.labelled - fingerprints.classes.reduce((n, c) => n + c.labelled, 0);
    const inputs = summary.inputs ?? [];
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
      ['scanner fingerprints', fingerprintText(fingerprints)],
    ];
    if (inputs.length > 1) {
      facts.unshift(['traces', `${inputs.map((i) => `${i.file} (${i.format}, ${formatCount(i.sendersKept)} kept senders)`).join(' + ')}; ${formatCount(summary.sendersInSeveral)} kept senders in ${inputs.length === 2 ? 'both' : 'more than one'}`]);
    }
    if (summary.backscatterDropped && summary.backscatterDropped.rows > 0) {
      facts.push(['backscatter dropped', `${formatCount(summary.backscatterDropped.rows)} rows, ${formatCount(summary.backscatterDropped.packets)} packets`]);
    }
    const dl = el('dl', { class: 'facts', id: 'ingest-facts' });
    for (const [name, value] of facts) dl.append(el('div', {}, el('dt', { text: name }), el('dd', { text: value })));
    enrichmentFact.textContent = enrichmentText(view.enrichment, view.lookupSeconds);
    dl.append(el('div', {}, el('dt', { text: 'IP databases' }), enrichmentFact));
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

  const enrichmentFact = el('dd', { id: 'enrichment-fact' });

  return {
    root,
    showDatabases(view) {
      clear(databaseList);
      for (const db of view.databases) databaseList.append(el('li', { text: `${db.file}: ${db.format}, ${db.detail}` }));
      clearDatabasesButton.hidden = view.databases.length === 0;
      if (view.databases.length && view.loadSeconds > 0) databaseList.append(el('li', { text: `read in ${formatSeconds(view.loadSeconds)} in the page's worker` }));
      enrichmentFact.textContent = view.databases.length ? enrichmentText(view.summary, view.lookupSeconds) : enrichmentText(null, null);
    },
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
      for (const b of [sampleButton, generateButton, traceInput, labelsInput, extraTraceInput, databaseInput]) b.disabled = busy;
      const build = previewBlock.querySelector<HTMLButtonElement>('#build-corpus');
      if (build) build.disabled = busy;
    },
  };
}

/** The enriched senders as the data summary says it. */
export function enrichmentText(e: EnrichmentSummary | null, lookupSeconds: number | null): string {
  if (!e) return 'none: add an ip2asn, prefix2as or .mmdb file above to see who the senders are';
  // A lookup of a few thousand senders takes milliseconds: shown to 0.1 ms.
  const time = lookupSeconds !== null ? `; looked up in ${lookupSeconds < 1 ? `${(1000 * lookupSeconds).toFixed(1)} ms` : formatSeconds(lookupSeconds)}` : '';
  return `${formatCount(e.enriched)} of ${formatCount(e.senders)} kept senders enriched (AS number ${formatCount(e.withAsn)}, country ${formatCount(e.withCountry)}) from ${e.databases.map((d) => d.file).join(', ')}${time}`;
}

function fingerprintText(f: { enabled: boolean; classes: { name: string; columns: boolean; senders: number; labelled: number }[] }): string {
  const shown = f.classes.filter((c) => c.columns);
  if (shown.length === 0) return 'not available: the trace has no IP IDs, TCP flags or ICMP types';
  const counts = shown.map((c) => `${c.name} ${formatCount(c.senders)}`).join(', ');
  return `${counts} kept senders; ${f.enabled ? `labelled as classes: ${shown.map((c) => `${c.name} ${formatCount(c.labelled)}`).join(', ')}` : 'not used as classes (Parameters)'}`;
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

