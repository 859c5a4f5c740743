// Our GEXF writer read back with graphology-gexf's parser: nodes by IP, typed
// attributes, missing values left out, weighted undirected edges, and user
// text that is markup or carries characters XML cannot hold.
import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { gexfChunks, xmlAttribute, type GexfGraph } from '../../src/method/gexf';

const graph = (): GexfGraph => ({
  ids: ['10.0.0.1', '10.0.0.2', '2001:db8::1'],
  source: Int32Array.from([0, 0]),
  target: Int32Array.from([1, 2]),
  weight: Float32Array.from([0.75, 0.125]),
  description: 'k-NN graph <k=3> & clusters',
  columns: [
    { title: 'cluster', type: 'integer', value: (i) => [0, 0, 1][i] },
    { title: 'gt_class', type: 'string', value: (i) => ['<script>x</script>', 'a\u0001b "q" & \'s\'', ''][i] },
    { title: 'asn', type: 'long', value: (i) => [13335, null, 4200000001][i] },
    { title: 'mirai_share', type: 'double', value: (i) => [1, 1 / 3, NaN][i] },
  ],
});

describe('GEXF', () => {
  const g = parse(Graph, [...gexfChunks(graph())].join(''));

  it('reads back with graphology-gexf: an undirected graph of the senders and their weighted edges', () => {
    expect(g.type).toBe('undirected');
    expect(g.nodes()).toEqual(['10.0.0.1', '10.0.0.2', '2001:db8::1']);
    expect(g.size).toBe(2);
    expect(g.getEdgeAttributes(g.edge('10.0.0.1', '10.0.0.2'))).toEqual({ weight: 0.75 });
    expect(g.getEdgeAttributes(g.edge('10.0.0.1', '2001:db8::1'))).toEqual({ weight: 0.125 });
  });

  it('gives each node its typed attributes, user text as text, and leaves out what is unknown', () => {
    expect(g.getNodeAttributes('10.0.0.1')).toEqual({ label: '10.0.0.1', cluster: 0, gt_class: '<script>x</script>', asn: 13335, mirai_share: 1 });
    expect(g.getNodeAttributes('10.0.0.2')).toEqual({ label: '10.0.0.2', cluster: 0, gt_class: 'ab "q" & \'s\'', mirai_share: 0.333333 });
    expect(g.getNodeAttributes('2001:db8::1')).toEqual({ label: '2001:db8::1', cluster: 1, asn: 4200000001 });
  });

  it('escapes the five XML specials and drops characters XML 1.0 cannot hold (controls, lone surrogates)', () => {
    expect(xmlAttribute('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlAttribute('a\u0000b\u001fc\td\ud800e\u{1F600}')).toBe('abc\td' + 'e\u{1F600}');
  });
});
