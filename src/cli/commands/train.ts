// `darkvec train`: skip-gram on a LineSentence text corpus (e.g. one built by
// `darkvec corpus` or on Spark), vectors out in word2vec text format.
import { createReadStream } from 'node:fs';
import { readTextCorpus } from '../../corpus/read-text-corpus.ts';
import { defaultParams, threadsFor, type ParamKey } from '../../method/params.ts';
import { train } from '../../method/steps.ts';
import { soloNote } from '../../method/thread-note.ts';
import { UsageError, type Command } from '../command.ts';
import { readModelFile, writeModelFile } from '../model-file.ts';
import { nodeHost } from '../node-host.ts';
import { parseOptions } from '../options.ts';
import { paramHelp, paramOptions, readParamOptions } from '../param-options.ts';
import { createProgress, stepReporter } from '../progress.ts';

const KEYS: ParamKey[] = ['context', 'dim', 'epochs', 'negatives', 'seed', 'threads', 'sharedNegatives'];

const help = `usage: darkvec train --corpus FILE --out FILE [options]

Trains skip-gram sender embeddings (negative sampling, word2vec.c semantics,
every token trained, no subsampling) on a text corpus: one sentence per line,
tokens separated by spaces (gensim's LineSentence format). Writes the vectors
in word2vec text format: "count dim", then "token v1 ... vdim" per line.

  --corpus FILE           the text corpus (required)
  --out FILE              where to write the vectors (required)
  --init MODEL            continue a saved word2vec text model (i-DarkVec: its senders keep
                          their vectors, new senders are added, 1 epoch)
${paramHelp(KEYS)}
  --quiet                 no progress on stderr
  -h, --help              this text`;

export const command: Command = async (argv) => {
  const values = parseOptions(argv, {
    corpus: { type: 'string' },
    out: { type: 'string' },
    init: { type: 'string' },
    ...paramOptions(KEYS),
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.corpus) throw new UsageError('--corpus FILE is required (try --help)');
  if (!values.out) throw new UsageError('--out FILE is required (try --help)');
  const params = readParamOptions(values, KEYS, defaultParams(nodeHost.cores));
  const init = values.init ? await readModelFile(values.init as string) : undefined;
  if (init && init.dim !== params.dim && (values as Record<string, unknown>).size !== undefined) throw new UsageError(`--size ${params.dim} differs from the --init model's ${init.dim}`);
  if (init) params.dim = init.dim;
  const corpusPath = values.corpus as string;
  const corpus = await readTextCorpus(openText(corpusPath));
  if (corpus.tokens.length === 0) throw new Error(`${corpusPath}: the corpus has no tokens`);
  const progress = createProgress({ prefix: 'darkvec train', quiet: Boolean(values.quiet) });
  progress.done(`${corpusPath}: ${corpus.offsets.length - 1} sentences, ${corpus.tokens.length} tokens, ${corpus.vocab.length} senders`);
  const t0 = performance.now();
  const trained = await train(corpus, params, init ?? null, { threads: threadsFor(params, nodeHost.cores), onProgress: stepReporter(progress) });
  const seconds = (performance.now() - t0) / 1000;
  const s = trained.summary;
  if (init) progress.done(`continued ${values.init}: ${init.vocab.length} senders kept, ${s.sendersAdded} added`);
  const solo = soloNote(trained.model.stats.soloSeconds, seconds, s.threads);
  if (solo) progress.done(solo);
  await writeModelFile(values.out as string, trained.model.embedding);
  console.log(`tokens ${s.tokens}  seconds ${seconds.toFixed(3)}  tokens/s ${Math.round(s.tokens / seconds)}  threads ${s.threads}  epochs ${s.epochs}  loss ${s.finalLoss.toFixed(4)}`);
  return 0;
};

async function* openText(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e) {
    throw new Error(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}
