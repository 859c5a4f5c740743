#!/usr/bin/env node
// Builds the command line into lib/cli/: plain JavaScript for Node 20, the
// same src/ the page is built from, so `npx darkvec` needs no TypeScript
// toolchain. Entries: the CLI and the Node worker entries it spawns; every
// chunk sits beside them (the spawners find their workers by name there), and
// lib/cli/ is as deep as src/<folder>/, so the kernels' '../../build/*.wasm'
// resolves to build/ from both. Dependencies stay external: npm installs them.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'lib/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        darkvec: 'src/cli/main.ts',
        // Started by src/kernels/spawn.ts and spawn-node.ts by these names.
        'kernel-worker': 'src/kernels/kernel.node-worker.ts',
        'kernel-spawn-node': 'src/kernels/spawn-node.ts',
      },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
