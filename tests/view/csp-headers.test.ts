// The CSP the servers send is the meta tag's policy plus frame-ancestors, and
// docs/hosting.md gives static hosts the same line.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import config, { contentSecurityPolicy } from '../../vite.config';

const root = new URL('../../', import.meta.url);

it('the dev and preview servers send the meta tag policy with frame-ancestors none', () => {
  const html = readFileSync(new URL('index.html', root), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1];
  const policy = contentSecurityPolicy();
  expect(policy).toBe(`${meta}; frame-ancestors 'none'`);
  const c = config as { server: { headers: Record<string, string> }; preview: { headers: Record<string, string> } };
  expect(c.server.headers['Content-Security-Policy']).toBe(policy);
  expect(c.preview.headers['Content-Security-Policy']).toBe(policy);
  expect(c.preview.headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
});

it('docs/hosting.md gives the same header line', () => {
  const docs = readFileSync(new URL('docs/hosting.md', root), 'utf8');
  expect(docs).toContain(`Content-Security-Policy: ${contentSecurityPolicy()}`);
});
