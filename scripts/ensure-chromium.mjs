#!/usr/bin/env node
// The end-to-end tests drive Debian's Chromium (Playwright cannot download its
// own browsers here). On a fresh Debian machine where we are root, install it;
// anywhere else, say exactly what is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(`Chromium not found at ${chromium}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.error(`Chromium not found at ${chromium}: installing Debian's chromium (one time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -q && apt-get install -y -q chromium', { stdio: ['ignore', 'inherit', 'inherit'], env });
}
