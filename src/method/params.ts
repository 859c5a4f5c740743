// The DarkVec method's parameters, once: names, the paper's defaults, bounds
// and help text. The page's Parameters panel, the CLI's option parser and its
// --help, the saved session and the report all read this table (as squoosh's
// features read their meta.ts), so a default or a bound changed here changes
// every front end and the docs together.
import { SERVICES_MODES, type ServicesMode } from '../corpus/services.ts';
import { MAX_NEGATIVES } from '../embed/skip-gram-params.ts';

export type { ServicesMode };

export interface DarkVecParams {
  // corpus
  services: ServicesMode;
  topPorts: number;
  window: number;
  minPackets: number;
  dropBackscatter: boolean;
  mirai: boolean;
  fingerprints: boolean;
  // training
  context: number;
  dim: number;
  epochs: number;
  negatives: number;
  seed: number;
  threads: number;
  sharedNegatives: boolean;
  // analysis
  k: number;
  graphK: number;
  curveMaxK: number;
  kmeans: boolean;
  // day by day
  memoryDays: number;
  forgetDays: number;
}

export type ParamKey = keyof DarkVecParams;
export type ParamGroup = 'corpus' | 'training' | 'analysis' | 'days';

interface SpecBase<K extends ParamKey> {
  key: K;
  group: ParamGroup;
  /** Short name on the page. */
  label: string;
  /** One or two sentences: the page shows it under the field, the CLI in --help. */
  help: string;
  /** CLI flag without the dashes, and an optional one-letter alias. */
  flag: string;
  short?: string;
}

export interface IntSpec<K extends ParamKey> extends SpecBase<K> {
  kind: 'int';
  default: number;
  min: number;
  max: number;
}

export interface NumberSpec<K extends ParamKey> extends SpecBase<K> {
  kind: 'number';
  default: number;
  /** Exclusive lower bound. */
  above: number;
  max: number;
}

export interface ChoiceSpec<K extends ParamKey> extends SpecBase<K> {
  kind: 'choice';
  default: string;
  choices: readonly string[];
  /** Page text of each choice. */
  choiceLabels: Record<string, string>;
}

export interface BooleanSpec<K extends ParamKey> extends SpecBase<K> {
  kind: 'boolean';
  default: boolean;
}

export type ParamSpec = {
  [K in ParamKey]: DarkVecParams[K] extends boolean ? BooleanSpec<K> : DarkVecParams[K] extends number ? IntSpec<K> | NumberSpec<K> : ChoiceSpec<K>;
}[ParamKey];

/** Default of `threads`: the host's cores (the table cannot know them). */
export const ALL_CORES = 0;

