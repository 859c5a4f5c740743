import { expect, it } from 'vitest';
import { previewTrace } from '../../src/ingest/preview-trace';
import { gzipped, sourceOf } from './trace-fixtures';

it('shows the header, the first rows, the delimiter and the detected mapping', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${1000 + i}\t10.0.0.${i}\t23\ttcp\t3`).join('\n');
  const preview = await previewTrace(sourceOf(gzipped(`time\tsaddr\tdport\tprotocol\tpkts\n${rows}\n`)), 'flows.tsv.gz', 3);
  expect(preview).toEqual({
    format: 'delimited',
    header: ['time', 'saddr', 'dport', 'protocol', 'pkts'],
    rows: [
      ['1000', '10.0.0.0', '23', 'tcp', '3'],
      ['1001', '10.0.0.1', '23', 'tcp', '3'],
      ['1002', '10.0.0.2', '23', 'tcp', '3'],
    ],
    delimiter: '\t',
    mapping: { ts: 0, src: 1, dstPort: 2, proto: 3, dstIp: -1, length: -1, tcpSeq: -1, packets: 4, ipId: -1, tcpFlags: -1, icmpType: -1 },
    missing: [],
  });
});

it('names the required fields the header lacks, so the user can map them', async () => {
  const preview = await previewTrace(sourceOf('when,who,port\n1,1.1.1.1,80\n'), 'odd.csv');
  expect(preview.missing).toEqual(['ts', 'src']);
  expect(preview.rows).toEqual([['1', '1.1.1.1', '80']]);
});
