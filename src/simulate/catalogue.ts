// Who sends traffic to the simulated telescope. Sizes at scale 1 are one day
// of the paper's /24 (2021-03-31, darkvec-method.md's ground-truth table); the
// unlabelled groups are the coordinated activities the paper found, sized from
// its findings where it gives a number and by judgement where it does not.

/** A port the group favours: [port, protocol, share of the group's packets]. Port -1 for ICMP. */
export type TopPort = readonly [port: number, proto: number, share: number];

export interface PortModel {
  /** Explicit ports with their packet shares (the "top-5" of the paper's table). */
  top: readonly TopPort[];
  /** Further ports, drawn from a seeded permutation of 1..65535 owned by the group, sharing the rest evenly. */
  tail?: { count: number; proto: number; range?: readonly [lo: number, hi: number] };
  /** When true, backscatter-like: every packet goes to a fresh random port in `tail.range`. */
  randomPerPacket?: boolean;
  /** With randomPerPacket: each sender's ports stay within its own window of this many ports. */
  rangeWidth?: number;
}

/**
 * How a group's senders spread their packets over time.
 * - bot: independent senders, a random subset of hours, diurnal, uniform in the hour.
 * - burst: independent senders, a few bursts of minutes each, at their own random hours.
 * - coordinated: the (sub)group shares active hours and a window inside each; members
 *   join each window with probability `participation`.
 * - epidemic: senders join over the run (logistic infection times) and then scan every hour.
 */
export type Timing =
  | { kind: 'bot'; hoursPerDay: readonly [min: number, max: number] }
  | {
      kind: 'burst';
      burstsPerDay: readonly [min: number, max: number];
      burstMinutes: readonly [min: number, max: number];
      /** A share of the bursts join the group's few campaign windows of the day (loose, partial coordination). */
      campaign?: { share: number; windowsPerDay: number };
    }
  | {
      kind: 'coordinated';
      windowsPerDay: number;
      windowMinutes: readonly [min: number, max: number];
      participation: number;
      /** Same hours every day (the paper's "regular daily patterns"); otherwise redrawn daily. */
      regular: boolean;
      /** Share of each sender's packets sent off schedule, at random hours (default 0.08). */
      stray?: number;
    }
  | { kind: 'epidemic' };

/** Where the senders' addresses come from. */
export type AddressPlan =
  | { kind: 'spread' }
  | { kind: 'blocks24'; blocks: number }
  /** One /16, each sub-group in its own /24 inside it. */
  | { kind: 'one16' };

export interface GroupSpec {
  /** Name in truth.csv. */
  id: string;
  /** Class name in labels.csv, or null for groups an analyst would not know. */
  label: string | null;
  /** Senders active per day at scale 1. */
  senders: number;
  /** Packets per day at scale 1. */
  packets: number;
  /** Spread of packets per sender: sigma of a log-normal weight (heavy tail). */
  sizeSigma: number;
  ports: PortModel;
  /** Sub-groups, each scanning its own share of `ports.tail` (Censys, Shadowserver). */
  subgroups?: number;
  /** Senders per sub-group share only the top ports, the tail is split among sub-groups. */
  timing: Timing;
  addresses: AddressPlan;
  /** Share of the active senders replaced by new ones each day (0 = the same senders all run). */
  churn: number;
  /** TCP sequence number = destination IPv4 address (the Mirai fingerprint). */
  mirai: boolean;
  /**
   * The scanning tool's IP ID fingerprint: ZMap's constant 54321, or Masscan's
   * (destination address xor destination port xor TCP sequence) in 16 bits.
   * Other senders' IP IDs never match either.
   */
  tool?: 'zmap' | 'masscan';
  /**
   * Backscatter: every packet is a reply of an attacked host to a spoofed
   * address, TCP as SYN-ACK, RST-ACK or RST, ICMP as echo reply, destination
   * unreachable or time exceeded (one kind per sender). Other senders send
   * SYNs and echo requests.
   */
  replies?: boolean;
  /** IP total length of this group's TCP probes. */
  tcpLength: number;
  /**
   * Background senders: each sender has its own handful of ports drawn from the
   * group's distribution (more ports for bigger senders) instead of drawing every
   * packet from the whole distribution.
   */
  perSenderPorts?: boolean;
  /** Not part of the paper's table (which counts senders after its 30-day filter). */
  belowFilter?: boolean;
  /** Multi-day scenarios (lifecycle.ts): when the group sends and whose behaviour it follows. */
  lifecycle?: Lifecycle;
}

