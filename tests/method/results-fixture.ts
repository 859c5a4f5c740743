// A hand-made DarkVecResults of three senders, for the writers' tests.
import type { DarkVecResults } from '../../src/method/results';

export const embedding = { vocab: ['10.0.0.1', '10.0.0.2', '2001:db8::1'], dim: 2, vectors: new Float32Array([0.5, -1, 0.25, 2, 1e-7, 3]) };

export function smallResults(): DarkVecResults {
  return {
    input: {
      file: 'trace.csv', format: 'delimited',
      inputs: [{ file: 'trace.csv', format: 'delimited', rows: 99, packets: 99, senders: 5, sendersKept: 3 }], sendersInSeveral: 0, backscatterDropped: { rows: 0, packets: 0 },
      rows: 100, rowsSkipped: 1, skippedByReason: [['bad port', 1]], firstSkipped: [{ line: 7, reason: 'bad port' }],
      packets: 99, senders: 5, sendersKept: 3, packetsKept: 60, distinctPorts: 4, firstTime: 0, lastTime: 3600, hourStart: 0,
      packetsPerHour: new Float64Array([99]), topPorts: [{ service: '23/tcp', packets: 50 }], warnings: [],
    },
    corpus: { serviceNames: ['telnet', 'ssh'], sentences: 2, tokens: 6 },
    labels: { file: 'labels.csv', entries: 2, sendersLabelled: 2, notAmongKept: 0, problems: [], problemCount: 0, mirai: { enabled: true, columns: false, senders: 0, labelled: 0 },
      fingerprints: { enabled: false, classes: [{ name: 'ZMap', columns: false, senders: 0, labelled: 0 }, { name: 'Masscan', columns: false, senders: 0, labelled: 0 }, { name: 'Backscatter', columns: true, senders: 0, labelled: 0 }] } },
    enrichment: { databases: [{ file: 'ip2asn.tsv', format: 'ip2asn', matched: 2 }], senders: 3, enriched: 2, withAsn: 1, withCountry: 2 },
    training: { epochs: 20, continued: false, modelSenders: 3, sendersAdded: 3, threads: 1, tokens: 120, finalLoss: 1.5 },
    senders: {
      vocab: embedding.vocab, packets: new Float64Array([10, 20, 30]), label: new Int32Array([0, 1, -1]), labelNames: ['censys', '=x,"y"'],
      // The trace had Mirai's fields and TCP flags, not IP IDs.
      fingerprints: {
        mirai: new Float32Array([1, 0.5, 0]), zmap: new Float32Array(3).fill(NaN), masscan: new Float32Array(3).fill(NaN), backscatter: new Float32Array([0, 0, 0.25]),
      },
      // A database's AS name is user text too: one that a spreadsheet would run.
      enrichment: {
        asn: new Uint32Array([13335, 0, 0]), asName: new Int32Array([0, -1, -1]), asNames: ['=HYPERLINK("x"),CLOUDFLARENET'],
        country: new Int16Array([0, -1, 1]), countries: ['US', 'NL'], known: 2, sources: [{ fileName: 'ip2asn.tsv', format: 'ip2asn', matched: 2 }],
      },
      sources: null,
    },
    neighbours: { method: 'exact', k: 14, recallEstimate: null },
    classification: {
      k: 7, evaluated: 2, accuracy: 0.5,
      classes: [{ name: 'censys', precision: 1, recall: 1, f1: 1, support: 1 }, { name: '=x,"y"', precision: 0, recall: 0, f1: 0, support: 1 }],
      macro: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      weighted: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      predictedNames: ['censys', '=x,"y"', 'unknown', 'n.a.'],
      confusion: new Int32Array([1, 0, 0, 0, 0, 0, 1, 0]),
      predicted: new Int32Array([0, -1, -2]), voteShare: new Float32Array([0.75, 0.5, 0]),
      bestKnown: new Int32Array([0, 0, 0]), bestKnownShare: new Float32Array([0.75, 0.25, 0.5]),
    },
    clustering: {
      graphK: 3, cluster: new Int32Array([0, 0, 1]), count: 2, modularity: 0.4, silhouette: new Float32Array([0.5, 0.25, 0]),
      silhouetteMean: 0.25, positiveShare: 0.5, summaries: [], kmeans: null, curve: { k: [1, 2], modularity: [0.4, 0.3], clusters: [2, 2] },
    },
    projection: { pca: new Float32Array(6), umap: null },
    dominantService: new Int32Array([0, 1, -1]), serviceNames: ['telnet', 'ssh'],
  };
}
