// Reads a LineSentence text corpus (gensim's format: one sentence per line,
// tokens separated by whitespace) into a Corpus, streaming: the text is never
// held whole, only the token ids. Vocabulary in first-seen order; `packets`
// holds each token's occurrence count (the text does not carry packet counts).
import type { Corpus } from './corpus';

export class TextCorpusBuilder {
  private readonly ids = new Map<string, number>();
  private readonly vocab: string[] = [];
  private counts: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tokens: Int32Array<ArrayBuffer> = new Int32Array(1 << 16);
  private offsets: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tokenCount = 0;
  private sentences = 0;
  private pending = '';
  private readonly decoder = new TextDecoder();

  /** Adds the next piece of the text; lines may span pieces. */
  write(chunk: string | Uint8Array): void {
    const text = this.pending + (typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.pending = text.slice(start);
  }

  finish(): Corpus {
    this.pending += this.decoder.decode();
    if (this.pending) this.line(this.pending);
    this.pending = '';
    const offsets = new Int32Array(this.sentences + 1);
    offsets.set(this.offsets.subarray(0, this.sentences));
    offsets[this.sentences] = this.tokenCount;
    return {
      vocab: this.vocab.slice(),
      packets: this.counts.slice(0, this.vocab.length),
      tokens: this.tokens.slice(0, this.tokenCount),
      offsets,
    };
  }

  private line(line: string): void {
    const words = line.split(/\s+/);
    let added = false;
    for (const word of words) {
      if (word === '') continue;
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.vocab.length;
        this.ids.set(word, id);
        this.vocab.push(word);
        if (id >= this.counts.length) this.counts = grow(this.counts);
      }
      this.counts[id]++;
      if (!added) {
        if (this.sentences >= this.offsets.length) this.offsets = grow(this.offsets);
        this.offsets[this.sentences++] = this.tokenCount;
        added = true;
      }
      if (this.tokenCount >= this.tokens.length) this.tokens = grow(this.tokens);
      this.tokens[this.tokenCount++] = id;
    }
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** A Corpus from text pieces (a ReadableStream, a Node stream, an array of strings). Empty lines are skipped. */
export async function readTextCorpus(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<Corpus> {
  const builder = new TextCorpusBuilder();
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) builder.write(chunk);
  return builder.finish();
}
