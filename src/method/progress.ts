// What a long step reports while it runs, the same for the page's status line
// and the CLI's stderr: which step, how far in its own unit, and for training
// the trainer's figures.
import type { TrainProgress } from '../embed/train-skip-gram.ts';

export type StepName = 'labels' | 'corpus' | 'enrich' | 'train' | 'analyze' | 'curve' | 'umap' | 'daily';

export interface StepProgress {
  step: StepName;
  /** What is being done now, e.g. "counting senders (pass 1 of 2)". */
  what: string;
  done: number;
  /** 0 when unknown. */
  total: number;
  unit: 'bytes' | 'tokens' | 'steps' | 'senders';
  training?: TrainProgress;
}

export type OnStepProgress = (progress: StepProgress) => void;

/** Calls `report` at most every `ms` ms, and always for the first and a finished step. */
export function throttled(report: OnStepProgress, ms = 100, now: () => number = () => performance.now()): OnStepProgress {
  let last = -Infinity;
  return (p) => {
    const t = now();
    if (t - last < ms && p.done > 0 && p.done < p.total) return;
    last = t;
    report(p);
  };
}
