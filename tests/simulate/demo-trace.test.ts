// The page's "Generate a demo trace" entry points.
import { describe, expect, it } from 'vitest';
import type { PacketSink } from '../../src/ingest/packet-sink';
import { tcpFlagsText } from '../../src/ingest/tcp-flags';
import { generateDemoTrace, SAMPLE_OPTIONS, simulateIntoSink } from '../../src/simulate/index';

describe('generateDemoTrace', () => {
  it('gives trace chunks, labels and truth that agree, reproducibly', () => {
    const opts = { seed: 5, scale: 0.01, senderFloor: 3 };
    const demo = generateDemoTrace(opts);
    const text = [...demo.traceChunks()].map((c) => new TextDecoder().decode(c)).join('');
    const again = [...generateDemoTrace(opts).traceChunks()].map((c) => new TextDecoder().decode(c)).join('');
    expect(again).toBe(text);
    const senders = new Set(text.trimEnd().split('\n').slice(1).map((l) => l.split(',')[1]));
    const truth = demo.truthCsv().trimEnd().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(new Set(truth)).toEqual(senders);
    const labels = demo.labelsCsv().trimEnd().split('\n');
    expect(labels[0]).toBe('ip,label');
    expect(labels.length).toBeGreaterThan(50);
    expect(demo.simulation.options.days).toBe(1);
  });

  it('defaults to the bundled sample settings', () => {
    const o = generateDemoTrace().simulation.options;
    expect([o.seed, o.scale, o.senderFloor, o.excessPacketScale]).toEqual([
      SAMPLE_OPTIONS.seed, SAMPLE_OPTIONS.scale, SAMPLE_OPTIONS.senderFloor, SAMPLE_OPTIONS.excessPacketScale,
    ]);
  });
});

describe('simulateIntoSink', () => {
  it('delivers the same packets as the CSV, in time order, with ports -1 for ICMP', () => {
    const opts = { seed: 9, scale: 0.01, senderFloor: 3 };
    const rows = [...generateDemoTrace(opts).traceChunks()].map((c) => new TextDecoder().decode(c)).join('').trimEnd().split('\n').slice(1);
    const got: string[] = [];
    let last = 0;
    let backwards = 0;
    const sink: PacketSink = {
      packet(ts, src, dstPort, proto, packets, dstIp, length, tcpSeq, ipId, tcpFlags, icmpType) {
        if (ts < last) backwards++;
        last = ts;
        expect(packets).toBe(1);
        const dst = `${dstIp >>> 24}.${(dstIp >>> 16) & 255}.${(dstIp >>> 8) & 255}.${dstIp & 255}`;
        const flags = tcpFlags < 0 ? '' : tcpFlagsText(tcpFlags);
        got.push([ts.toFixed(6), src, dst, dstPort < 0 ? '' : dstPort, proto, length, tcpSeq < 0 ? '' : tcpSeq, ipId, flags, icmpType < 0 ? '' : icmpType].join(','));
      },
      skip() {
        throw new Error('the simulator never skips');
      },
    };
    simulateIntoSink(generateDemoTrace(opts).simulation, sink);
    expect(backwards).toBe(0);
    expect(got.length).toBe(rows.length);
    // Count mismatches rather than deep-equal: a failing diff of 10^4 rows takes minutes to print.
    expect(got.filter((g, i) => g !== rows[i]).slice(0, 3)).toEqual([]);
  });
});
