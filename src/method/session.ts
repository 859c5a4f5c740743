// A saved session: the page's whole state in one file (and the CLI's with
// --session), reopened by the page to explore, re-analyse or continue with the
// next day's trace. JSON in which every typed array is the base64 of its bytes
// (little-endian, as every browser and Node here), so vectors round-trip
// exactly. Versioned: older files are migrated on reading, never refused.
import type { PacketLog, SenderStats } from '../corpus/sender-stats.ts';
import type { DksDictionary } from '../corpus/services.ts';
import { FINGERPRINT_LABELS, fingerprintCounts } from '../corpus/fingerprint-labels.ts';
import { defaultParams, resolveParams, type DarkVecParams } from './params.ts';
import type { DarkVecResults, InputSummary, LabelsSummary, CorpusSummary } from './results.ts';
import { senderFingerprints } from './steps.ts';

export const SESSION_FORMAT = 'darkvec-studio-session';
export const SESSION_VERSION = 2;

/** What continuing training needs: every sender seen so far, input and output vectors. */
export interface SessionModel {
  vocab: string[];
  dim: number;
  vectors: Float32Array;
  /** Null for a model read from word2vec text (continuing then starts them at zero). */
  outputVectors: Float32Array | null;
}

export interface Session {
  savedAt: string;
  parameters: DarkVecParams;
  /** The page's view state (tab, projection, colour-by, selection, bookmarks); opaque here. */
  view: Record<string, unknown>;
  sources: { trace: string | null; labels: string | null };
  model: SessionModel;
  /** Per sender of `results.senders` (or of `summaries.input` when results are null). */
  stats: SenderStats | null;
  log: PacketLog | null;
  /** Null when the file predates the current analysis (version 1): the opener re-runs it from the vectors. */
  results: DarkVecResults | null;
  /** When results are null: what they would hold about the data (its summaries and ground truth). */
  summaries: null | { input: InputSummary | null; corpus: CorpusSummary | null; labels: LabelsSummary; labelIds: Int32Array; labelNames: string[]; vocab: string[] };
  dictionary?: DksDictionary;
  /** Added by later features (day-by-day tracks, edited labels): carried through untouched. */
  extra: Record<string, unknown>;
}

const TYPES = { Float32Array, Float64Array, Int32Array, Uint8Array, Uint32Array, Int16Array, Uint16Array, Int8Array } as const;
type TypeName = keyof typeof TYPES;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeSession(session: Session): string {
  return encodeTyped({ format: SESSION_FORMAT, version: SESSION_VERSION, ...session });
}

/** JSON in which typed arrays keep their type and bytes and non-finite numbers survive. */
export function encodeTyped(value: unknown): string {
  return JSON.stringify(value, (_key, value) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name as TypeName;
      if (!(name in TYPES)) throw new Error(`cannot save a ${name}`);
      return { $typed: name, base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
    return value;
  });
}

/** The inverse of encodeTyped; throws SyntaxError on text that is not JSON. */
export function decodeTyped(text: string): unknown {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object') {
      if (typeof value.$typed === 'string' && typeof value.base64 === 'string') {
        const Type = TYPES[value.$typed as TypeName];
        if (!Type) throw new Error(`unknown array type ${value.$typed}`);
        const bytes = fromBase64(value.base64);
        return new Type(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Type.BYTES_PER_ELEMENT);
      }
      if (typeof value.$number === 'string') return Number(value.$number);
    }
    return value;
  });
}

export function decodeSession(text: string, fileName: string): Session {
  let parsed: unknown;
  try {
    parsed = decodeTyped(text);
  } catch (e) {
    throw new Error(`${fileName}: not a DarkVec Studio session (${(e as Error).message})`);
  }
  const raw = parsed as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object' || raw.format !== SESSION_FORMAT) {
    throw new Error(`${fileName}: not a DarkVec Studio session file (no "format": "${SESSION_FORMAT}")`);
  }
  if (raw.version === 1) return migrateV1(raw, fileName);
  if (raw.version !== SESSION_VERSION) {
    throw new Error(`${fileName}: session version ${String(raw.version)} is newer than this app reads (${SESSION_VERSION}); open it with a newer DarkVec Studio`);
  }
  const s = raw as unknown as Session;
  for (const key of ['parameters', 'model'] as const) {
    if (!s[key] || typeof s[key] !== 'object') throw new Error(`${fileName}: session lacks "${key}"`);
  }
  if (!s.results && !s.summaries) throw new Error(`${fileName}: session has neither results nor summaries`);
  const stats = upgradeStats(s.stats);
  return { ...s, stats, results: upgradeResults(s.results, stats), log: upgradeLog(s.log), parameters: resolveParams(s.parameters as unknown as Record<string, unknown>, defaultParams()), extra: s.extra ?? {}, view: s.view ?? {} };
}

