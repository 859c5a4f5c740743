// Parameters: every field explains itself on hover and below; the paper's
// settings are one click away; the DKS dictionary is viewable and editable.
import { el } from './element.ts';
import type { AnalysisParams, CorpusOptions, ServicesMode, TrainParams } from '../workers/pipeline-types.ts';

export interface Parameters {
  corpus: Omit<CorpusOptions, 'mapping'>;
  train: TrainParams;
  analysis: AnalysisParams;
}

export function paperSettings(threads: number): Parameters {
  return {
    corpus: { services: 'dks', topPorts: 10, window: 3600, minPackets: 10, miraiClass: true },
    train: { window: 25, size: 50, epochs: 20, negatives: 5, seed: 15, threads },
    analysis: { k: 7, graphK: 3, curveMaxK: 14, seed: 15 },
  };
}

interface FieldSpec {
  id: string;
  label: string;
  help: string;
  min: number;
  max: number;
  step?: number;
  get(p: Parameters): number;
  set(p: Parameters, v: number): void;
}

const FIELDS: FieldSpec[] = [
  { id: 'top-ports', label: 'top-N ports (auto)', help: 'auto and hybrid services: the N most frequent port/protocol pairs each form a service, the rest is "other".', min: 1, max: 5000, get: (p) => p.corpus.topPorts, set: (p, v) => (p.corpus.topPorts = v) },
  { id: 'window', label: 'time window (s)', help: 'One sentence per service and window of this many seconds (the paper: 3600, one hour).', min: 1, max: 86400, get: (p) => p.corpus.window, set: (p, v) => (p.corpus.window = v) },
  { id: 'min-packets', label: 'minimum packets per sender', help: 'Senders with fewer packets over the whole trace are dropped before training (the paper: 10).', min: 1, max: 1e6, get: (p) => p.corpus.minPackets, set: (p, v) => (p.corpus.minPackets = v) },
  { id: 'context', label: 'context window c', help: 'Skip-gram context: up to c senders before and after (the paper: 25 for DKS, 50 auto, 75 single).', min: 1, max: 200, get: (p) => p.train.window, set: (p, v) => (p.train.window = v) },
  { id: 'size', label: 'vector size V', help: 'Dimensions of each sender vector (the paper: 50).', min: 2, max: 300, get: (p) => p.train.size, set: (p, v) => (p.train.size = v) },
  { id: 'epochs', label: 'epochs', help: 'Passes over the corpus (the paper: 20). Fewer trains faster and a little less well.', min: 1, max: 100, get: (p) => p.train.epochs, set: (p, v) => (p.train.epochs = v) },
  { id: 'negatives', label: 'negative samples', help: 'Negative samples per context pair (the paper and word2vec: 5).', min: 1, max: 30, get: (p) => p.train.negatives, set: (p, v) => (p.train.negatives = v) },
  { id: 'seed', label: 'seed', help: 'Seed of every random choice: the same seed, data and settings give the same results (with one thread).', min: 0, max: 2 ** 31 - 1, get: (p) => p.train.seed, set: (p, v) => ((p.train.seed = v), (p.analysis.seed = v)) },
  { id: 'threads', label: 'training threads', help: 'Workers training in parallel (Hogwild) over one shared memory; the analysis (neighbours, silhouettes, k-means) uses as many. Needs a cross-origin isolated page; otherwise one. With few senders (a few thousand) the training threads contend for the same vectors and one thread can be faster.', min: 1, max: 64, get: (p) => p.train.threads, set: (p, v) => (p.train.threads = v) },
  { id: 'knn-k', label: 'classifier k', help: 'Neighbours voting in the k-NN classifier (the paper: 7).', min: 1, max: 100, get: (p) => p.analysis.k, set: (p, v) => (p.analysis.k = v) },
  { id: 'graph-k', label: 'graph k', help: 'Neighbours per sender in the k-NN graph Louvain clusters (the paper: 3, from the modularity curve).', min: 1, max: 50, get: (p) => p.analysis.graphK, set: (p, v) => (p.analysis.graphK = v) },
  { id: 'curve-k', label: 'modularity curve up to k', help: 'The modularity and cluster-count curve is computed for graph k = 1 .. this value (the paper: 14).', min: 1, max: 30, get: (p) => p.analysis.curveMaxK, set: (p, v) => (p.analysis.curveMaxK = v) },
];

