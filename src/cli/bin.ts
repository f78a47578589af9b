#!/usr/bin/env node
import { main } from './main.js';

// The only module that touches process: everything else gets its io injected.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
});
