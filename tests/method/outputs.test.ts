import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import {
  classificationCsv, clusterSummariesJson, clustersCsv, embeddingsText, graphGexf, inBlocks, outputFiles, projectorMetadata, projectorVectors, reportObject, stableJson,
} from '../../src/method/outputs';
import { defaultParams } from '../../src/method/params';
import { embedding, smallResults } from './results-fixture';

const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('output files', () => {
  it('word2vec text has the gensim header and one parseable row per sender', () => {
    const lines = text(embeddingsText(embedding)).trim().split('\n');
    expect(lines[0]).toBe('3 2');
    expect(lines[3].split(' ')[0]).toBe('2001:db8::1');
    const parsed = lines.slice(1).flatMap((l) => l.split(' ').slice(1).map(Number));
    expect(Float32Array.from(parsed)).toEqual(embedding.vectors);
  });

  it('clusters.csv: the vote and the best known label, who the sender is and its fingerprint shares; user text quoted and defused', () => {
    const rows = text(clustersCsv(smallResults())).trim().split('\n');
    expect(rows[0]).toBe('ip,cluster,silhouette,label,predicted,vote_share,best_known,best_known_share,packets,asn,as_name,country,mirai_share,zmap_share,masscan_share,backscatter_share');
    // The AS name from the database is defused like a label; the trace had no IP IDs, so ZMap's and Masscan's shares are empty, not 0.
    expect(rows[1]).toBe(`10.0.0.1,0,0.5,censys,censys,0.75,censys,0.75,10,13335,"'=HYPERLINK(""x""),CLOUDFLARENET",US,1,,,0`);
    expect(rows[2]).toBe(`10.0.0.2,0,0.25,"'=x,""y""",unknown,0.5,censys,0.25,20,,,,0.5,,,0`);
    expect(rows[3]).toBe('2001:db8::1,1,0,,n.a.,0,censys,0.5,30,,,NL,0,,,0.25');
  });

  it('clusters.csv without labels leaves the label columns empty, without a database the enrichment columns', () => {
    const r = { ...smallResults(), classification: null };
    r.senders = { ...r.senders, enrichment: null };
    expect(text(clustersCsv(r)).split('\n')[3]).toBe('2001:db8::1,1,0,,,,,,30,,,,0,,,0.25');
    expect(outputFiles(r, embedding, defaultParams()).map((f) => f.name)).not.toContain('classification.csv');
  });

  it('clusters.csv and metadata.tsv gain a sources column only for a run of several traces', () => {
    const r = smallResults();
    r.input = { ...r.input!, inputs: [r.input!.inputs[0], { ...r.input!.inputs[0], file: 'cowrie.json', format: 'cowrie' }], sendersInSeveral: 1 };
    r.senders = { ...r.senders, sources: Uint8Array.from([0b01, 0b11, 0b10]) };
    const rows = text(clustersCsv(r)).trim().split('\n');
    expect(rows[0].endsWith(',backscatter_share,sources')).toBe(true);
    expect(rows.slice(1).map((l) => l.split(',').at(-1))).toEqual(['trace.csv', 'trace.csv;cowrie.json', 'cowrie.json']);
    expect(text(projectorMetadata(r)).trim().split('\n')[2].split('\t').at(-1)).toBe('trace.csv;cowrie.json');
    expect(text(clustersCsv(smallResults())).split('\n')[0]).not.toContain('sources');
  });

  it('classification.csv is scikit-learn\'s report', () => {
    const rows = text(classificationCsv(smallResults())).trim().split('\n');
    expect(rows).toEqual([
      'class,precision,recall,f1,support',
      'censys,1,1,1,1',
      `"'=x,""y""",0,0,0,1`,
      'accuracy,,,0.5,2',
      'macro avg,0.5,0.5,0.5,2',
      'weighted avg,0.5,0.5,0.5,2',
    ]);
  });

  it('projector vectors and metadata line up; metadata is defused', () => {
    const vectors = text(projectorVectors(embedding)).trim().split('\n');
    const metadata = text(projectorMetadata(smallResults())).trim().split('\n');
    expect(vectors).toHaveLength(3);
    expect(metadata).toHaveLength(4);
    expect(vectors[1].split('\t').map(Number)).toEqual([0.25, 2]);
    expect(metadata[0]).toBe('ip\tlabel\tpredicted\tcluster\tpackets\tservice\tsilhouette\tasn\tas_name\tcountry\tmirai_share\tzmap_share\tmasscan_share\tbackscatter_share');
    expect(metadata[1].split('\t')).toEqual(['10.0.0.1', 'censys', 'censys', '0', '10', 'telnet', '0.5', '13335', `'=HYPERLINK("x"),CLOUDFLARENET`, 'US', '1', '', '', '0']);
    expect(metadata[2].split('\t')).toEqual(['10.0.0.2', `'=x,"y"`, 'unknown', '0', '20', 'ssh', '0.25', '', '', '', '0.5', '', '', '0']);
  });

  it('report.json: parameters, labels, the IP databases and the curve; NaN is null; no per-hour counts', () => {
    const params = defaultParams(2);
    const report = JSON.parse(stableJson(reportObject({ ...smallResults(), clustering: { ...smallResults().clustering, modularity: NaN } }, params)));
    expect(report.schema).toBe('darkvec-report/2');
    expect(report.parameters).toEqual(params);
    expect(report.clustering.modularity).toBeNull();
    expect(report.clustering.curve).toEqual([{ graphK: 1, modularity: 0.4, clusters: 2 }, { graphK: 2, modularity: 0.3, clusters: 2 }]);
    expect(report.knn.confusion.rows[1]).toEqual(['=x,"y"', [0, 0, 1, 0]]);
    expect(report.input.packetsPerHour).toBeUndefined();
    expect(report.input.skippedByReason).toEqual({ 'bad port': 1 });
    expect(report.input.inputs).toEqual([{ file: 'trace.csv', format: 'delimited', rows: 99, packets: 99, senders: 5, sendersKept: 3 }]);
    expect(report.enrichment).toEqual({ databases: [{ file: 'ip2asn.tsv', format: 'ip2asn', matched: 2 }], senders: 3, enriched: 2, withAsn: 1, withCountry: 2 });
    expect(report.labels.fingerprints.classes.map((c: { name: string }) => c.name)).toEqual(['ZMap', 'Masscan', 'Backscatter']);
  });

  it('cluster-summaries.json: fingerprint shares, top ASNs and countries, senders per trace of several', () => {
    const r = smallResults();
    r.clustering.summaries = [{
      cluster: 0, senders: 2, packets: 30, distinctPorts: 1, topPorts: [], topSubnetsNarrow: [], topSubnetsWide: [], labels: [],
      miraiShare: 0.5, zmapShare: null, masscanShare: null, backscatterShare: 0, meanSilhouette: 0.375,
      topAsns: [{ asn: 13335, name: 'X', senders: 1, share: 0.5 }], topCountries: [{ name: 'US', senders: 1, share: 0.5 }], enrichedShare: 0.5, sourceSenders: [2, 1],
    }];
    const [c] = JSON.parse(clusterSummariesJson(r));
    expect(c).toMatchObject({ miraiShare: 0.5, zmapShare: null, backscatterShare: 0, topAsns: [{ asn: 13335, name: 'X', senders: 1, share: 0.5 }], topCountries: [{ name: 'US', senders: 1, share: 0.5 }], enrichedShare: 0.5 });
    // One trace: no per-trace counts.
    expect(c.sources).toBeUndefined();
    r.input = { ...r.input!, inputs: [r.input!.inputs[0], { ...r.input!.inputs[0], file: 'cowrie.json' }] };
    expect(JSON.parse(clusterSummariesJson(r))[0].sources).toEqual([{ file: 'trace.csv', senders: 2, share: 1 }, { file: 'cowrie.json', senders: 1, share: 0.5 }]);
  });

  it('graph.gexf: the clustering\'s k-NN graph with every sender column as node attributes, only with the neighbour lists', () => {
    const r = smallResults();
    expect(outputFiles(r, embedding, defaultParams()).map((f) => f.name)).not.toContain('graph.gexf');
    // Lists of 2 neighbours (the graph's k = 3 is cut to them): 0-1, 0-2 and 1-2.
    const knn = { n: 3, k: 2, indices: Int32Array.from([1, 2, 0, 2, 1, 0]), similarities: Float32Array.from([0.9, -0.1, 0.9, 0.5, 0.5, -0.1]) };
    expect(outputFiles(r, embedding, defaultParams(), { knn }).map((f) => f.name)).toContain('graph.gexf');
    const g = parse(Graph, text(graphGexf(r, knn)));
    expect(g.order).toBe(3);
    expect(g.size).toBe(3);
    // Louvain's graph: negative similarities are clamped at 0.
    expect(g.getEdgeAttribute(g.edge('10.0.0.1', '2001:db8::1'), 'weight')).toBe(0);
    expect(g.getEdgeAttribute(g.edge('10.0.0.1', '10.0.0.2'), 'weight')).toBe(0.9);
    expect(g.getNodeAttributes('10.0.0.1')).toEqual({
      label: '10.0.0.1', cluster: 0, silhouette: 0.5, gt_class: 'censys', predicted: 'censys', vote_share: 0.75, best_known: 'censys', packets: 10,
      service: 'telnet', asn: 13335, as_name: '=HYPERLINK("x"),CLOUDFLARENET', country: 'US', mirai_share: 1, backscatter_share: 0,
    });
    expect(g.getNodeAttributes('2001:db8::1')).toMatchObject({ cluster: 1, predicted: 'n.a.', country: 'NL', backscatter_share: 0.25 });
    expect(g.getNodeAttributes('2001:db8::1').gt_class).toBeUndefined();
  });

  it('joins pieces into blocks without losing or reordering any', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const blocks = [...inBlocks(pieces, 100)];
    expect(blocks.join('')).toBe(pieces.join(''));
    expect(blocks.length).toBeGreaterThan(10);
  });
});
