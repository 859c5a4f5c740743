// What the thread governor did, in words, the same for the page and the CLI.
// Timing-dependent, so it is shown, never written into report.json.

/**
 * Null when every worker trained throughout; otherwise how long one trained
 * alone, and why (src/kernels/thread-governor.ts parks the others while one
 * thread measures faster than all of them, e.g. when other programs keep the
 * cores busy).
 */
export function soloNote(soloSeconds: number, seconds: number, threads: number): string | null {
  if (threads < 2 || !(soloSeconds >= 0.05)) return null;
  const share = seconds > 0 ? Math.min(100, Math.round((100 * soloSeconds) / seconds)) : 100;
  return `one thread trained alone for ${soloSeconds.toFixed(1)} s (${share}% of the time): it measured faster than ${threads} threads then, as when other programs keep the cores busy`;
}
