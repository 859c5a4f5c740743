// A bench's page script as one IIFE (built in memory by Vite), for page.addScriptTag.
import { fileURLToPath } from 'node:url';

export async function bundlePage(entry: URL, name: string): Promise<string> {
  const { build } = await import('vite');
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: true, lib: { entry: fileURLToPath(entry), formats: ['iife'], name } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0].output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('vite produced no bundle');
  return chunk.code;
}
