import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

function firstLine(file, args) {
  const result = spawnSync(file, args, { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? `${result.stdout}${result.stderr}`.trim().split('\n')[0] : 'not found';
}

/** What the figures depend on: CPU, cores, memory, kernel, runtimes, and how busy the machine was. */
export function machineFacts(python) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    python: python ? firstLine(python, ['--version']) : 'not found',
    bash: firstLine('bash', ['--version']),
    root: process.getuid?.() === 0,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

/** The 1-minute load average now (other work on the machine skews every figure). */
export function loadNow() {
  return os.loadavg()[0].toFixed(2);
}
