// GEXF (Gephi's graph format), written in pieces like every other output: a
// month's k-NN graph (500 k senders, ~1 M edges) is ~150 MB of XML, which
// graphology-gexf would first build as a graphology Graph (an object per node
// and edge) and then as one string. The format is small (nodes with
// attribute values, weighted edges), so this writer streams it from the typed
// arrays; tests/method/gexf.test.ts reads the file back with graphology-gexf's
// parser. Version 1.2draft: what networkx writes and reads by default and what
// every Gephi 0.9 opens.

export type GexfType = 'integer' | 'long' | 'double' | 'float' | 'string' | 'boolean';

export interface GexfColumn {
  title: string;
  type: GexfType;
  /** The node's value; null, '' or NaN leave it out (Gephi shows it empty). */
  value(node: number): string | number | null;
}

export interface GexfGraph {
  /** Node ids (unique), also their labels. */
  ids: readonly string[];
  source: Int32Array;
  target: Int32Array;
  weight: Float32Array;
  columns: readonly GexfColumn[];
  description: string;
}

// XML 1.0 forbids most control characters even escaped; user text (labels,
// AS names from a database) may carry them, so they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as an XML attribute value. */
export function xmlAttribute(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function valueText(v: string | number): string {
  if (typeof v === 'string') return xmlAttribute(v);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

export function* gexfChunks(g: GexfGraph): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n';
  yield `  <meta><creator>DarkVec Studio</creator><description>${xmlAttribute(g.description)}</description></meta>\n`;
  yield '  <graph mode="static" defaultedgetype="undirected">\n';
  if (g.columns.length > 0) {
    yield '    <attributes class="node" mode="static">\n';
    for (let a = 0; a < g.columns.length; a++) yield `      <attribute id="${a}" title="${xmlAttribute(g.columns[a].title)}" type="${g.columns[a].type}"/>\n`;
    yield '    </attributes>\n';
  }
  yield '    <nodes>\n';
  for (let i = 0; i < g.ids.length; i++) {
    const id = xmlAttribute(g.ids[i]);
    let values = '';
    for (let a = 0; a < g.columns.length; a++) {
      const v = g.columns[a].value(i);
      if (v === null || v === '' || (typeof v === 'number' && !Number.isFinite(v))) continue;
      values += `<attvalue for="${a}" value="${valueText(v)}"/>`;
    }
    yield values ? `      <node id="${id}" label="${id}"><attvalues>${values}</attvalues></node>\n` : `      <node id="${id}" label="${id}"/>\n`;
  }
  yield '    </nodes>\n    <edges>\n';
  for (let e = 0; e < g.source.length; e++) {
    yield `      <edge id="${e}" source="${xmlAttribute(g.ids[g.source[e]])}" target="${xmlAttribute(g.ids[g.target[e]])}" weight="${valueText(g.weight[e])}"/>\n`;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
