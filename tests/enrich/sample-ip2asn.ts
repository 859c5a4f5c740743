// An ip2asn TSV for the bundled sample, made from its ground truth: the
// sample's addresses are simulated, so the ranges are ours to assign. Each
// scanning project's /24s get an AS of their own (documentation and private AS
// numbers, "SIM-" names: no real network is named), every other sender's /8
// an AS and a country, except the /8s whose first octet is a multiple of 7,
// which stay unknown. Project /24s nest in those /8s; the innermost range wins.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TRUTH = fileURLToPath(new URL('../../samples/truth.csv', import.meta.url));

/** Project group -> AS number, country, name. Shodan's name is markup: the page must show it as text. */
export const PROJECT_AS: Record<string, [number, string, string]> = {
  censys: [64496, 'US', 'SIM-CENSYS Simulated Scanning Project'],
  shodan: [64497, 'US', '<b>SIM-SHODAN</b>'],
  stretchoid: [64498, 'US', 'SIM-STRETCHOID'],
  binaryedge: [64499, 'CH', 'SIM-BINARYEDGE'],
  'internet-census': [64500, 'DE', 'SIM-INTERNET-CENSUS'],
  sharashka: [64501, 'NL', 'SIM-SHARASHKA'],
  ipip: [64502, 'CN', 'SIM-IPIP'],
  'engin-umich': [64503, 'US', 'SIM-UMICH'],
};

const COUNTRIES = ['NL', 'US', 'DE', 'CN', 'RU', 'BR', 'JP', 'FR', 'IN', 'KR'];

/** AS of a /8 that has one: 4,200,000,000 + its first octet (32-bit private ASNs). */
export const octetAsn = (octet: number) => 4_200_000_000 + octet;
export const octetCountry = (octet: number) => COUNTRIES[octet % COUNTRIES.length];
export const octetKnown = (octet: number) => octet % 7 !== 0;

export function sampleTruth(): Map<string, string> {
  const lines = readFileSync(TRUTH, 'utf8').trimEnd().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',') as [string, string]));
}

/** The /24s of the projects' senders -> their group. */
function projectNets(truth: Map<string, string>): Map<string, string> {
  const nets = new Map<string, string>();
  for (const [ip, group] of truth) if (group in PROJECT_AS) nets.set(net24(ip), group);
  return nets;
}

const net24 = (ip: string) => ip.split('.').slice(0, 3).join('.');

export const sampleNets = () => projectNets(sampleTruth());

export function sampleIp2asn(): string {
  const lines: string[] = [];
  for (let octet = 1; octet < 224; octet++) {
    if (octetKnown(octet)) lines.push(`${octet}.0.0.0\t${octet}.255.255.255\t${octetAsn(octet)}\t${octetCountry(octet)}\tSIM-NET-${octet}`);
  }
  for (const [net, group] of [...projectNets(sampleTruth())].sort()) {
    const [asn, country, name] = PROJECT_AS[group];
    lines.push(`${net}.0\t${net}.255\t${asn}\t${country}\t${name}`);
  }
  return lines.join('\n') + '\n';
}

/** What the fixture gives an address: [asn, country, name] or null; `nets` from sampleNets() once for many lookups. */
export function expectedEnrichment(ip: string, nets = projectNets(sampleTruth())): [number, string, string] | null {
  const group = nets.get(net24(ip));
  if (group) return PROJECT_AS[group];
  const octet = Number(ip.split('.')[0]);
  return octetKnown(octet) && octet < 224 ? [octetAsn(octet), octetCountry(octet), `SIM-NET-${octet}`] : null;
}
