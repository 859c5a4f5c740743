// The shape of src/ (../shared/docs/architecture.md), kept by parsing every
// import: data flows one way, ingest -> corpus -> embed -> analyze -> method ->
// (workers, cli) -> view; the kernels sit under embed and analyze and import
// nothing above them; no import cycle; one Comlink expose() and one wrap().
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** Rank of each folder: a file may import folders of lower or equal rank only (workers and cli not each other). */
const RANK: Record<string, number> = {
  kernels: 0,
  ingest: 1,
  simulate: 2,
  enrich: 2,
  corpus: 3,
  embed: 4,
  analyze: 5,
  method: 6,
  workers: 7,
  cli: 7,
  view: 8,
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w])import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of a file, resolved to files under src/ (type-only imports count: they are coupling too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec || !spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec.replace(/\?.*$/, ''));
    const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
    const hit = candidates.find((c) => allFiles.has(c) || c.endsWith('.json'));
    if (hit && !hit.endsWith('.json')) out.push(hit);
  }
  return out;
}

const allFiles = new Set(files(src));
const folderOf = (file: string) => relative(src, file).split('/')[0]!;

describe('the architecture of src/', () => {
  it('knows every folder', () => {
    const folders = new Set([...allFiles].map(folderOf));
    for (const f of folders) expect(RANK, `src/${f} has no place in the flow`).toHaveProperty(f);
  });

  it('never imports against the flow', () => {
    const bad: string[] = [];
    for (const file of allFiles) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from) continue;
        const sideways = (from === 'workers' && to === 'cli') || (from === 'cli' && to === 'workers');
        if (RANK[to]! > RANK[from]! || sideways) bad.push(`${relative(src, file)} -> ${relative(src, target)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no import cycle', () => {
    const graph = new Map([...allFiles].map((f) => [f, importsOf(f)]));
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      state.set(f, 1);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 1) cycles.push([...path.slice(path.indexOf(g)), g].map((p) => relative(src, p)).join(' -> '));
        else if (!state.has(g)) visit(g, [...path, g]);
      }
      state.set(f, 2);
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f, [f]);
    expect(cycles).toEqual([]);
  });

  it('has one Comlink expose() and one wrap(), and Comlink nowhere but the page\'s worker boundary', () => {
    const comlink = [...allFiles].filter((f) => /from\s*['"]comlink/.test(readFileSync(f, 'utf8')));
    expect(comlink.map((f) => relative(src, f)).sort()).toEqual(['workers/app-api.ts', 'workers/app.worker.ts', 'workers/bridge.ts']);
    const calls = (word: string) => comlink.flatMap((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
      return Array.from(code.matchAll(new RegExp(`\\b${word}\\s*[<(]`, 'g')), () => relative(src, f));
    });
    expect(calls('expose')).toEqual(['workers/app.worker.ts']);
    expect(calls('wrap')).toEqual(['workers/bridge.ts']);
  });

  it('finds the imports it checks (the parser is not silently blind)', () => {
    const steps = [...allFiles].find((f) => f.endsWith('method/steps.ts'))!;
    const targets = importsOf(steps).map((t) => relative(src, t));
    expect(targets).toContain('corpus/build-corpus.ts');
    expect(targets).toContain('embed/train-skip-gram.ts');
  });
});
