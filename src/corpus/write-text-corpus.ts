// The corpus as text: one sentence per line, sender addresses separated by
// single spaces (gensim's LineSentence format, as the DarkVec authors wrote it).
import type { Corpus } from './corpus';

/** The text in pieces of about `chunkChars` characters, so no one string holds the corpus. */
export function* corpusTextChunks(corpus: Corpus, chunkChars = 1 << 20): Generator<string> {
  const { vocab, tokens, offsets } = corpus;
  let parts: string[] = [];
  let size = 0;
  for (let s = 0; s + 1 < offsets.length; s++) {
    const words: string[] = new Array(offsets[s + 1] - offsets[s]);
    for (let i = offsets[s]; i < offsets[s + 1]; i++) {
      words[i - offsets[s]] = vocab[tokens[i]];
      size += vocab[tokens[i]].length + 1;
    }
    parts.push(words.join(' '));
    if (size >= chunkChars) {
      yield parts.join('\n') + '\n';
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('\n') + '\n';
}

/** Writes the text corpus to a file (Node), honouring the stream's back-pressure. */
export async function writeTextCorpus(corpus: Corpus, path: string): Promise<void> {
  const fsName = 'node:fs';
  const fs: typeof import('node:fs') = await import(/* @vite-ignore */ fsName);
  const out = fs.createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  for (const chunk of corpusTextChunks(corpus)) {
    if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  }
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
}
