import { describe, expect, it } from 'vitest';
import { LIFECYCLE_DAYS, LIFECYCLE_EVENTS, lifecycleCsv, lifecycleSimulation, plantedGroupOf } from '../../src/simulate/lifecycle';
import { Simulation } from '../../src/simulate/simulator';

// The planted groups alone (no backdrop): the hooks are what is tested here.
const sim = lifecycleSimulation({ seed: 3, scale: 0.1 }, []);

/** Per group id and day: senders, packets and ports (port/proto). */
function perDay() {
  const out = new Map<string, { senders: Set<number>; packets: number; ports: Set<string>; }[]>();
  for (const g of sim.groups) out.set(g.spec.id, Array.from({ length: sim.options.days }, () => ({ senders: new Set<number>(), packets: 0, ports: new Set<string>(), })));
  for (const s of sim.slices()) {
    for (let i = 0; i < s.count; i++) {
      const day = out.get(sim.groups[sim.group[s.sender[i]]].spec.id)![s.day];
      day.senders.add(s.sender[i]);
      day.packets++;
      day.ports.add(`${s.port[i]}/${s.proto[i]}`);
    }
  }
  return out;
}
const days = perDay();
const active = (id: string) => days.get(id)!.map((d) => d.senders.size > 0);
/** A coordinated group's window hours that day. */
const windows = (id: string, day: number) => sim.planDay(day).schedules[sim.groups.findIndex((g) => g.spec.id === id)][0].hours;

describe('lifecycle scenario', () => {
  it('sends each planted group on its days only', () => {
    expect(sim.options.days).toBe(LIFECYCLE_DAYS);
    expect(active('steady-rdp')).toEqual([true, true, true, true, true, true]);
    expect(active('emerging-vnc')).toEqual([false, false, true, true, true, true]);
    expect(active('vanishing-sip')).toEqual([true, true, true, false, false, false]);
    expect(active('pausing-redis')).toEqual([true, true, false, false, true, true]);
    // The same senders come back after the pause.
    const redis = days.get('pausing-redis')!;
    expect([...redis[4].senders].sort()).toEqual([...redis[0].senders].sort());
  });

  it('splits: the second half scans as the first until day 3, then its own ports at its own hours', () => {
    const a = days.get('splitting-web')!;
    const b = days.get('splitting-web-b')!;
    for (let d = 0; d < 3; d++) {
      expect([...b[d].ports].sort(), `day ${d + 1}`).toEqual([...a[d].ports].sort());
      expect(windows('splitting-web-b', d), `day ${d + 1}`).toEqual(windows('splitting-web', d));
    }
    for (let d = 3; d < 6; d++) {
      expect(windows('splitting-web-b', d), `day ${d + 1}`).not.toEqual(windows('splitting-web', d));
      expect([...b[d].ports], `day ${d + 1}`).toEqual(['8443/6']);
      expect([...a[d].ports].sort(), `day ${d + 1}`).toEqual(['8000/6', '8081/6']);
    }
  });

  it('merges: from day 5 the second campaign scans as the first, five times harder', () => {
    const ftp = days.get('merging-ftp')!;
    const smtp = days.get('merging-smtp')!;
    expect([...smtp[3].ports].sort()).toEqual(['25/6', '587/6']);
    expect(windows('merging-smtp', 3)).not.toEqual(windows('merging-ftp', 3));
    for (let d = 4; d < 6; d++) {
      expect([...smtp[d].ports]).toEqual(['21/6']);
      expect(windows('merging-smtp', d)).toEqual(windows('merging-ftp', d));
    }
    expect(ftp[4].packets / ftp[3].packets).toBeGreaterThan(4);
    expect(ftp[4].packets / ftp[3].packets).toBeLessThan(6);
    const plain = lifecycleSimulation({ seed: 3, scale: 0.1 }, [], { mergeRate: 1 });
    const count = (s: Simulation, id: string, day: number) => {
      const gi = s.groups.findIndex((g) => g.spec.id === id);
      const plan = s.planDay(day);
      let n = 0;
      plan.ids.forEach((sender, a) => {
        if (s.group[sender] === gi) for (let h = 0; h < 24; h++) n += plan.counts[a * 24 + h];
      });
      return n;
    };
    expect(count(plain, 'merging-ftp', 4)).toBeCloseTo(ftp[3].packets, -2);
  });

  it('writes the planted events with their dates, and names every planted sender', () => {
    const csv = lifecycleCsv(sim).trim().split('\n');
    expect(csv[0]).toBe('group,event,date,related');
    expect(csv).toContain('emerging-vnc,emerged,2021-04-02,');
    expect(csv).toContain('pausing-redis,reappeared,2021-04-04,');
    expect(csv).toContain('splitting-web,split,2021-04-03,splitting-web-b');
    expect(csv).toContain('merging-smtp,absorbed,2021-04-04,merging-ftp');
    expect(csv).toHaveLength(LIFECYCLE_EVENTS.length + 1);
    expect(new Set(plantedGroupOf(sim).values()).size).toBe(10);
  });

  it('refuses fewer than six days and a group following an unknown one', () => {
    expect(() => lifecycleSimulation({ seed: 1, days: 5 })).toThrow(/at least 6 days/);
    const [spec] = sim.groups.map((g) => g.spec);
    expect(() => new Simulation({ seed: 1 }, [{ ...spec, lifecycle: { as: { group: 'nobody', from: 0, to: 1 } } }])).toThrow(/follows unknown group nobody/);
  });
});
