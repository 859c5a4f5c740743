// Classification: the leave-one-out k-NN report, the confusion matrix, and the
// labels predicted for unlabelled senders (filterable, to extend the ground truth).
import { el, clear, formatCount, formatShare } from './element.ts';
import { heatmap } from './charts.ts';
import { createDataTable } from './data-table.ts';
import { explain } from './explain.ts';
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
    { label: 'predicted label', text: (s) => (current!.classification!.bestKnown[s] === -1 ? 'none (no labelled neighbour)' : predictionName(current!.senders.labelNames, current!.classification!.bestKnown[s])) },
    // No labelled neighbour: no vote to share (not 0%).
    { label: 'vote share', numeric: true, text: (s) => (current!.classification!.bestKnown[s] === -1 ? '–' : formatShare(current!.classification!.bestKnownShare[s], 0)), key: (s) => current!.classification!.bestKnownShare[s] },
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
      // Strongest votes first; senders with no labelled neighbour (nothing to predict from) last.
      const share = c.bestKnownShare, best = c.bestKnown, packets = results.senders.packets;
      unlabelled.sort((a, b) => Number(best[a] === -1) - Number(best[b] === -1) || share[b] - share[a] || packets[b] - packets[a] || a - b);
      const none = unlabelled.filter((s) => best[s] === -1).length;
      body.append(
        el('h3', { text: `Predictions for ${formatCount(unlabelled.length)} unlabelled senders` }),
        el('p', { class: 'muted', id: 'predictions-note', text: `The best known label among each sender's ${k} nearest neighbours, strongest vote first. ${formatCount(none)} of them have no labelled sender among their neighbours: they are listed last, with no prediction.` }),
        predictions.root,
      );
      predictions.setRows(unlabelled);
      body.append(explain([
        `Leave-one-out: each labelled sender is classified by the majority label of its ${k} nearest neighbours (cosine similarity of the vectors), the sender itself left out, and compared with its own label. Precision: of the senders predicted as a class, the share that are; recall: of the senders of a class, the share found; F1 combines the two; support: senders of the class.`,
        'The confusion matrix counts senders by true label (rows) and predicted label (columns). Its "unknown" column: most of the neighbours are unlabelled, so the vote is "unknown" (the paper counts it as a miss, and so do we). Its "n.a." column: the two most frequent votes tie, so no label is given.',
        'Below, the unlabelled senders get the most voted known label among their neighbours (unlabelled neighbours do not vote): a way to extend the ground truth. Check a prediction on the Map (search the IP, look at its neighbours), then give the senders a label there.',
      ]));
    },
  };
}
