// Training: progress, speed, time left, a live loss curve, threads in use, and
// Cancel that leaves the rest of the session as it was.
import { el, formatCount, formatSeconds } from './element.ts';
import { lineChart } from './charts.ts';
import type { TrainProgress } from '../embed/train-skip-gram.ts';

export interface TrainingPanel {
  readonly root: HTMLElement;
  /** canDaily: the corpus spans several UTC days, so it can be run day by day. */
  setReady(ready: boolean, note?: string, canContinue?: boolean, canDaily?: boolean): void;
  /** negatives: of the skip-gram, for the untrained model's loss drawn as a reference. */
  start(threads: number, threadNote: string | null, negatives?: number): void;
  progress(p: TrainProgress): void;
  /** trained: a model came out of it (the line above the buttons then says what training again does). */
  finish(message: string, trained?: boolean): void;
}

export function createTrainingPanel(actions: { train(incremental: boolean): void; trainDays(): void; cancel(): void }): TrainingPanel {
  const trainButton = el('button', { type: 'button', class: 'primary', id: 'train', text: 'Train and analyse' });
  const continueButton = el('button', { type: 'button', id: 'continue-training', text: 'Continue the current model with this trace (incremental)', hidden: true });
  continueButton.title = 'i-DarkVec: keep the trained vectors, add the new senders, train one pass over this corpus.';
  continueButton.addEventListener('click', () => actions.train(true));
  const dailyButton = el('button', { type: 'button', id: 'train-daily', text: 'Train day by day (tracks)', hidden: true });
  dailyButton.title = 'i-DarkVec over the trace\'s UTC days: day 1 trains every epoch, each later day adds its new senders and trains one pass; each day is clustered and its clusters tracked (Results, Days).';
  dailyButton.addEventListener('click', () => actions.trainDays());
  const cancelButton = el('button', { type: 'button', id: 'cancel-training', text: 'Cancel', disabled: true });
  const bar = el('progress', { id: 'train-progress', max: 1, value: 0, 'aria-label': 'Training progress' });
  const numbers = el('p', { id: 'train-numbers', class: 'muted', 'aria-live': 'off' });
  const threads = el('p', { id: 'train-threads' });
  const ready = el('p', { class: 'muted', id: 'train-ready' });
  const chart = el('div', { id: 'chart-loss' });
  // Measured on the sample: the loss rises over 5 epochs, by ~35% in gensim too.
  const lossNote = el('p', {
    class: 'muted', id: 'loss-note',
    text: 'Each point is one epoch: the skip-gram loss averaged over the (sender, context sender) pairs of the epoch, the positive pair and its negative samples together. '
      + 'The dashed line is the loss of an untrained model (every score 0.5): training brings the loss far below it at once. '
      + 'After that it may rise a little, and that is not the model getting worse: busy senders that share sentences are also drawn as each other\'s negative samples, '
      + 'so the closer the embedding brings them, the larger those terms (gensim\'s loss rises the same way). Judge the model by the Classification and Clusters tabs.',
  });
  trainButton.addEventListener('click', () => actions.train(false));
  cancelButton.addEventListener('click', () => actions.cancel());

  // Per epoch: the loss of its reports, weighted by the tokens each covered (pairs are about proportional).
  const epochLoss: number[] = [];
  const epochWeight: number[] = [];
  let lastTokens = 0;
  let untrained = NaN;
  let epochsTotal = 1;
  let lastDraw = 0;

  const root = el('div', {},
    el('h2', { text: 'Training' }),
    ready,
    el('p', { class: 'row' }, trainButton, continueButton, dailyButton, cancelButton),
    threads,
    bar,
    numbers,
    chart,
    lossNote,
  );

  function drawLoss(): void {
    const x: number[] = [], y: number[] = [];
    epochLoss.forEach((sum, e) => {
      if (epochWeight[e] > 0) { x.push(e + 1); y.push(sum / epochWeight[e]); }
    });
    void lineChart(chart, 'Training loss, epoch by epoch', { x: 'epoch', y: 'mean loss per pair' }, [{ name: 'loss', x, y }], {
      markers: true, countY: true, wholeX: [0.5, Math.max(1, epochsTotal) + 0.5],
      reference: Number.isFinite(untrained) ? { y: untrained, text: `untrained model: ${untrained.toFixed(2)}` } : undefined,
    });
  }

  return {
    root,
    setReady(isReady, note, canContinue = false, canDaily = false) {
      trainButton.disabled = !isReady;
      continueButton.hidden = !(isReady && canContinue);
      continueButton.disabled = !isReady;
      dailyButton.hidden = !(isReady && canDaily);
      dailyButton.disabled = !isReady;
      ready.textContent = note ?? (isReady ? 'Ready to train on the corpus.' : 'Open a trace on the Data tab first.');
    },
    start(count, threadNote, negatives) {
      epochLoss.length = 0;
      epochWeight.length = 0;
      lastTokens = 0;
      untrained = negatives === undefined ? NaN : (1 + negatives) * Math.LN2;
      bar.value = 0;
      trainButton.disabled = true;
      continueButton.disabled = true;
      dailyButton.disabled = true;
      cancelButton.disabled = false;
      threads.textContent = `Training with ${count} worker thread${count === 1 ? '' : 's'}.`;
      if (threadNote) threads.append(el('span', { class: 'notice', style: 'display:block;margin-top:6px', text: threadNote }));
      numbers.textContent = 'Starting…';
    },
    progress(p) {
      bar.value = p.totalTokens > 0 ? p.tokensDone / p.totalTokens : 0;
      numbers.textContent = `epoch ${Math.min(p.epoch, p.epochs)} of ${p.epochs} · ${formatCount(Math.round(p.tokensPerSecond))} tokens/s · ${formatCount(p.tokensDone)} of ${formatCount(p.totalTokens)} tokens · ${formatSeconds(p.etaSeconds)} left · loss ${Number.isFinite(p.loss) ? p.loss.toFixed(4) : '–'}`;
      epochsTotal = p.epochs;
      const covered = p.tokensDone - lastTokens;
      lastTokens = p.tokensDone;
      if (Number.isFinite(p.loss) && covered > 0) {
        const e = Math.max(0, Math.min(p.epoch, p.epochs) - 1);
        epochLoss[e] = (epochLoss[e] ?? 0) + p.loss * covered;
        epochWeight[e] = (epochWeight[e] ?? 0) + covered;
      }
      const now = performance.now();
      if (now - lastDraw > 500) {
        lastDraw = now;
        drawLoss();
      }
    },
    finish(message, trained = false) {
      if (trained) ready.textContent = 'Trained: the results are on the Results tab. Training again starts a new model from the current parameters.';
      trainButton.disabled = false;
      continueButton.disabled = false;
      dailyButton.disabled = false;
      cancelButton.disabled = true;
      numbers.textContent = message;
      if (epochWeight.length) drawLoss();
    },
  };
}
