#!/usr/bin/env node
import { main } from './main.js';

// The only module that touches process: everything else gets its io injected.
const watching = process.argv.includes('--watch') || process.argv.includes('-w');
const stop = new AbortController();
// Only watch mode waits for Ctrl+C; other runs keep the default (the process ends at once).
if (watching) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  signal: stop.signal,
});
