// Export: every result as a file, made in the page (nothing is uploaded), and
// saved sessions that reopen and continue with the next day's trace.
import { el } from './element.ts';
import { word2vecText, projectorVectors, projectorMetadata, clustersCsv, classificationCsv, jsonReport } from './export-files.ts';
import type { ResultsData } from './results-data.ts';
import type { TrainedModel } from './studio.ts';

export interface ExportPanel {
  readonly root: HTMLElement;
  ready(ready: boolean): void;
}

export function download(name: string, content: BlobPart, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createExportPanel(
  results: () => ResultsData | null,
  model: () => TrainedModel | null,
  parameters: () => unknown,
  fail: (title: string, e: unknown) => void,
  saveSession: () => void,
  reopen: (file: File) => void,
): ExportPanel {
  const buttons: HTMLButtonElement[] = [];
  const list = el('div', { class: 'form-grid' });
  const add = (id: string, label: string, help: string, make: (r: ResultsData, m: TrainedModel) => void) => {
    const button = el('button', { type: 'button', id: `export-${id}`, text: label, title: help, disabled: true });
    button.addEventListener('click', () => {
      const r = results();
      const m = model();
      if (!r || !m) return;
      try {
        make(r, m);
      } catch (e) {
        fail(`Could not export ${label}`, e);
      }
    });
    buttons.push(button);
    list.append(el('label', {}, button, el('small', { text: help })));
  };
  add('word2vec', 'Embeddings (word2vec text)', 'darkvec.vec: loads with gensim KeyedVectors.load_word2vec_format(path, binary=False).', (_r, m) => download('darkvec.vec', word2vecText(m.embedding)));
  add('projector-vectors', 'Projector vectors.tsv', 'For projector.tensorflow.org ("Load"): one vector per line, tab-separated.', (_r, m) => download('vectors.tsv', projectorVectors(m.embedding), 'text/tab-separated-values'));
  add('projector-metadata', 'Projector metadata.tsv', 'The matching metadata: ip, label, cluster, packets, dominant service, silhouette.', (r) => download('metadata.tsv', projectorMetadata(r), 'text/tab-separated-values'));
  add('clusters', 'Clusters CSV', 'ip, cluster, silhouette, label, predicted label, vote share, packets.', (r) => download('clusters.csv', clustersCsv(r), 'text/csv'));
  add('classification', 'Classification report CSV', 'Per class precision, recall, F1, support; accuracy; macro and weighted averages.', (r) => download('classification.csv', classificationCsv(r), 'text/csv'));
  add('report', 'JSON report', 'Parameters, classification, confusion matrix, clusters with summaries, modularity curve.', (r) => download('darkvec-report.json', jsonReport(r, parameters()), 'application/json'));
  add('session', 'Save session', 'Model, parameters and results in one file; reopen it here and continue with the next day\'s trace.', () => saveSession());

  const open = el('input', { type: 'file', id: 'open-session', accept: '.json,.darkvec' });
  open.addEventListener('change', () => {
    if (open.files?.[0]) reopen(open.files[0]);
    open.value = '';
  });
  const root = el('div', {},
    el('h2', { text: 'Export' }),
    el('p', { class: 'muted', text: 'Files are made in this page and saved by your browser; nothing is uploaded.' }),
    list,
    el('h3', { text: 'Reopen a saved session' }),
    el('label', {}, 'Session file ', open),
  );
  return {
    root,
    ready(isReady) {
      for (const b of buttons) b.disabled = !isReady;
    },
  };
}
