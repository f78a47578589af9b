import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs bench/cases/NAME.mjs (or any program) in a fresh process and parses the JSON it prints last. */
export function runCase(name, args, { execArgv = [], file = null } = {}) {
  const command = file ?? process.execPath;
  const argv = file ? args : [...execArgv, fileURLToPath(new URL(`../cases/${name}.mjs`, import.meta.url)), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last));
      } catch (error) {
        reject(new Error(`${name} ${args.join(' ')} failed (${error.message}):\n${stderr}${stdout}`.trim()));
      }
    });
  });
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
