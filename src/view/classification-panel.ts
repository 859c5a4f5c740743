// Classification: the leave-one-out k-NN report, the confusion matrix, and the
// labels predicted for unlabelled senders (filterable, to extend the ground truth).
import { el, clear, formatCount, formatShare } from './element.ts';
import { heatmap } from './charts.ts';
import { createDataTable } from './data-table.ts';
import type { ResultsData } from './results-data.ts';

export interface ClassificationPanel {
  readonly root: HTMLElement;
  show(data: ResultsData, k: number): void;
}

export function createClassificationPanel(): ClassificationPanel {
  const body = el('div', {}, el('p', { class: 'muted', text: 'Train a model to see how well the embedding separates the labelled senders.' }));
  const root = el('div', {}, el('h2', { text: 'Classification' }), body);
  let current: ResultsData | null = null;
  const predictions = createDataTable('Predicted labels of unlabelled senders', [
    { label: 'sender', text: (i) => current!.vocab[current!.analysis.classification!.predicted.sender[i]] },
    { label: 'predicted label', text: (i) => { const p = current!.analysis.classification!.predicted; return p.label[i] >= 0 ? p.names[p.label[i]] : 'n.a.'; } },
    { label: 'vote share', numeric: true, text: (i) => formatShare(current!.analysis.classification!.predicted.share[i], 0), key: (i) => current!.analysis.classification!.predicted.share[i] },
    { label: 'packets', numeric: true, text: (i) => formatCount(current!.packets[current!.analysis.classification!.predicted.sender[i]]), key: (i) => current!.packets[current!.analysis.classification!.predicted.sender[i]] },
  ], { filterPlaceholder: 'Filter by IP or label' });

  return {
    root,
    show(data, k) {
      current = data;
      clear(body);
      const c = data.analysis.classification;
      if (!c) {
        body.append(el('p', { class: 'notice', text: 'No labelled senders: load a labels file (ip,label) with the trace to score the embedding.' }));
        return;
      }
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
      for (const r of c.classes) tbody.append(row(r.label, r, 'class-row'));
      const total = c.classes.reduce((s, r) => s + r.support, 0);
      tbody.append(el('tr', {}, el('td', { text: 'accuracy' }), el('td'), el('td'), el('td', { class: 'num', text: c.accuracy.toFixed(2) }), el('td', { class: 'num', text: formatCount(total) })));
      tbody.append(row('macro avg', c.macro));
      tbody.append(row('weighted avg', c.weighted));
      table.append(tbody);
      const chart = el('div', { id: 'chart-confusion', class: 'chart tall' });
      body.append(el('div', { class: 'grid2' }, el('div', {}, table), chart));
      const names = c.classes.map((r) => r.label);
      void heatmap(chart, 'Confusion matrix (senders)', { x: 'predicted label', y: 'true label' }, names, [...names, ...c.predictedColumns.slice(names.length)], c.confusion);
      body.append(el('h3', { text: `Predictions for ${formatCount(c.predicted.sender.length)} unlabelled senders` }), predictions.root);
      predictions.setRows(Array.from(c.predicted.sender, (_, i) => i));
    },
  };
}