/**
 * Statistics saved before the scanner fingerprints were counted (only
 * Mirai's): the other counts are zero and marked unavailable, as for a trace
 * without those fields.
 */
function upgradeStats(stats: SenderStats | null): SenderStats | null {
  if (!stats) return null;
  const n = stats.packets.length;
  const zeros = () => new Int32Array(n);
  return {
    ...stats,
    zmapPackets: stats.zmapPackets ?? zeros(), hasZmapColumns: stats.hasZmapColumns ?? false,
    masscanPackets: stats.masscanPackets ?? zeros(), hasMasscanColumns: stats.hasMasscanColumns ?? false,
    backscatterPackets: stats.backscatterPackets ?? zeros(), hasBackscatterColumns: stats.hasBackscatterColumns ?? false,
  };
}

/** What sessions saved before the scanner fingerprints, the IP databases and several traces lack. */
export function upgradeInput(input: (Omit<InputSummary, 'inputs' | 'sendersInSeveral' | 'backscatterDropped'> & Partial<InputSummary>) | null): InputSummary | null {
  if (!input) return null;
  return {
    ...input,
    inputs: input.inputs ?? [{ file: input.file, format: input.format, rows: input.rows - input.rowsSkipped, packets: input.packets, senders: input.senders, sendersKept: input.sendersKept }],
    sendersInSeveral: input.sendersInSeveral ?? 0,
    backscatterDropped: input.backscatterDropped ?? { rows: 0, packets: 0 },
  };
}

export function upgradeLabels(labels: LabelsSummary, stats: SenderStats | null): LabelsSummary {
  if (labels.fingerprints) return labels;
  // Unused then; columns as the statistics say (false for statistics saved before they were counted).
  const classes = (['zmap', 'masscan', 'backscatter'] as const).map((name) => ({
    name: FINGERPRINT_LABELS[name], columns: stats ? fingerprintCounts(stats, name).columns : false, senders: 0, labelled: 0,
  }));
  return { ...labels, fingerprints: { enabled: false, classes } };
}

function upgradeResults(results: DarkVecResults | null, stats: SenderStats | null): DarkVecResults | null {
  if (!results) return null;
  const n = results.senders.vocab.length;
  const senders = results.senders;
  return {
    ...results,
    input: upgradeInput(results.input),
    labels: upgradeLabels(results.labels, stats),
    enrichment: results.enrichment ?? null,
    senders: {
      ...senders,
      fingerprints: senders.fingerprints ?? senderFingerprints(stats && stats.packets.length === n ? stats : undefined, n),
      enrichment: senders.enrichment ?? null,
      sources: senders.sources ?? null,
    },
    clustering: {
      ...results.clustering,
      summaries: results.clustering.summaries.map((c) => ({
        ...c,
        zmapShare: c.zmapShare ?? null, masscanShare: c.masscanShare ?? null, backscatterShare: c.backscatterShare ?? null,
        topAsns: c.topAsns ?? null, topCountries: c.topCountries ?? null, enrichedShare: c.enrichedShare ?? null, sourceSenders: c.sourceSenders ?? null,
      })),
    },
  };
}

/** A packet log whose rows had a Mirai flag (0/1) instead of fingerprint bits; Mirai is bit 1, so the flag is the bits. */
function upgradeLog(log: PacketLog | null): PacketLog | null {
  if (!log) return null;
  const old = log as PacketLog & { mirai?: Uint8Array };
  if (log.fingerprints || !old.mirai) return log;
  const { mirai, ...rest } = old;
  return { ...rest, fingerprints: mirai };
}

/**
 * Version 1 (the page until 2026-12) nested its parameters by step, kept the
 * model as the trainer's result, and its analysis lacked the k-NN vote of the
 * labelled senders: the data and vectors migrate, the analysis is re-run
 * (deterministic from the stored vectors, labels and seed).
 */
