// `darkvec <command>`: a thin shell over the same modules the page runs.
import { enableRelaxedSimd } from '../kernels/node-relaxed-simd';
import { UsageError, type Command } from './command';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  corpus: () => import('./commands/corpus'),
  train: () => import('./commands/train'),
  analyze: () => import('./commands/analyze'),
  simulate: () => import('./commands/simulate'),
};

const usage = `usage: darkvec <command> [options]

commands:
  corpus    turn a trace into the DarkVec text corpus
  train     train skip-gram sender embeddings on a text corpus
  analyze   the whole method: trace -> embeddings, k-NN report, clusters
  simulate  write a simulated darknet trace

"darkvec <command> --help" describes each command.`;

export async function main(argv: string[]): Promise<number> {
  // Training uses the relaxed-SIMD kernels (fused multiply-add) where V8 has them; Node 20
  // has them behind a flag, set here before any kernel is compiled (src/kernels/node-relaxed-simd.ts).
  await enableRelaxedSimd();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`darkvec: unknown command "${name}" (try: ${Object.keys(commands).join(', ')})`);
    return 2;
  }
  const { command } = await load();
  try {
    return await command(rest);
  } catch (e) {
    // One line: scripts read the reason, not a stack trace.
    console.error(`darkvec ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof UsageError ? 2 : 1;
  }
}
