// The method's parameter table (src/method/params.ts) as command-line options:
// the same names, defaults, bounds and help the page shows. A boolean
// parameter is a flag with a --no- form (--mirai / --no-mirai).
import type { ParseArgsConfig } from 'node:util';
import { ALL_CORES, checkParam, ParamError, PARAMS, type DarkVecParams, type ParamKey, type ParamSpec } from '../method/params.ts';
import { UsageError } from './command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function paramOptions(keys: readonly ParamKey[]): Options {
  const out: Options = {};
  for (const spec of specs(keys)) {
    out[spec.flag] = spec.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', ...(spec.short ? { short: spec.short } : {}) };
    if (spec.kind === 'boolean') out[`no-${spec.flag}`] = { type: 'boolean' };
  }
  return out;
}

function specs(keys: readonly ParamKey[]): ParamSpec[] {
  return PARAMS.filter((p) => keys.includes(p.key));
}

/** Values from parsed options over `base`; a bad value is a UsageError naming the flag. */
export function readParamOptions(values: Record<string, unknown>, keys: readonly ParamKey[], base: DarkVecParams): DarkVecParams {
  const out = { ...base };
  for (const spec of specs(keys)) {
    const flag = `--${spec.flag}`;
    let value: unknown;
    if (spec.kind === 'boolean') {
      if (values[spec.flag] && values[`no-${spec.flag}`]) throw new UsageError(`give ${flag} or --no-${spec.flag}, not both`);
      if (values[spec.flag]) value = true;
      else if (values[`no-${spec.flag}`]) value = false;
    } else {
      const text = values[spec.flag] as string | undefined;
      if (text === undefined) continue;
      if (spec.kind === 'choice') value = text;
      else {
        if (text.trim() === '' || !Number.isFinite(Number(text))) throw new UsageError(`${flag} must be a number, got "${text}"`);
        value = Number(text);
      }
    }
    if (value === undefined) continue;
    try {
      (out as Record<string, unknown>)[spec.key] = checkParam(spec.key, value, flag);
    } catch (e) {
      if (e instanceof ParamError) throw new UsageError(e.message);
      throw e;
    }
  }
  return out;
}

const GROUP_TITLES = { corpus: 'corpus', training: 'training (skip-gram, negative sampling)', analysis: 'analysis', days: 'day by day (--daily)' } as const;

/** The --help lines of these parameters, grouped as the page groups them, each with its default. */
export function paramHelp(keys: readonly ParamKey[], defaults: Partial<Record<ParamKey, string>> = {}): string {
  const lines: string[] = [];
  let group = '';
  for (const spec of specs(keys)) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push(GROUP_TITLES[spec.group]);
    }
    const name = spec.kind === 'boolean'
      ? `--${spec.flag}, --no-${spec.flag}`
      : `${spec.short ? `-${spec.short}, ` : ''}--${spec.flag} ${spec.kind === 'choice' ? spec.choices.join('|') : 'N'}`;
    const fallback = defaults[spec.key] ?? (spec.key === 'threads' && spec.default === ALL_CORES ? 'all cores' : String(spec.default));
    const bounds = spec.kind === 'int' ? ` (${spec.min}..${spec.max})` : '';
    // A name wider than its column puts the help on the next line, as GNU tools do.
    const lead = name.length < 24 ? name.padEnd(24) : `${name}\n${' '.repeat(26)}`;
    lines.push(`  ${lead}${wrapText(`${spec.help} Default ${fallback}${bounds}.`, 26)}`);
  }
  return lines.join('\n');
}

function wrapText(text: string, indent: number, width = 92): string {
  const words = text.split(' ');
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.join('\n' + ' '.repeat(indent));
}
