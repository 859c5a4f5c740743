"""gensim skip-gram on a LineSentence corpus with DarkVec's settings, for
bench/train.bench.ts. Sentences are split into pieces of at most 10,000 tokens
(gensim truncates longer ones) so gensim trains every token, as ours does.
Prints one JSON line: the seconds of model.train() alone, tokens/s, and the
process CPU seconds of train() (all its threads), so the bench can tell its
own load from other processes'."""
import json
import sys
import time

from gensim.models import Word2Vec

corpus, out, window, dim, negative, epochs, seed, workers = sys.argv[1:9]
sentences = []
with open(corpus, encoding="utf-8") as f:
    for line in f:
        words = line.split()
        for i in range(0, len(words), 10000):
            sentences.append(words[i : i + 10000])
tokens = sum(len(s) for s in sentences)
model = Word2Vec(
    vector_size=int(dim), window=int(window), negative=int(negative), hs=0, sg=1,
    sample=0, min_count=1, alpha=0.025, min_alpha=0.0001, seed=int(seed), workers=int(workers),
)
model.build_vocab(sentences)
start = time.perf_counter()
cpu_start = time.process_time()
model.train(sentences, total_examples=len(sentences), total_words=tokens, epochs=int(epochs))
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
model.wv.save_word2vec_format(out, binary=False)
print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds, "processCpuSeconds": time.process_time(), "tokens": tokens * int(epochs), "tokensPerSecond": tokens * int(epochs) / seconds}))