export interface Lifecycle {
  /** 0-based days [from, to], inclusive, on which the group sends; default every day. */
  active?: readonly (readonly [from: number, to: number])[];
  /** On days [from, to] the group's senders follow group `group`'s timing and ports (its schedule too). */
  as?: { group: string; from: number; to: number };
  /** On days [from, to] the group sends `factor` times its packets. */
  rate?: { from: number; to: number; factor: number };
}

const TCP = 6;
const UDP = 17;
const ICMP = 1;

/** The paper's one-day table, for `--stats` to compare against. */
export const PAPER_TABLE: readonly { label: string; senders: number; packets: number; ports: number; top5: number }[] = [
  { label: 'Mirai-like', senders: 7351, packets: 88192, ports: 75, top5: 0.9734 },
  { label: 'Censys', senders: 336, packets: 233004, ports: 11118, top5: 0.075 },
  { label: 'Stretchoid', senders: 104, packets: 57144, ports: 91, top5: 0.142 },
  { label: 'Internet Census', senders: 103, packets: 9396, ports: 231, top5: 0.373 },
  { label: 'BinaryEdge', senders: 101, packets: 7646, ports: 21, top5: 0.387 },
  { label: 'Sharashka', senders: 50, packets: 5436, ports: 485, top5: 0.0228 },
  { label: 'Ipip', senders: 49, packets: 17342, ports: 41, top5: 0.589 },
  { label: 'Shodan', senders: 23, packets: 13566, ports: 349, top5: 0.041 },
  { label: 'Engin-Umich', senders: 10, packets: 506, ports: 1, top5: 1 },
  { label: 'Unknown', senders: 14272, packets: 2971687, ports: 10520, top5: 0.237 },
  { label: 'Total', senders: 22399, packets: 3403959, ports: 19882, top5: 0.228 },
];

const mirai: PortModel = {
  top: [
    [23, TCP, 0.82],
    [2323, TCP, 0.075],
    [80, TCP, 0.03],
    [8080, TCP, 0.025],
    [5555, TCP, 0.0234],
  ],
  tail: { count: 70, proto: TCP },
};

/** The unknown background's favourite services, heaviest first (a typical telescope's top list). */
const backgroundPorts: PortModel = {
  top: [
    [445, TCP, 0.075],
    [22, TCP, 0.05],
    [3389, TCP, 0.045],
    [23, TCP, 0.035],
    [80, TCP, 0.03],
    [1433, TCP, 0.025],
    [8080, TCP, 0.022],
    [443, TCP, 0.018],
    [5060, UDP, 0.016],
    [3306, TCP, 0.014],
    [6379, TCP, 0.012],
    [5900, TCP, 0.011],
    [8443, TCP, 0.01],
    [53, UDP, 0.01],
    [21, TCP, 0.009],
    [81, TCP, 0.008],
    [123, UDP, 0.008],
    [161, UDP, 0.007],
    [1900, UDP, 0.007],
    [25, TCP, 0.007],
    [8088, TCP, 0.006],
    [2375, TCP, 0.006],
    [9200, TCP, 0.005],
    [5432, TCP, 0.005],
    [27017, TCP, 0.005],
    [137, UDP, 0.004],
    [139, TCP, 0.004],
    [110, TCP, 0.003],
    [-1, ICMP, 0.02],
  ],
  tail: { count: 7100, proto: TCP },
};

