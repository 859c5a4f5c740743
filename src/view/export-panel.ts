// Export: every file `darkvec analyze` writes, made by the same writers in the
// page's worker (nothing is uploaded), and saved sessions that reopen and
// continue with the next day's trace.
import { el } from './element.ts';
import type { OutputName } from '../method/outputs.ts';

export interface ExportPanel {
  readonly root: HTMLElement;
  /** Enables the files these results have (classification.csv needs labels). */
  ready(available: readonly OutputName[] | null): void;
}

export interface ExportActions {
  exportFile(name: OutputName): void;
  saveSession(): void;
  reopen(file: File): void;
}

/** The Export tab's files, in the order shown; ids are `export-<id>`. */
export const EXPORTS: { name: OutputName; id: string; label: string; help: string }[] = [
  { name: 'embeddings.txt', id: 'word2vec', label: 'Embeddings (word2vec text)', help: 'embeddings.txt: loads with gensim KeyedVectors.load_word2vec_format(path, binary=False).' },
  { name: 'vectors.tsv', id: 'projector-vectors', label: 'Projector vectors.tsv', help: 'For projector.tensorflow.org ("Load"): one vector per line, tab-separated.' },
  { name: 'metadata.tsv', id: 'projector-metadata', label: 'Projector metadata.tsv', help: 'The matching metadata: ip, label, prediction, cluster, packets, dominant service, silhouette, ASN, AS name, country, fingerprint shares.' },
  { name: 'clusters.csv', id: 'clusters', label: 'Clusters CSV', help: 'ip, cluster, silhouette, label, k-NN prediction and vote share, best known label and its share, packets, ASN, AS name, country, fingerprint shares (and the traces each sender was in, for several).' },
  { name: 'classification.csv', id: 'classification', label: 'Classification report CSV', help: 'Per class precision, recall, F1, support; accuracy; macro and weighted averages (needs labels).' },
  { name: 'report.json', id: 'report', label: 'JSON report', help: 'The run: input, parameters, corpus, training, labels, k-NN report and confusion matrix, clustering, modularity curve.' },
  { name: 'cluster-summaries.json', id: 'summaries', label: 'Cluster summaries JSON', help: 'Per cluster: senders, packets, top ports, /24 and /16, label mix, fingerprint shares, top ASNs and countries, silhouette.' },
  { name: 'graph.gexf', id: 'gexf', label: 'k-NN graph for Gephi (GEXF)', help: 'graph.gexf: the graph Louvain clustered (graph k neighbours per sender, weighted by cosine similarity); nodes carry cluster, label, prediction, ASN, AS name, country and fingerprint shares.' },
];

export function download(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createExportPanel(actions: ExportActions): ExportPanel {
  const buttons = new Map<OutputName, HTMLButtonElement>();
  const list = el('div', { class: 'form-grid' });
  for (const e of EXPORTS) {
    const button = el('button', { type: 'button', id: `export-${e.id}`, text: e.label, title: e.help, disabled: true });
    button.addEventListener('click', () => actions.exportFile(e.name));
    buttons.set(e.name, button);
    list.append(el('label', {}, button, el('small', { text: e.help })));
  }
  const session = el('button', { type: 'button', id: 'export-session', text: 'Save session', disabled: true });
  session.title = 'Model, data summaries, results and the view in one file; reopen it here and continue with the next day\'s trace.';
  session.addEventListener('click', () => actions.saveSession());
  list.append(el('label', {}, session, el('small', { text: session.title })));

  const open = el('input', { type: 'file', id: 'open-session', accept: '.json,.darkvec' });
  open.addEventListener('change', () => {
    if (open.files?.[0]) actions.reopen(open.files[0]);
    open.value = '';
  });
  const root = el('div', {},
    el('h2', { text: 'Export' }),
    el('p', { class: 'muted', text: 'Files are made in this page, by the same code as the command line\'s "darkvec analyze", and saved by your browser; nothing is uploaded.' }),
    list,
    el('h3', { text: 'Reopen a saved session' }),
    el('label', {}, 'Session file ', open),
  );
  return {
    root,
    ready(available) {
      for (const [name, b] of buttons) b.disabled = !available?.includes(name);
      session.disabled = !available;
    },
  };
}
