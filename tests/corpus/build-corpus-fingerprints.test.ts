// The corpus step counts each fingerprint per sender and can drop backscatter.
import { describe, expect, it } from 'vitest';
import { buildCorpus, type CorpusOptions } from '../../src/corpus/build-corpus';
import { FINGERPRINT, masscanIpId } from '../../src/corpus/fingerprints';
import { fingerprintLabels } from '../../src/corpus/fingerprint-labels';
import { sourceOf } from '../ingest/trace-fixtures';

const build = (text: string, options: Partial<CorpusOptions> = {}) =>
  buildCorpus(() => sourceOf(text, 13), { fileName: 't.csv', minPackets: 1, services: 'auto', ...options });

const DST = '198.51.100.7';
const DST_N = 0xc6336407;
const header = 'ts,src_ip,dst_ip,dst_port,proto,tcp_seq,ip_id,tcp_flags,icmp_type\n';
const trace =
  header +
  `1,10.0.0.1,${DST},23,6,${DST_N},100,S,\n` + // Mirai
  `2,10.0.0.2,${DST},443,6,5,54321,S,\n` + // ZMap
  `3,10.0.0.2,${DST},80,6,6,54321,S,\n` + // ZMap
  `4,10.0.0.3,${DST},22,6,99,${masscanIpId(DST_N, 22, 99)},S,\n` + // Masscan
  `5,10.0.0.3,${DST},22,6,98,1,S,\n` + // not Masscan
  `6,10.0.0.4,${DST},40000,6,7,2,SA,\n` + // backscatter
  `7,10.0.0.4,${DST},40001,6,8,3,RA,\n` + // backscatter
  `8,10.0.0.4,${DST},,1,,4,,3\n` + // backscatter: unreachable
  `9,10.0.0.5,${DST},,1,,5,,8\n`; // echo request: a probe

describe('fingerprints in the corpus step', () => {
  it('counts fingerprinted packets per sender and marks the log rows', async () => {
    const { corpus, stats, log } = await build(trace);
    expect(corpus.vocab).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(Array.from(stats.miraiPackets)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(stats.zmapPackets)).toEqual([0, 2, 0, 0, 0]);
    expect(Array.from(stats.masscanPackets)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(stats.backscatterPackets)).toEqual([0, 0, 0, 3, 0]);
    expect([stats.hasMiraiColumns, stats.hasZmapColumns, stats.hasMasscanColumns, stats.hasBackscatterColumns]).toEqual([true, true, true, true]);
    const { mirai, zmap, masscan, backscatter } = FINGERPRINT;
    expect(Array.from(log.fingerprints)).toEqual([mirai, zmap, zmap, masscan, 0, backscatter, backscatter, backscatter, 0]);
    expect(Object.fromEntries(fingerprintLabels(corpus.vocab, stats))).toEqual({
      '10.0.0.1': 'Mirai-like',
      '10.0.0.2': 'ZMap',
      '10.0.0.4': 'Backscatter',
    });
  });

  it('says which fingerprints a trace without the fields cannot show', async () => {
    const { stats } = await build('ts,src_ip,dst_port,proto\n1,10.0.0.1,23,6\n');
    expect([stats.hasMiraiColumns, stats.hasZmapColumns, stats.hasMasscanColumns, stats.hasBackscatterColumns]).toEqual([false, false, false, false]);
  });

  it('drops backscatter before anything is counted, when asked', async () => {
    const kept = await build(trace);
    const dropped = await build(trace, { dropBackscatter: true });
    expect(kept.report.backscatterDropped).toEqual({ rows: 0, packets: 0 });
    expect(dropped.report.backscatterDropped).toEqual({ rows: 3, packets: 3 });
    expect(dropped.corpus.vocab).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.5']);
    expect(dropped.report.packets).toBe(kept.report.packets - 3);
    expect(dropped.report.topPorts.map((p) => p.name)).not.toContain('40000/tcp');
    expect(Array.from(dropped.stats.backscatterPackets)).toEqual([0, 0, 0, 0]);
  });

  it('warns when backscatter was to be dropped but the trace cannot show it, and refuses a trace of backscatter only', async () => {
    const { report } = await build('ts,src_ip,dst_port,proto\n1,10.0.0.1,23,6\n', { dropBackscatter: true });
    expect(report.warnings).toContain('backscatter could not be dropped: the trace has no TCP flags or ICMP types');
    await expect(build(`${header}1,10.0.0.4,${DST},40000,6,7,2,SA,\n`, { dropBackscatter: true })).rejects.toThrow(
      't.csv: all 1 rows are backscatter, which was to be dropped',
    );
  });
});
