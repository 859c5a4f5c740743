// The checks every decoder applies to a record's time and packet count, so a
// value is valid or not whatever the format it came in (CSV, pcap, Zeek, ...).
//
// Time: 1970-01-01T00:00:00Z <= ts < 2100-01-01T00:00:00Z. Earlier times are
// negative Unix times (a sign error, or "0" for unset); later ones are unit
// mistakes (1e11 s is the year 5138) or garbage, and far later ones overflow
// what a Date can print and what the hourly chart can allocate. Such a record
// is skipped and counted with its line, never read as data.
//
// Packets: a record stands for 1..2^31-1 packets. Larger counts are refused
// per record, and so is a record that would take its sender past 2^31-1 in
// all (build-corpus.ts): the per-sender counts are 32-bit.

/** First valid Unix second (1970-01-01T00:00:00Z). */
export const FIRST_VALID_TIME = 0;
/** First Unix second past the valid range (2100-01-01T00:00:00Z). */
export const END_VALID_TIME = 4102444800;
/** Most packets one record, or one sender over the whole trace, may have. */
export const MAX_PACKETS = 2147483647;

/** Skip reasons, exact strings for counting. */
export const CHECK = {
  time: 'timestamp outside 1970-01-01..2099-12-31 UTC',
  packets: `packet count above ${MAX_PACKETS}`,
  senderPackets: `the sender's packets would pass ${MAX_PACKETS}`,
} as const;

/** Whether a Unix time (seconds) is in the valid range; false for NaN. */
export function isValidTime(ts: number): boolean {
  return ts >= FIRST_VALID_TIME && ts < END_VALID_TIME;
}
