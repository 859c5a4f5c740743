import { expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command';
import { choiceOption, intOption, numberOption, parseOptions, requiredOption } from '../../src/cli/options';

it('turns unknown options into a one-line usage error', () => {
  expect(() => parseOptions(['--nope'], { out: { type: 'string' } })).toThrow(UsageError);
  expect(() => parseOptions(['--nope'], { out: { type: 'string' } })).toThrow(/--nope/);
  expect(parseOptions(['-c', '5'], { context: { type: 'string', short: 'c' } })).toEqual({ context: '5' });
});

it('checks numbers and choices, naming the option', () => {
  expect(intOption('k', undefined, 7, 1)).toBe(7);
  expect(intOption('k', '3', 7, 1)).toBe(3);
  expect(() => intOption('k', '0', 7, 1)).toThrow('--k must be between 1 and');
  expect(() => intOption('k', '2.5', 7, 1)).toThrow('--k must be a whole number, got "2.5"');
  expect(numberOption('window', '0.5', 3600, 0)).toBe(0.5);
  expect(() => numberOption('window', 'abc', 3600, 0)).toThrow('--window must be a number');
  expect(() => choiceOption('services', 'x', 'dks', ['dks', 'auto'])).toThrow('--services must be one of dks, auto, got "x"');
  expect(() => requiredOption('trace', undefined)).toThrow('--trace is required');
});
