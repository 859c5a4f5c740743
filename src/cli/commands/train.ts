// `darkvec train`: skip-gram on a LineSentence text corpus, vectors out in
// word2vec text format. A thin shell over readTextCorpus and trainSkipGram.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { createProgress, formatCount } from '../progress';
import { readTextCorpus } from '../../corpus/read-text-corpus';
import { continueTraining, trainSkipGram, type TrainProgress } from '../../embed/train-skip-gram';
import { DEFAULT_SKIP_GRAM_PARAMS, type SkipGramParams } from '../../embed/skip-gram-params';
import { parseWord2VecText, word2vecTextLines } from '../../embed/word2vec-format';
import type { Embedding } from '../../embed/embedding';

const d = DEFAULT_SKIP_GRAM_PARAMS;
const help = `usage: darkvec train --corpus FILE --out FILE [options]

Trains skip-gram sender embeddings (negative sampling, word2vec.c semantics,
every token trained, no subsampling) on a text corpus: one sentence per line,
tokens separated by spaces (gensim's LineSentence format). Writes the vectors
in word2vec text format: "count dim", then "token v1 ... vdim" per line.

options:
  --corpus FILE     the text corpus (required)
  --out FILE        where to write the vectors (required)
  -c, --context N   maximum context window (default ${d.window}; as in analyze)
  -e, --size N      vector size (default ${d.dim})
  --negative N      negative samples per pair (default ${d.negatives})
  --epochs N        passes over the corpus (default ${d.epochs}; 1 with --init)
  --seed N          random seed (default ${d.seed})
  --threads N       training threads (default: all cores)
  --init MODEL      continue a saved word2vec text model (incremental training:
                    its senders keep their vectors, new senders are added)
  --quiet           no progress on stderr
  -h, --help        this text`;

function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be an integer >= ${min} (got "${value}")`);
  return Number(value);
}

export const command: Command = async (argv) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        out: { type: 'string' },
        context: { type: 'string', short: 'c' },
        size: { type: 'string', short: 'e' },
        negative: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        threads: { type: 'string' },
        init: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.corpus) throw new UsageError('--corpus FILE is required (try --help)');
  if (!values.out) throw new UsageError('--out FILE is required (try --help)');
  const params: Partial<SkipGramParams> = {
    window: intOption('context', values.context, 1),
    dim: intOption('size', values.size, 1),
    negatives: intOption('negative', values.negative, 0),
    epochs: intOption('epochs', values.epochs, 1),
    seed: intOption('seed', values.seed, 0),
  };
  const threads = intOption('threads', values.threads, 1);

  const init = values.init ? await readModel(values.init) : undefined;
  const corpus = await readTextCorpus(openText(values.corpus));
  if (corpus.tokens.length === 0) throw new Error(`${values.corpus}: the corpus has no tokens`);
  const progress = createProgress({ prefix: 'darkvec train', quiet: Boolean(values.quiet) });
  progress.done(`${values.corpus}: ${corpus.offsets.length - 1} sentences, ${corpus.tokens.length} tokens, ${corpus.vocab.length} senders`);
  const onProgress = (p: TrainProgress) =>
    progress.update(
      `epoch ${p.epoch}/${p.epochs}, ${((100 * p.tokensDone) / p.totalTokens).toFixed(1)}%, ${formatCount(p.tokensPerSecond)} tokens/s on ${p.threads} threads, ` +
        `loss ${p.loss.toFixed(4)}, ${Math.ceil(p.etaSeconds)} s left`,
    );
  const result = init
    ? await continueTraining(init, corpus, params, { threads, onProgress })
    : await trainSkipGram(corpus, params, { threads, onProgress });
  if (init) progress.done(`continued ${values.init}: ${init.vocab.length} senders kept, ${result.embedding.vocab.length - init.vocab.length} added`);

  await writeModel(values.out, result.embedding);
  const s = result.stats;
  console.log(`tokens ${s.tokens}  seconds ${s.seconds.toFixed(3)}  tokens/s ${Math.round(s.tokensPerSecond)}  threads ${s.threads}  epochs ${s.epochs}  loss ${s.finalLoss.toFixed(4)}`);
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

async function readModel(path: string): Promise<Embedding> {
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`)));
  });
  await opened;
  return parseWord2VecText(createInterface({ input: stream, crlfDelay: Infinity }), path);
}

async function writeModel(path: string, embedding: Embedding): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', (e) => reject(new Error(`${path}: ${e.message}`))));
  failed.catch(() => {});
  for (const line of word2vecTextLines(embedding)) {
    if (!out.write(line + '\n')) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
