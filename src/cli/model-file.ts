// Models on disk in word2vec text format, read and written as streams.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Embedding } from '../embed/embedding.ts';
import { parseWord2VecText } from '../embed/word2vec-format.ts';
import { embeddingsText, inBlocks } from '../method/outputs.ts';

export async function readModelFile(path: string): Promise<Embedding> {
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`)));
  });
  try {
    return await parseWord2VecText(createInterface({ input: stream, crlfDelay: Infinity }), path);
  } finally {
    stream.destroy();
  }
}

export async function writeModelFile(path: string, embedding: Embedding): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', (e) => reject(new Error(`${path}: ${e.message}`))));
  failed.catch(() => {});
  for (const block of inBlocks(embeddingsText(embedding))) {
    if (!out.write(block)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
