#!/usr/bin/env node
// The tests need two Debian programs: Chromium, which the end-to-end tests drive
// (Playwright cannot download its own browsers here), and tshark, the reference
// our pcap writer is checked against. On a fresh Debian machine where we are
// root, install what is missing; anywhere else, say exactly what is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const tools = [
  { name: 'Chromium', path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium', hint: ' or set CHROMIUM_PATH' },
  { name: 'tshark', path: '/usr/bin/tshark', pkg: 'tshark', hint: '' },
];
const missing = tools.filter((t) => !existsSync(t.path));
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const pkgs = missing.map((t) => t.pkg).join(' ');
  if (!isRoot || !hasApt) {
    for (const t of missing) console.error(`${t.name} not found at ${t.path}. Install Debian's ${t.pkg} (apt-get install -y ${t.pkg})${t.hint}.`);
    process.exit(1);
  }
  console.error(`Not found: ${missing.map((t) => t.path).join(', ')}; installing Debian's ${pkgs} (one time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync(`apt-get update -q && apt-get install -y -q ${pkgs}`, { stdio: ['ignore', 'inherit', 'inherit'], env });
}