export const GROUPS: readonly GroupSpec[] = [
  // --- labelled classes (the analyst's ground truth) ---
  {
    id: 'mirai-like', label: 'Mirai-like', senders: 7351, packets: 88192, sizeSigma: 0.9, ports: mirai,
    timing: { kind: 'bot', hoursPerDay: [3, 20] }, addresses: { kind: 'spread' }, churn: 0.4, mirai: true, tcpLength: 40,
  },
  {
    id: 'censys', label: 'Censys', senders: 336, packets: 233004, sizeSigma: 0.35, subgroups: 4,
    ports: { top: [[80, TCP, 0.017], [443, TCP, 0.016], [22, TCP, 0.015], [8080, TCP, 0.014], [21, TCP, 0.013]], tail: { count: 11113, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 14, windowMinutes: [10, 25], participation: 0.85, regular: false },
    addresses: { kind: 'blocks24', blocks: 3 }, churn: 0, mirai: false, tcpLength: 44,
  },
  {
    id: 'stretchoid', label: 'Stretchoid', senders: 104, packets: 57144, sizeSigma: 0.6,
    ports: { top: [[22, TCP, 0.031], [443, TCP, 0.029], [80, TCP, 0.028], [3389, TCP, 0.027], [8080, TCP, 0.027]], tail: { count: 86, proto: TCP } },
    // Deliberately irregular (the paper's DKS recall for Stretchoid was 0.35): mostly
    // solo bursts, only some in shared campaign windows.
    timing: { kind: 'burst', burstsPerDay: [1, 6], burstMinutes: [2, 40], campaign: { share: 0.5, windowsPerDay: 4 } },
    addresses: { kind: 'blocks24', blocks: 12 }, churn: 0.1, mirai: false, tcpLength: 44,
  },
  {
    id: 'internet-census', label: 'Internet Census', senders: 103, packets: 9396, sizeSigma: 0.5,
    ports: { top: [[80, TCP, 0.1], [443, TCP, 0.085], [22, TCP, 0.07], [8080, TCP, 0.062], [3389, TCP, 0.056]], tail: { count: 226, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 8, windowMinutes: [8, 20], participation: 0.8, regular: false },
    addresses: { kind: 'blocks24', blocks: 2 }, churn: 0.05, mirai: false, tcpLength: 60,
  },
  {
    id: 'binaryedge', label: 'BinaryEdge', senders: 101, packets: 7646, sizeSigma: 0.5,
    ports: { top: [[80, TCP, 0.09], [443, TCP, 0.08], [8080, TCP, 0.076], [22, TCP, 0.074], [21, TCP, 0.067]], tail: { count: 16, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 6, windowMinutes: [10, 30], participation: 0.8, regular: false },
    addresses: { kind: 'blocks24', blocks: 4 }, churn: 0.05, mirai: false, tcpLength: 60,
  },
  {
    id: 'sharashka', label: 'Sharashka', senders: 50, packets: 5436, sizeSigma: 0.5,
    ports: { top: [[80, TCP, 0.0046], [443, TCP, 0.0045], [22, TCP, 0.0045], [21, TCP, 0.0044], [25, TCP, 0.0044]], tail: { count: 480, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 5, windowMinutes: [15, 40], participation: 0.8, regular: false },
    addresses: { kind: 'blocks24', blocks: 2 }, churn: 0.05, mirai: false, tcpLength: 44,
  },
  {
    id: 'ipip', label: 'Ipip', senders: 49, packets: 17342, sizeSigma: 0.5,
    ports: { top: [[80, TCP, 0.2], [443, TCP, 0.14], [22, TCP, 0.1], [8080, TCP, 0.08], [3389, TCP, 0.069]], tail: { count: 36, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 10, windowMinutes: [10, 20], participation: 0.85, regular: false },
    addresses: { kind: 'blocks24', blocks: 2 }, churn: 0, mirai: false, tcpLength: 44,
  },
  {
    id: 'shodan', label: 'Shodan', senders: 23, packets: 13566, sizeSigma: 0.4,
    ports: { top: [[80, TCP, 0.0086], [443, TCP, 0.0084], [22, TCP, 0.0082], [8080, TCP, 0.008], [21, TCP, 0.0078]], tail: { count: 344, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 12, windowMinutes: [10, 30], participation: 0.8, regular: false },
    addresses: { kind: 'blocks24', blocks: 5 }, churn: 0, mirai: false, tcpLength: 44,
  },
  {
    id: 'engin-umich', label: 'Engin-Umich', senders: 10, packets: 506, sizeSigma: 0.2,
    ports: { top: [[443, TCP, 1]] },
    timing: { kind: 'coordinated', windowsPerDay: 2, windowMinutes: [10, 15], participation: 1, regular: true, stray: 0 },
    addresses: { kind: 'blocks24', blocks: 1 }, churn: 0, mirai: false, tcpLength: 44,
  },
  // --- unlabelled coordinated groups the paper's clustering found ---
  {
    id: 'mirai-massive', label: null, senders: 1412, packets: 56480, sizeSigma: 0.5,
    ports: { top: [[23, TCP, 0.85], [2323, TCP, 0.15]] },
    timing: { kind: 'coordinated', windowsPerDay: 4, windowMinutes: [20, 40], participation: 0.8, regular: false },
    addresses: { kind: 'spread' }, churn: 0.2, mirai: true, tcpLength: 40,
  },
  {
    id: 'ssh-bruteforce', label: null, senders: 623, packets: 37380, sizeSigma: 0.7,
    ports: { top: [[22, TCP, 0.88], [2222, TCP, 0.05], [22222, TCP, 0.03], [2022, TCP, 0.02], [23, TCP, 0.02]] },
    timing: { kind: 'coordinated', windowsPerDay: 8, windowMinutes: [20, 50], participation: 0.75, regular: false },
    addresses: { kind: 'spread' }, churn: 0.1, mirai: false, tcpLength: 60,
  },
  {
    id: 'adb-worm', label: null, senders: 525, packets: 31500, sizeSigma: 0.4,
    ports: { top: [[5555, TCP, 1]] },
    timing: { kind: 'epidemic' }, addresses: { kind: 'spread' }, churn: 0.3, mirai: false, tcpLength: 60,
  },
  {
    id: 'smb-scanner', label: null, senders: 120, packets: 9600, sizeSigma: 0.5,
    ports: { top: [[445, TCP, 0.96], [139, TCP, 0.04]] },
    timing: { kind: 'coordinated', windowsPerDay: 5, windowMinutes: [15, 30], participation: 0.85, regular: false },
    addresses: { kind: 'blocks24', blocks: 6 }, churn: 0.05, mirai: false, tcpLength: 48,
  },
  {
    id: 'netbios-scanner', label: null, senders: 40, packets: 4000, sizeSigma: 0.4,
    ports: { top: [[137, UDP, 0.8], [139, TCP, 0.2]] },
    timing: { kind: 'coordinated', windowsPerDay: 4, windowMinutes: [10, 25], participation: 0.9, regular: false },
    addresses: { kind: 'blocks24', blocks: 1 }, churn: 0, mirai: false, tcpLength: 48,
  },
  {
    id: 'smtp-scanner', label: null, senders: 10, packets: 1500, sizeSigma: 0.3,
    ports: { top: [[25, TCP, 0.8], [587, TCP, 0.1], [465, TCP, 0.1]] },
    timing: { kind: 'coordinated', windowsPerDay: 3, windowMinutes: [15, 30], participation: 0.9, regular: false },
    addresses: { kind: 'blocks24', blocks: 1 }, churn: 0, mirai: false, tcpLength: 60,
  },
  {
    id: 'massive-150', label: null, senders: 60, packets: 120000, sizeSigma: 0.3,
    ports: { top: [], tail: { count: 150, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 8, windowMinutes: [20, 30], participation: 0.9, regular: true },
    addresses: { kind: 'blocks24', blocks: 3 }, churn: 0, mirai: false, tcpLength: 40,
  },
  {
    id: 'massive-70', label: null, senders: 40, packets: 60000, sizeSigma: 0.3,
    ports: { top: [], tail: { count: 70, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 6, windowMinutes: [20, 30], participation: 0.9, regular: true },
    addresses: { kind: 'blocks24', blocks: 2 }, churn: 0, mirai: false, tcpLength: 40,
  },
  {
    id: 'shadowserver-like', label: null, senders: 75, packets: 22500, sizeSigma: 0.3, subgroups: 3,
    ports: { top: [[123, UDP, 0.05], [161, UDP, 0.05], [53, UDP, 0.05]], tail: { count: 90, proto: TCP } },
    timing: { kind: 'coordinated', windowsPerDay: 6, windowMinutes: [10, 20], participation: 0.9, regular: true },
    addresses: { kind: 'one16' }, churn: 0, mirai: false, tcpLength: 44,
  },
  // --- the uncoordinated rest ---
  {
    id: 'mirai-unlisted', label: null, senders: 400, packets: 1800, sizeSigma: 0.8, ports: mirai,
    timing: { kind: 'bot', hoursPerDay: [1, 6] }, addresses: { kind: 'spread' }, churn: 0.5, mirai: true, tcpLength: 40,
  },
  {
    id: 'backscatter', label: null, senders: 500, packets: 10000, sizeSigma: 1.6,
    // Replies go back to the spoofed source ports, which an attack tool walks through a narrow range.
    ports: { top: [[-1, ICMP, 0.15]], tail: { count: 0, proto: TCP, range: [1024, 65535] }, randomPerPacket: true, rangeWidth: 32 },
    timing: { kind: 'burst', burstsPerDay: [1, 2], burstMinutes: [1, 20] }, addresses: { kind: 'spread' }, churn: 0.9, mirai: false, tcpLength: 40,
    replies: true,
  },
  {
    id: 'background', label: null, senders: 10467, packets: 2632677, sizeSigma: 1.7, ports: backgroundPorts, perSenderPorts: true,
    timing: { kind: 'burst', burstsPerDay: [1, 8], burstMinutes: [1, 60] }, addresses: { kind: 'spread' }, churn: 0.5, mirai: false, tcpLength: 44,
  },
  {
    id: 'one-shot', label: null, senders: 20000, packets: 32000, sizeSigma: 0.5, ports: backgroundPorts, perSenderPorts: true,
    timing: { kind: 'burst', burstsPerDay: [1, 1], burstMinutes: [1, 5] }, addresses: { kind: 'spread' }, churn: 1, mirai: false, tcpLength: 44,
    belowFilter: true,
  },
  // --- scanners known by their tool's fingerprint (after the rest, so that adding
  // them left every earlier group's packets as they were) ---
  {
    id: 'zmap-scanner', label: null, senders: 30, packets: 3000, sizeSigma: 0.3,
    ports: { top: [[443, TCP, 0.4], [80, TCP, 0.3], [8080, TCP, 0.15], [8443, TCP, 0.15]] },
    timing: { kind: 'coordinated', windowsPerDay: 3, windowMinutes: [15, 30], participation: 0.9, regular: false },
    addresses: { kind: 'blocks24', blocks: 2 }, churn: 0, mirai: false, tcpLength: 44, tool: 'zmap',
  },
  {
    id: 'masscan-scanner', label: null, senders: 40, packets: 4000, sizeSigma: 0.5,
    ports: { top: [[22, TCP, 0.1], [3389, TCP, 0.1], [445, TCP, 0.1]], tail: { count: 100, proto: TCP } },
    timing: { kind: 'burst', burstsPerDay: [1, 3], burstMinutes: [5, 20] },
    addresses: { kind: 'spread' }, churn: 0.3, mirai: false, tcpLength: 40, tool: 'masscan',
  },
];
