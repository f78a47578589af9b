import { spawn } from 'node:child_process';

/** The layouts `bats --jobs` offers; `files` runs whole files in parallel, `tests` also splits files. */
export const BATS_LAYOUTS = {
  serial: [],
  'jobs-files': ['--jobs', '2', '--no-parallelize-within-files'],
  'jobs-tests': ['--jobs', '2'],
};

/** Runs a bats suite directory in one layout; returns wall time and the TAP tally. */
export function runBats(bin, dir, layout) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, [...BATS_LAYOUTS[layout], '--tap', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const passed = out.split('\n').filter((line) => /^ok \d+/.test(line)).length;
      const failed = out.split('\n').filter((line) => /^not ok \d+/.test(line)).length;
      if (passed + failed === 0) reject(new Error(`bats ${layout} ran nothing (exit ${code}): ${err || out}`));
      else resolve({ layout, ms, passed, failed, tests: passed + failed });
    });
  });
}
