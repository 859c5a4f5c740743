// Trace timestamps to Unix seconds. Numbers are told apart by magnitude:
//   |x| <  1e11  seconds       (1e11 s is the year 5138)
//   |x| <  1e14  milliseconds  (1e11 ms is 1973-03-03: earlier ms times are not expected)
//   |x| <  1e17  microseconds
//   otherwise    nanoseconds
// Text with a '-' after the first digit is ISO 8601; without an offset it is UTC.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Unix seconds from s[from, to), or NaN. */
export function parseTimestamp(s: string, from = 0, to = s.length): number {
  // Fast path: plain decimal (the common case), parsed from char codes.
  let whole = 0;
  let frac = 0;
  let scale = 1;
  let digits = 0;
  let dot = false;
  let i = from;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (dot) {
        if (scale < 1e15) {
          frac = frac * 10 + (c - 48);
          scale *= 10;
        }
      } else whole = whole * 10 + (c - 48);
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (i === to) {
    if (digits === 0 || digits > 20) return NaN;
    return fromMagnitude(whole + frac / scale);
  }
  return parseTimestampText(s.substring(from, to).trim());
}

function fromMagnitude(x: number): number {
  const a = Math.abs(x);
  if (a < 1e11) return x;
  if (a < 1e14) return x / 1e3;
  if (a < 1e17) return x / 1e6;
  return x / 1e9;
}

/** Unix seconds of a UTC date; years 0-99 are years 0-99 (Date.UTC reads them as 1900-1999). */
export function utcSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const ms = Date.UTC(year, month, day, hour, minute, second);
  if (year >= 100) return ms / 1000;
  const date = new Date(ms);
  date.setUTCFullYear(year);
  return date.getTime() / 1000;
}

function parseTimestampText(text: string): number {
  const m = ISO.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', fraction, zone] = m;
    const month = +mo;
    const day = +d;
    if (month < 1 || month > 12 || day < 1 || day > 31 || +h > 23 || +mi > 59 || +sec > 60) return NaN;
    let t = utcSeconds(+y, month - 1, day, +h, +mi, +sec);
    if (fraction) t += +`0.${fraction}`;
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offset = +digits.slice(0, 2) * 3600 + +(digits.slice(2) || '0') * 60;
      t -= sign * offset;
    }
    return t;
  }
  // Signed or exponent numbers ("-1.5", "1.6e9") take the slow route.
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return NaN;
  const x = fromMagnitude(Number(text));
  return Number.isFinite(x) ? x : NaN;
}