function migrateV1(v1: Record<string, unknown>, fileName: string): Session {
  const need = <T>(key: string): T => {
    if (v1[key] === undefined) throw new Error(`${fileName}: version-1 session lacks "${key}"`);
    return v1[key] as T;
  };
  const p = need<{ corpus: Record<string, unknown>; train: Record<string, unknown>; analysis: Record<string, unknown> }>('parameters');
  const parameters = resolveParams({
    services: p.corpus.services, topPorts: p.corpus.topPorts, window: p.corpus.window, minPackets: p.corpus.minPackets,
    mirai: p.corpus.miraiClass !== false,
    context: p.train.window, dim: p.train.size, epochs: p.train.epochs, negatives: p.train.negatives, seed: p.train.seed, threads: p.train.threads,
    k: p.analysis.k, graphK: p.analysis.graphK, curveMaxK: p.analysis.curveMaxK,
  }, defaultParams());
  const vocab = need<string[]>('vocab');
  const dim = need<number>('dim');
  const state = v1.modelState as { embedding?: { vocab: string[]; dim: number; vectors: Float32Array }; outputVectors?: Float32Array } | undefined;
  const model: SessionModel = state?.embedding
    ? { vocab: state.embedding.vocab, dim: state.embedding.dim, vectors: state.embedding.vectors, outputVectors: state.outputVectors ?? null }
    : { vocab, dim, vectors: need<Float32Array>('vectors'), outputVectors: null };
  const summary = need<Record<string, unknown>>('summary');
  const labels = need<{ names: string[]; ofSender: Int32Array }>('labels');
  const mirai = summary.mirai as { columns: boolean; senders: number; labelled: number } | undefined;
  const hours = summary.packetsPerHour as Float64Array | undefined;
  const input: InputSummary = upgradeInput({
    file: String(summary.fileName ?? v1.trace ?? ''),
    format: 'unknown',
    rows: Number(summary.rows ?? 0),
    rowsSkipped: Number(summary.skipped ?? 0),
    skippedByReason: (summary.skippedByReason as [string, number][]) ?? [],
    firstSkipped: (summary.firstSkipped as { line: number; reason: string }[]) ?? [],
    packets: Number(summary.packets ?? 0),
    senders: Number(summary.sendersBefore ?? 0),
    sendersKept: Number(summary.sendersAfter ?? vocab.length),
    packetsKept: Array.from(need<Int32Array>('packets')).reduce((a, b) => a + b, 0),
    distinctPorts: Number(summary.ports ?? 0),
    firstTime: typeof summary.firstTs === 'number' ? summary.firstTs : null,
    lastTime: typeof summary.lastTs === 'number' ? summary.lastTs : null,
    hourStart: Number(summary.hourStart ?? 0),
    packetsPerHour: hours ?? new Float64Array(0),
    topPorts: ((summary.topPorts as { label: string; packets: number }[]) ?? []).map((t) => ({ service: t.label, packets: t.packets })),
    warnings: [],
  })!;
  const problems = (summary.labelProblems as { line: number; reason: string }[]) ?? [];
  const stats = upgradeStats((v1.stats as SenderStats) ?? null);
  return {
    savedAt: String(v1.savedAt ?? ''),
    parameters,
    view: {},
    sources: { trace: input.file || null, labels: (summary.labelsFile as string | undefined) ?? null },
    model,
    stats,
    log: upgradeLog((v1.log as PacketLog) ?? null),
    results: null,
    summaries: {
      input,
      corpus: { serviceNames: [], sentences: Number(summary.sentences ?? 0), tokens: Number(summary.tokens ?? 0) },
      labels: upgradeLabels({
        file: (summary.labelsFile as string | undefined) ?? null,
        entries: 0,
        sendersLabelled: Number(summary.labelled ?? 0),
        notAmongKept: Number(summary.labelsIgnored ?? 0),
        problems,
        problemCount: problems.length,
        mirai: { enabled: parameters.mirai, columns: mirai?.columns ?? false, senders: mirai?.senders ?? 0, labelled: mirai?.labelled ?? 0 },
      } as Omit<LabelsSummary, 'fingerprints'> as LabelsSummary, stats),
      labelIds: labels.ofSender,
      labelNames: labels.names,
      vocab,
    },
    extra: {},
  };
}
