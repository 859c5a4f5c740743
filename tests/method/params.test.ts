import { describe, expect, it } from 'vitest';
import { checkParam, defaultParams, neighboursNeeded, PARAMS, resolveParams, threadsFor } from '../../src/method/params';
import { MAX_NEGATIVES } from '../../src/embed/skip-gram-params';
import { paramHelp, paramOptions, readParamOptions } from '../../src/cli/param-options';
import { UsageError } from '../../src/cli/command';

describe('the parameter table', () => {
  it('holds the paper\'s settings as defaults', () => {
    expect(defaultParams(4)).toEqual({
      services: 'dks', topPorts: 10, window: 3600, minPackets: 10, dropBackscatter: false, mirai: true, fingerprints: false,
      context: 25, dim: 50, epochs: 20, negatives: 5, seed: 15, threads: 4, sharedNegatives: false,
      k: 7, graphK: 3, curveMaxK: 14, kmeans: true, memoryDays: 15, forgetDays: 30,
    });
  });

  it('bounds negatives by what the kernel can hold, so a bad value fails before any work', () => {
    expect(() => checkParam('negatives', MAX_NEGATIVES + 1, '--negative')).toThrow(`--negative must be from 1 to ${MAX_NEGATIVES}, got ${MAX_NEGATIVES + 1}`);
    expect(checkParam('negatives', MAX_NEGATIVES)).toBe(MAX_NEGATIVES);
    expect(() => checkParam('services', 'fancy')).toThrow(/one of single, auto, dks, hybrid/);
    expect(() => checkParam('window', 0)).toThrow(/greater than 0/);
    expect(() => checkParam('k', 2.5)).toThrow(/whole number/);
  });

  it('resolves partial values over a base and ignores unknown keys', () => {
    const p = resolveParams({ epochs: 3, unknown: 1 }, defaultParams(1));
    expect(p.epochs).toBe(3);
    expect(p).not.toHaveProperty('unknown');
    expect(() => resolveParams({ epochs: 0 }, defaultParams(1))).toThrow(/epochs/);
  });

  it('threads 0 means all cores; one search serves every consumer', () => {
    expect(threadsFor({ threads: 0 }, 8)).toBe(8);
    expect(threadsFor({ threads: 2 }, 8)).toBe(2);
    expect(neighboursNeeded({ k: 7, graphK: 3, curveMaxK: 14 })).toBe(14);
    expect(neighboursNeeded({ k: 30, graphK: 3, curveMaxK: 0 })).toBe(30);
  });
});

describe('the table as command-line options', () => {
  const keys = PARAMS.map((p) => p.key);
  it('gives every parameter a flag, booleans a --no- form, and --help a line with its default', () => {
    const options = paramOptions(keys);
    for (const spec of PARAMS) {
      expect(options[spec.flag]).toBeDefined();
      if (spec.kind === 'boolean') expect(options[`no-${spec.flag}`]).toBeDefined();
    }
    const help = paramHelp(keys);
    expect(help).toContain('--negative N');
    expect(help).toContain('-c, --context N');
    expect(help).toContain('--mirai, --no-mirai');
    expect(help).toMatch(/--epochs N\s+Passes over the corpus[\s\S]*?Default 20 \(1\.\.1000\)\./);
    // A flag wider than its column: the help starts on the next line, never glued to the flag.
    expect(help).toMatch(/--shared-negatives, --no-shared-negatives\n {26}One set of negative samples/);
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(92);
  });

  it('reads values over the defaults and names the flag of a bad one', () => {
    const p = readParamOptions({ negative: '8', 'no-mirai': true, services: 'auto', window: '600.5' }, keys, defaultParams(1));
    expect(p).toMatchObject({ negatives: 8, mirai: false, services: 'auto', window: 600.5 });
    expect(() => readParamOptions({ negative: '80' }, keys, defaultParams(1))).toThrow(UsageError);
    expect(() => readParamOptions({ negative: '80' }, keys, defaultParams(1))).toThrow(/--negative must be from 1 to 63/);
    expect(() => readParamOptions({ epochs: 'many' }, keys, defaultParams(1))).toThrow(/--epochs must be a number, got "many"/);
    expect(() => readParamOptions({ mirai: true, 'no-mirai': true }, keys, defaultParams(1))).toThrow(/not both/);
  });
});
