// Subnet keys for cluster summaries. IPv4 groups by /24 and /16 as the paper;
// IPv6 has no such convention for scanners, so we use /48 (a site) in place of
// /24 and /32 (a typical provider allocation) in place of /16.

export type SubnetLevel = 'narrow' | 'wide';

export function subnetOf(ip: string, level: SubnetLevel): string {
  if (ip.includes(':')) {
    const groups = expandIpv6(ip);
    if (!groups) return ip;
    const keep = level === 'narrow' ? 3 : 2;
    return `${groups.slice(0, keep).map((g) => g.toString(16)).join(':')}::/${keep * 16}`;
  }
  const parts = ip.split('.');
  if (parts.length !== 4) return ip;
  return level === 'narrow' ? `${parts[0]}.${parts[1]}.${parts[2]}.0/24` : `${parts[0]}.${parts[1]}.0.0/16`;
}

function expandIpv6(ip: string): number[] | null {
  const [head, tail, extra] = ip.split('::');
  if (extra !== undefined) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  const missing = 8 - h.length - t.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...h, ...new Array(missing).fill(0), ...t];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