export interface ParametersPanel {
  readonly root: HTMLElement;
  read(): Parameters;
  write(p: Parameters): void;
}

export function createParametersPanel(defaults: Parameters, bundledDictionary: string, onError: (title: string, detail: string) => void): ParametersPanel {
  const services = el('select', { id: 'services', title: 'How packets are grouped into "languages": one sentence per service and time window.' },
    el('option', { value: 'dks', text: 'DKS: domain-knowledge services (~15 + port ranges)' }),
    el('option', { value: 'auto', text: 'auto: top-N port/protocol pairs' }),
    el('option', { value: 'single', text: 'single: one service for everything' }),
    el('option', { value: 'hybrid', text: 'hybrid: auto + DKS corpora' }),
  );
  const inputs = new Map<string, HTMLInputElement>();
  const miraiHelp = 'Senders whose TCP sequence number equals the destination IPv4 address (the Mirai fingerprint) get the label Mirai-like, as in the paper; a label from your labels file wins. Needs tcp_seq and dst_ip columns, or a pcap.';
  const mirai = el('input', { type: 'checkbox', id: 'param-mirai', title: miraiHelp, style: 'justify-self:start;width:auto' });
  const grid = el('div', { class: 'form-grid' },
    el('label', { title: services.title }, el('span', { text: 'services' }), services, el('small', { text: 'The paper\'s best: DKS.' })),
    el('label', { title: miraiHelp }, el('span', { text: 'Mirai fingerprint as a class' }), mirai, el('small', { text: miraiHelp })),
  );
  for (const field of FIELDS) {
    const input = el('input', { type: 'number', id: `param-${field.id}`, min: field.min, max: field.max, step: field.step ?? 1, title: field.help, required: true });
    inputs.set(field.id, input);
    grid.append(el('label', { title: field.help }, el('span', { text: field.label }), input, el('small', { text: field.help })));
  }
  const dictionary = el('textarea', { class: 'dictionary', id: 'dks-dictionary', spellcheck: 'false', 'aria-label': 'DKS dictionary (JSON)' });
  dictionary.value = bundledDictionary;
  const resetDictionary = el('button', { type: 'button', text: 'Restore the bundled dictionary' });
  resetDictionary.addEventListener('click', () => (dictionary.value = bundledDictionary));
  const preset = el('button', { type: 'button', id: 'paper-preset', text: 'Paper settings' });
  preset.title = 'DKS services, c = 25, V = 50, 20 epochs, k = 7, graph k = 3';
  preset.addEventListener('click', () => write(paperSettings(defaults.train.threads)));

  const root = el('div', {},
    el('h2', { text: 'Parameters' }),
    el('p', { class: 'row' }, preset, el('span', { class: 'muted', text: preset.title })),
    grid,
    el('details', {}, el('summary', { text: 'DKS dictionary (JSON, editable)' }),
      el('p', { class: 'muted', text: 'Service name -> list of "port/proto" entries. Ports not listed fall back to unk_sys (0-1023), unk_usr (1024-49151), unk_eph (49152-65535); ICMP is its own service.' }),
      dictionary, resetDictionary),
  );

  function write(p: Parameters): void {
    services.value = p.corpus.services;
    mirai.checked = p.corpus.miraiClass !== false;
    for (const field of FIELDS) inputs.get(field.id)!.value = String(field.get(p));
  }

  function read(): Parameters {
    const p = structuredClone(defaults);
    p.corpus.services = services.value as ServicesMode;
    p.corpus.miraiClass = mirai.checked;
    for (const field of FIELDS) {
      const input = inputs.get(field.id)!;
      const value = Number(input.value);
      if (!Number.isFinite(value) || value < field.min || value > field.max || !Number.isInteger(value)) {
        onError(`Parameter "${field.label}" is not valid`, `Enter a whole number from ${field.min} to ${field.max} (now: "${input.value}").`);
        input.focus();
        throw new Error(`invalid parameter ${field.id}`);
      }
      field.set(p, value);
    }
    if (dictionary.value.trim() !== bundledDictionary.trim()) {
      try {
        JSON.parse(dictionary.value);
      } catch (e) {
        onError('The DKS dictionary is not valid JSON', `${(e as Error).message}. Fix it or restore the bundled dictionary.`);
        throw e;
      }
      p.corpus.dictionary = dictionary.value;
    }
    return p;
  }

  write(defaults);
  return { root, read, write };
}
