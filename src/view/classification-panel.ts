// Classification: the leave-one-out k-NN report, the confusion matrix, and the
// labels predicted for unlabelled senders (filterable, to extend the ground truth).
import { el, clear, formatCount, formatShare } from './element.ts';
import { heatmap } from './charts.ts';
import { createDataTable } from './data-table.ts';
import { predictionName, type DarkVecResults } from '../method/results.ts';

export interface ClassificationPanel {
  readonly root: HTMLElement;
  show(results: DarkVecResults): void;
}

export function createClassificationPanel(): ClassificationPanel {
  const body = el('div', {}, el('p', { class: 'muted', text: 'Train a model to see how well the embedding separates the labelled senders.' }));
  const root = el('div', {}, el('h2', { text: 'Classification' }), body);
  let current: DarkVecResults | null = null;
  // Rows are sender indices; the table offers the best known label among each unlabelled sender's neighbours.
  const predictions = createDataTable('Predicted labels of unlabelled senders', [
    { label: 'sender', text: (s) => current!.senders.vocab[s] },
    { label: 'predicted label', text: (s) => predictionName(current!.senders.labelNames, current!.classification!.bestKnown[s]) },
    { label: 'vote share', numeric: true, text: (s) => formatShare(current!.classification!.bestKnownShare[s], 0), key: (s) => current!.classification!.bestKnownShare[s] },
    { label: 'packets', numeric: true, text: (s) => formatCount(current!.senders.packets[s]), key: (s) => current!.senders.packets[s] },
  ], { filterPlaceholder: 'Filter by IP or label' });

  return {
    root,
    show(results) {
      current = results;
      clear(body);
      const c = results.classification;
      if (!c) {
        body.append(el('p', { class: 'notice', text: results.labels.file
          ? `None of the labels in ${results.labels.file} matches a kept sender: nothing to score the embedding with.`
          : 'No labelled senders: load a labels file (ip,label) with the trace to score the embedding.' }));
        return;
      }
      const k = c.k;
      const table = el('table', { class: 'data-table', id: 'classification-report' });
      table.append(el('caption', { text: `${k}-NN leave-one-out, cosine distance: accuracy ${c.accuracy.toFixed(3)}` }));
      const head = el('tr');
      for (const h of ['class', 'precision', 'recall', 'F1', 'support']) head.append(el('th', { scope: 'col', class: h === 'class' ? undefined : 'num', text: h }));
      table.append(el('thead', {}, head));
      const tbody = el('tbody');
      const row = (label: string, r: { precision: number; recall: number; f1: number; support: number }, cls?: string) =>
        el('tr', { class: cls },
          el('td', { text: label }),
          el('td', { class: 'num', text: r.precision.toFixed(2) }),
          el('td', { class: 'num', text: r.recall.toFixed(2) }),
          el('td', { class: 'num', text: r.f1.toFixed(2) }),
          el('td', { class: 'num', text: formatCount(r.support) }));
      for (const r of c.classes) tbody.append(row(r.name, r, 'class-row'));
      tbody.append(el('tr', {}, el('td', { text: 'accuracy' }), el('td'), el('td'), el('td', { class: 'num', text: c.accuracy.toFixed(2) }), el('td', { class: 'num', text: formatCount(c.evaluated) })));
      tbody.append(row('macro avg', c.macro));
      tbody.append(row('weighted avg', c.weighted));
      table.append(tbody);
      const chart = el('div', { id: 'chart-confusion', class: 'chart tall' });
      body.append(el('div', { class: 'grid2' }, el('div', {}, table), chart));
      const names = c.classes.map((r) => r.name);
      const columns = c.predictedNames.length;
      const confusion = names.map((_, row) => Array.from(c.confusion.subarray(row * columns, (row + 1) * columns)));
      void heatmap(chart, 'Confusion matrix (senders)', { x: 'predicted label', y: 'true label' }, names, c.predictedNames, confusion);
      const unlabelled: number[] = [];
      for (let s = 0; s < results.senders.label.length; s++) if (results.senders.label[s] < 0) unlabelled.push(s);
      body.append(el('h3', { text: `Predictions for ${formatCount(unlabelled.length)} unlabelled senders` }), predictions.root);
      predictions.setRows(unlabelled);
    },
  };
}