export const PARAMS: readonly ParamSpec[] = [
  {
    key: 'services', group: 'corpus', kind: 'choice', flag: 'services', label: 'services', default: 'dks', choices: SERVICES_MODES,
    choiceLabels: {
      dks: 'DKS: domain-knowledge services (~15 + port ranges)',
      auto: 'auto: top-N port/protocol pairs',
      single: 'single: one service for everything',
      hybrid: 'hybrid: auto + DKS corpora',
    },
    help: 'How packets are grouped into "languages": one sentence per service and time window (the paper\'s best: DKS).',
  },
  {
    key: 'topPorts', group: 'corpus', kind: 'int', flag: 'top-ports', label: 'top-N ports (auto)', default: 10, min: 1, max: 5000,
    help: 'auto and hybrid services: the N most frequent port/protocol pairs each form a service, the rest is "other".',
  },
  {
    key: 'window', group: 'corpus', kind: 'number', flag: 'window', label: 'time window (s)', default: 3600, above: 0, max: 31_536_000,
    help: 'One sentence per service and window of this many seconds (the paper: 3600, one hour).',
  },
  {
    key: 'minPackets', group: 'corpus', kind: 'int', flag: 'min-packets', label: 'minimum packets per sender', default: 10, min: 1, max: 1_000_000_000,
    help: 'Senders with fewer packets are dropped before training (the paper: 10 over the whole trace; day by day: 6 per day).',
  },
  {
    key: 'dropBackscatter', group: 'corpus', kind: 'boolean', flag: 'drop-backscatter', label: 'drop backscatter', default: false,
    help: 'Leave out replies (TCP SYN-ACK, RST, RST-ACK; ICMP echo reply, unreachable, time exceeded) before anything is counted: they are backscatter of spoofed attacks, not scans.',
  },
  {
    key: 'mirai', group: 'corpus', kind: 'boolean', flag: 'mirai', label: 'Mirai fingerprint as a class', default: true,
    help: 'Senders whose TCP sequence number equals the destination IPv4 address (the Mirai fingerprint) get the label Mirai-like, as in the paper; a label from the labels file wins. Needs tcp_seq and dst_ip columns, or a pcap.',
  },
  {
    key: 'fingerprints', group: 'corpus', kind: 'boolean', flag: 'fingerprints', label: 'scanner fingerprints as classes', default: false,
    help: 'Also the classes ZMap (IP ID 54321), Masscan (IP ID = destination xor port xor sequence) and Backscatter (replies), each for senders with most of their packets so; a label from the labels file wins. Needs IP IDs and TCP flags (pcap, or ip_id and tcp_flags columns).',
  },
  {
    key: 'context', group: 'training', kind: 'int', flag: 'context', short: 'c', label: 'context window c', default: 25, min: 1, max: 1000,
    help: 'Skip-gram context: up to c senders before and after (the paper: 25 for DKS, 50 auto, 75 single).',
  },
  {
    key: 'dim', group: 'training', kind: 'int', flag: 'size', short: 'e', label: 'vector size V', default: 50, min: 2, max: 1024,
    help: 'Dimensions of each sender vector (the paper: 50).',
  },
  {
    key: 'epochs', group: 'training', kind: 'int', flag: 'epochs', label: 'epochs', default: 20, min: 1, max: 1000,
    help: 'Passes over the corpus (the paper: 20); a model continued with the next day\'s trace trains 1 (i-DarkVec).',
  },
  {
    key: 'negatives', group: 'training', kind: 'int', flag: 'negative', label: 'negative samples', default: 5, min: 1, max: MAX_NEGATIVES,
    help: 'Negative samples per context pair (the paper and word2vec: 5).',
  },
  {
    key: 'seed', group: 'training', kind: 'int', flag: 'seed', label: 'seed', default: 15, min: 0, max: 2 ** 31 - 1,
    help: 'Seed of every random choice (training, Louvain, k-means, UMAP): the same seed, data and settings give the same results with one thread.',
  },
  {
    key: 'threads', group: 'training', kind: 'int', flag: 'threads', label: 'threads', default: ALL_CORES, min: 0, max: 64,
    help: 'Workers training in parallel over one shared memory, and running the analysis\'s neighbour search, silhouettes and k-means; 0 = all cores. The page needs cross-origin isolation for more than one.',
  },
  {
    key: 'sharedNegatives', group: 'training', kind: 'boolean', flag: 'shared-negatives', label: 'shared negatives (faster, approximate)', default: false,
    help: 'One set of negative samples per centre position serves all its context pairs instead of a set per pair: fewer random draws and rows written by both threads, so two threads scale; an approximation of word2vec\'s sampling, off by default (speed and accuracy side by side: npm run bench -- train).',
  },
  {
    key: 'k', group: 'analysis', kind: 'int', flag: 'k', label: 'classifier k', default: 7, min: 1, max: 100,
    help: 'Neighbours voting in the leave-one-out k-NN classifier (the paper: 7).',
  },
  {
    key: 'graphK', group: 'analysis', kind: 'int', flag: 'graph-k', label: 'graph k', default: 3, min: 1, max: 50,
    help: 'Neighbours per sender in the k-NN graph that Louvain clusters (the paper: 3, from the modularity curve).',
  },
  {
    key: 'curveMaxK', group: 'analysis', kind: 'int', flag: 'curve-k', label: 'modularity curve up to k', default: 14, min: 0, max: 50,
    help: 'Modularity and cluster count of Louvain on the k-NN graph for k = 1 .. this value (the paper: 14); 0 skips the curve.',
  },
  {
    key: 'kmeans', group: 'analysis', kind: 'boolean', flag: 'kmeans', label: 'k-means for comparison', default: true,
    help: 'Also k-means with as many clusters as Louvain found, compared by silhouette (the paper\'s comparison).',
  },
  {
    key: 'memoryDays', group: 'days', kind: 'int', flag: 'memory-days', label: 'track memory (days)', default: 15, min: 0, max: 3650,
    help: 'Day by day: a cluster track absent for up to this many days that matches again reappears with its old id (NovTrack\'s re-emergence memory).',
  },
  {
    key: 'forgetDays', group: 'days', kind: 'int', flag: 'forget-days', label: 'forget senders after (days)', default: 30, min: 0, max: 3650,
    help: 'Day by day: the tracker forgets a sender unseen for more than this many days (NovTrack\'s cache); 0 = never.',
  },
];

