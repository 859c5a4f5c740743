// The browser side of bench/map.bench.ts: the page's map panel over synthetic
// results of N senders (no training: the map is what is measured), bundled by
// vite. Senders sit in Gaussian blobs, one per cluster; 5% carry one of 20
// labels. The panel's actions that need the worker answer from here.
import { createMapPanel } from '../src/view/map-panel';
import { DEFAULT_VIEW } from '../src/view/state';
import type { DarkVecResults } from '../src/method/results';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticResults(n: number, clusters = 120): DarkVecResults {
  const r = random(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: clusters }, () => [gauss() * 10, gauss() * 10, 0.3 + r()]);
  const vocab: string[] = new Array(n);
  const cluster = new Int32Array(n);
  const pca = new Float32Array(2 * n);
  const label = new Int32Array(n).fill(-1);
  const packets = new Float64Array(n);
  const silhouette = new Float32Array(n);
  const predicted = new Int32Array(n);
  const service = new Int32Array(n);
  const firstSeen = new Float64Array(n);
  const mirai = new Float32Array(n);
  // An IP database's view: a few thousand ASes, 60 countries, 10% unknown.
  const asn = new Uint32Array(n);
  const asName = new Int32Array(n).fill(-1);
  const country = new Int16Array(n).fill(-1);
  const asNames = Array.from({ length: 3000 }, (_, i) => `SIM-AS-${i}`);
  const countries = Array.from({ length: 60 }, (_, i) => String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26)));
  const labelNames = Array.from({ length: 20 }, (_, i) => `class-${i}`);
  for (let i = 0; i < n; i++) {
    // Zipf-like cluster sizes.
    const c = Math.min(clusters - 1, Math.floor(clusters * r() ** 2.2));
    cluster[i] = c;
    const [x, y, spread] = centres[c];
    pca[2 * i] = x + gauss() * spread;
    pca[2 * i + 1] = y + gauss() * spread;
    vocab[i] = `${10 + (i >>> 16)}.${(i >>> 8) & 255}.${i & 255}.${1 + (i % 250)}`;
    if (r() < 0.05) label[i] = c % 20;
    predicted[i] = r() < 0.6 ? c % 20 : -1;
    packets[i] = Math.floor(10 + 1000 * r() ** 6);
    silhouette[i] = Math.max(-1, Math.min(1, 0.3 + gauss() * 0.3));
    service[i] = c % 12;
    firstSeen[i] = 1617148800 + Math.floor(r() * 86_400);
    mirai[i] = c % 3 === 0 ? 1 : 0;
    if (r() < 0.9) {
      const a = Math.floor(3000 * r() ** 3);
      asn[i] = 64_512 + a;
      asName[i] = a;
      country[i] = a % 60;
    }
  }
  const partial = {
    input: null, corpus: null, training: null,
    labels: { file: 'synthetic', entries: 0, sendersLabelled: 0, notAmongKept: 0, problems: [], problemCount: 0, mirai: { enabled: true, columns: true, senders: 0, labelled: 0 } },
    senders: {
      vocab, packets, label, labelNames, firstSeen,
      fingerprints: { mirai, zmap: new Float32Array(n).fill(NaN), masscan: new Float32Array(n).fill(NaN), backscatter: new Float32Array(n).fill(NaN) },
      enrichment: { asn, asName, country, asNames, countries, known: n, sources: [] },
      sources: null,
    },
    neighbours: { method: 'approximate', k: 15, recallEstimate: null },
    classification: { k: 7, evaluated: 0, accuracy: 0, classes: [], macro: {}, weighted: {}, predictedNames: [], confusion: new Int32Array(0), predicted, voteShare: new Float32Array(n), bestKnown: predicted, bestKnownShare: new Float32Array(n) },
    clustering: { graphK: 3, cluster, count: clusters, modularity: 0.8, silhouette, silhouetteMean: 0, positiveShare: 0, summaries: [], kmeans: null, curve: null },
    projection: { pca, umap: null },
    dominantService: service,
    serviceNames: ['telnet', 'ssh', 'http', 'https', 'smb', 'rdp', 'sql', 'dns', 'ntp', 'sip', 'vnc', 'adb'],
  };
  return partial as unknown as DarkVecResults;
}

/** Builds the map in `root` with n senders and shows it. */
export function start(root: HTMLElement, n: number): { senders: number } {
  const results = syntheticResults(n);
  const panel = createMapPanel({
    neighbours: async (sender, count) => Array.from({ length: count }, (_, j) => ({ sender: (sender + j + 1) % n, ip: results.senders.vocab[(sender + j + 1) % n], similarity: 0.9 - j * 0.01 })),
    sendersOnPort: async () => new Int32Array(0),
    projectSubset: async (senders) => {
      const xy = new Float32Array(senders.length * 2);
      senders.forEach((s, j) => { xy[2 * j] = results.projection.pca[2 * s]; xy[2 * j + 1] = results.projection.pca[2 * s + 1]; });
      return xy;
    },
    relabel: async () => {},
    inspect: () => {},
    viewChanged: () => {},
    download: () => {},
    error: (title, detail) => console.error(title, detail),
  });
  root.append(panel.root);
  panel.show(results, { ...DEFAULT_VIEW });
  return { senders: n };
}
