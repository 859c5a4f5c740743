// The files the Export tab writes. Pure functions of the results, so tests can
// parse what a user would download.
import type { Embedding } from '../embed/embedding.ts';
import { labelOf, type ResultsData } from './results-data.ts';

/** RFC 4180 quoting; also defuses spreadsheet formulas in user strings. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** gensim's KeyedVectors.load_word2vec_format(binary=False): "count dim", then "word v1 ... vd". */
export function word2vecText(embedding: Embedding): string {
  const { vocab, dim, vectors } = embedding;
  const lines = [`${vocab.length} ${dim}`];
  for (let i = 0; i < vocab.length; i++) {
    const row = new Array<string>(dim + 1);
    row[0] = vocab[i];
    for (let d = 0; d < dim; d++) row[d + 1] = String(vectors[i * dim + d]);
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}

/** TSV cells cannot hold tabs or newlines; the Projector splits on them. */
function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]/g, ' ');
}

export function projectorVectors(embedding: Embedding): string {
  const { vocab, dim, vectors } = embedding;
  const lines: string[] = [];
  for (let i = 0; i < vocab.length; i++) lines.push(Array.from(vectors.subarray(i * dim, (i + 1) * dim)).join('\t'));
  return lines.join('\n') + '\n';
}

export function projectorMetadata(data: ResultsData): string {
  const a = data.analysis;
  const lines = ['ip\tlabel\tcluster\tpackets\tservice\tsilhouette'];
  for (let i = 0; i < data.vocab.length; i++) {
    lines.push([data.vocab[i], labelOf(data, i), String(a.clustering.ofSender[i]), String(data.packets[i]), a.serviceNames[a.dominantService[i]] ?? '', a.clustering.silhouette[i].toFixed(4)].map(tsvCell).join('\t'));
  }
  return lines.join('\n') + '\n';
}

function predictedLabels(data: ResultsData): Map<number, { label: string; share: number }> {
  const out = new Map<number, { label: string; share: number }>();
  const p = data.analysis.classification?.predicted;
  if (!p) return out;
  for (let i = 0; i < p.sender.length; i++) out.set(p.sender[i], { label: p.label[i] >= 0 ? p.names[p.label[i]] : 'n.a.', share: p.share[i] });
  return out;
}

export function clustersCsv(data: ResultsData): string {
  const predicted = predictedLabels(data);
  const rows: (string | number)[][] = [['ip', 'cluster', 'silhouette', 'label', 'predicted_label', 'vote_share', 'packets']];
  const c = data.analysis.clustering;
  for (let i = 0; i < data.vocab.length; i++) {
    const p = predicted.get(i);
    rows.push([data.vocab[i], c.ofSender[i], Number(c.silhouette[i].toFixed(6)), data.labels.ofSender[i] >= 0 ? labelOf(data, i) : '', p?.label ?? '', p ? Number(p.share.toFixed(4)) : '', data.packets[i]]);
  }
  return csv(rows);
}

export function classificationCsv(data: ResultsData): string {
  const c = data.analysis.classification;
  if (!c) return csv([['note'], ['no labelled senders']]);
  const rows: (string | number)[][] = [['class', 'precision', 'recall', 'f1', 'support']];
  for (const r of c.classes) rows.push([r.label, r.precision, r.recall, r.f1, r.support]);
  const support = c.classes.reduce((s, r) => s + r.support, 0);
  rows.push(['accuracy', '', '', c.accuracy, support]);
  rows.push(['macro avg', c.macro.precision, c.macro.recall, c.macro.f1, c.macro.support]);
  rows.push(['weighted avg', c.weighted.precision, c.weighted.recall, c.weighted.f1, c.weighted.support]);
  return csv(rows);
}

export function jsonReport(data: ResultsData, parameters: unknown, extra: Record<string, unknown> = {}): string {
  const a = data.analysis;
  return JSON.stringify({
    generator: 'DarkVec Studio',
    parameters,
    senders: data.vocab.length,
    classification: a.classification && {
      accuracy: a.classification.accuracy,
      classes: a.classification.classes,
      macro: a.classification.macro,
      weighted: a.classification.weighted,
      confusion: { rows: a.classification.classes.map((c) => c.label), columns: a.classification.predictedColumns, counts: a.classification.confusion },
    },
    clustering: {
      clusters: a.clustering.count,
      modularity: a.clustering.modularity,
      kmeansK: a.clustering.kmeansK,
      curve: a.clustering.curve,
      summaries: a.clustering.summaries,
    },
    ...extra,
  }, null, 1);
}
