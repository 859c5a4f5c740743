// Typed reading of command-line values: every bad value becomes a UsageError
// that names the option, so `darkvec` exits 2 with one line.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    // node's messages are multi-sentence; keep the first, which names the option.
    const message = e instanceof Error ? e.message.split('. ')[0]!.replace(/\.$/, '') : String(e);
    throw new UsageError(message);
  }
}

export function intOption(name: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function numberOption(name: string, value: string | undefined, fallback: number, minExclusive: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  if (n <= minExclusive) throw new UsageError(`--${name} must be greater than ${minExclusive}, got ${n}`);
  return n;
}

export function choiceOption<C extends string>(name: string, value: string | undefined, fallback: C, choices: readonly C[]): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
  return value as C;
}

export function requiredOption(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required (see --help)`);
  return value;
}
