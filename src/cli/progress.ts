// Progress for long work, on stderr so stdout stays clean for scripts.
// A terminal gets one line rewritten in place; a log file or a pipe gets
// plain lines, throttled so a month-long run does not flood it.
import type { OnStepProgress, StepProgress } from '../method/progress.ts';

export interface Progress {
  /** Report the current state; shown at most once per interval. */
  update(text: string): void;
  /** Final state of this stage: always shown, ends the in-place line. */
  done(text: string): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
  /** Label put before every line, e.g. "darkvec analyze". */
  prefix?: string;
  /** Silence everything (--quiet). */
  quiet?: boolean;
  now?: () => number;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const intervalMs = options.intervalMs ?? 2000;
  const prefix = options.prefix ? `${options.prefix}: ` : '';
  const now = options.now ?? Date.now;
  const tty = Boolean(stream.isTTY);
  let last = -Infinity;
  let open = false;

  return {
    update(text) {
      if (options.quiet) return;
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      if (tty) {
        stream.write(`\r${prefix}${text}\x1b[K`);
        open = true;
      } else {
        stream.write(`${prefix}${text}\n`);
      }
    },
    done(text) {
      if (options.quiet) return;
      if (tty && open) stream.write(`\r${prefix}${text}\x1b[K\n`);
      else stream.write(`${prefix}${text}\n`);
      open = false;
      last = -Infinity;
    },
  };
}

/** 1234567 -> "1.23 M", for rates and counts in progress lines. */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)} k`;
  return String(Math.round(n));
}

/** A byte counter's progress line: bytes read, share of the total, rate. */
export function bytesProgress(onProgress: (m: string) => void, what: string, totalBytes: number, now: () => number = () => performance.now()) {
  const t0 = now();
  return (bytes: number) => {
    const s = (now() - t0) / 1000;
    const share = totalBytes > 0 ? ` (${Math.min(100, Math.round((100 * bytes) / totalBytes))}%)` : '';
    onProgress(`${what}: ${formatCount(bytes)}B read${share}, ${s > 0 ? formatCount(bytes / s) : 0}B/s`);
  };
}

const STEP_NAMES: Record<StepProgress['step'], string> = {
  labels: 'labels', corpus: 'corpus', enrich: 'IP databases', train: 'training', analyze: 'analysis', curve: 'modularity curve', umap: 'UMAP', daily: 'day by day',
};

/** The method's progress events as progress lines. */
export function stepReporter(progress: Progress, now: () => number = () => performance.now()): OnStepProgress {
  const started = new Map<string, number>();
  return (p) => {
    const key = `${p.step}:${p.unit}`;
    if (!started.has(key)) started.set(key, now());
    const name = STEP_NAMES[p.step];
    const t = p.training;
    if (t) {
      progress.update(
        `${name}: epoch ${t.epoch}/${t.epochs}, ${Math.round((100 * t.tokensDone) / Math.max(1, t.totalTokens))}%, ` +
          `${formatCount(t.tokensPerSecond)} tokens/s on ${t.threads} threads, ${Math.round(t.etaSeconds)} s left, loss ${t.loss.toFixed(3)}`,
      );
      return;
    }
    const share = p.total > 0 ? ` (${Math.min(100, Math.round((100 * p.done) / p.total))}%)` : '';
    if (p.unit === 'bytes') {
      const s = (now() - started.get(key)!) / 1000;
      progress.update(`${name}: ${p.what}: ${formatCount(p.done)}B read${share}, ${s > 0 ? formatCount(p.done / s) : 0}B/s`);
    } else progress.update(`${name}: ${p.what}${share}`);
  };
}
