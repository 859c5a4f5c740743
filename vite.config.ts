import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The page's Content-Security-Policy lives in index.html's meta tag (it travels
// with the files); the servers send the same policy as a header, plus
// frame-ancestors 'none', which a meta tag cannot carry (docs/hosting.md).
export function contentSecurityPolicy(html = readFileSync(new URL('./index.html', import.meta.url), 'utf8')): string {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta) throw new Error('index.html has no Content-Security-Policy meta tag');
  return `${meta[1]}; frame-ancestors 'none'`;
}

// Cross-origin isolation gives the page SharedArrayBuffer, which the Hogwild
// training needs to share one WebAssembly.Memory between workers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const served = { ...isolation, 'Content-Security-Policy': contentSecurityPolicy() };

export default defineConfig({
  // Relative asset paths: the build works from any sub-path or a USB stick.
  base: './',
  server: { headers: served },
  preview: { headers: served },
  worker: { format: 'es' },
  // The dev server finds a worker's dependencies only when the worker first
  // runs (graphology: at the first analysis), then reloads the page and the
  // work in it is lost: pre-bundle every runtime dependency at start instead.
  optimizeDeps: { include: ['comlink', 'papaparse', 'graphology', 'graphology-communities-louvain', 'plotly.js-strict-dist-min'] },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The machine has two cores; the WebAssembly and browser tests each want one.
    maxWorkers: 2,
  },
});