const BY_KEY = new Map(PARAMS.map((p) => [p.key, p]));

export function paramSpec(key: ParamKey): ParamSpec {
  return BY_KEY.get(key)!;
}

/** The paper's settings; `threads` = `cores` (the host's). */
export function defaultParams(cores = 1): DarkVecParams {
  const p = Object.fromEntries(PARAMS.map((s) => [s.key, s.default])) as unknown as DarkVecParams;
  p.threads = Math.max(1, cores);
  return p;
}

/** Thrown for a value outside its bounds; names the parameter as the front end shows it. */
export class ParamError extends Error {
  constructor(readonly key: ParamKey, message: string) {
    super(message);
  }
}

/**
 * Checks one value and returns it typed; `name` is how the caller names the
 * parameter in the message (the CLI: "--negative", the page: its label).
 */
export function checkParam<K extends ParamKey>(key: K, value: unknown, name: string = paramSpec(key).label): DarkVecParams[K] {
  const spec = paramSpec(key);
  const fail = (why: string): never => {
    throw new ParamError(key, `${name} ${why}, got ${JSON.stringify(value)}`);
  };
  switch (spec.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be true or false');
      return value as DarkVecParams[K];
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) fail(`must be one of ${spec.choices.join(', ')}`);
      return value as DarkVecParams[K];
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('must be a whole number');
      if ((value as number) < spec.min || (value as number) > spec.max) fail(`must be from ${spec.min} to ${spec.max}`);
      return value as DarkVecParams[K];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('must be a number');
      if ((value as number) <= spec.above || (value as number) > spec.max) fail(`must be greater than ${spec.above} and at most ${spec.max}`);
      return value as DarkVecParams[K];
  }
}

/** Every value checked; missing keys take `base`'s. Unknown keys are ignored (older or newer sessions). */
export function resolveParams(values: Partial<Record<string, unknown>>, base: DarkVecParams): DarkVecParams {
  const out = { ...base };
  for (const spec of PARAMS) {
    const v = values[spec.key];
    if (v !== undefined) (out as Record<string, unknown>)[spec.key] = checkParam(spec.key, v);
  }
  return out;
}

/** `threads` as asked, where 0 means all `cores`. */
export function threadsFor(params: Pick<DarkVecParams, 'threads'>, cores: number): number {
  return params.threads === ALL_CORES ? Math.max(1, cores) : params.threads;
}

/** The per-day filter of a day-by-day run when the user gave none (NovTrack and i-DarkVec: 6). */
export const DAILY_MIN_PACKETS = 6;

/** i-DarkVec: a model continued with a later day's corpus trains one epoch; the first day trains them all. */
export function epochsFor(params: Pick<DarkVecParams, 'epochs'>, continuing: boolean): number {
  return continuing ? 1 : params.epochs;
}

/** The neighbour lists an analysis needs: the largest k of any consumer (classifier, graph, curve, UMAP). */
export const UMAP_NEIGHBOURS = 15;
export function neighboursNeeded(params: Pick<DarkVecParams, 'k' | 'graphK' | 'curveMaxK'>): number {
  // UMAP's 15 neighbours include the point itself.
  return Math.max(params.k, params.graphK, params.curveMaxK, UMAP_NEIGHBOURS - 1);
}
