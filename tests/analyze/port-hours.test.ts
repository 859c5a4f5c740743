import { describe, expect, it } from 'vitest';
import { portHours, sendersOnPort } from '../../src/analyze/port-hours.ts';
import type { PacketLog } from '../../src/corpus/sender-stats.ts';

const log: PacketLog = {
  ts: new Float64Array([3600, 3700, 7300, 7400, 11000]),
  sender: new Int32Array([0, 1, 0, 2, 1]),
  port: new Int32Array([23, 23, 22, 23, -1]),
  proto: new Uint8Array([6, 17, 6, 6, 1]),
  packets: new Int32Array([1, 2, 3, 4, 5]),
  fingerprints: new Uint8Array(5),
};

describe('the packet log by port and by hour', () => {
  it('senders that sent to a port, any protocol or one', () => {
    expect(Array.from(sendersOnPort(log, 3, 23, -1))).toEqual([0, 1, 2]);
    expect(Array.from(sendersOnPort(log, 3, 23, 6))).toEqual([0, 2]);
    expect(Array.from(sendersOnPort(log, 3, 80, -1))).toEqual([]);
  });

  it('a cluster\'s top ports hour by hour, and its whole port set', () => {
    const h = portHours(0, new Int32Array([0, 1, 0]), log);
    expect(h.hourStart).toBe(3600);
    expect(h.hours).toBe(3);
    expect(h.services).toEqual(['23/tcp', '22/tcp']);
    expect(Array.from(h.packets)).toEqual([1, 4, 0, 0, 3, 0]);
    expect(h.allServices).toEqual(['23/tcp', '22/tcp']);
    expect(portHours(1, new Int32Array([0, 1, 0]), log).allServices).toEqual(['icmp', '23/udp']);
  });
});
