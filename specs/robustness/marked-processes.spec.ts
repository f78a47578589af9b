import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { makeSandbox } from '../runner/hooks-dir.js';
import { markedProcesses } from './marked-processes.js';

it('finds a leftover by its marker in its environment, its cwd or its command line, whatever its parent', async () => {
  const sandbox = makeSandbox({});
  const marker = sandbox.root;
  mkdirSync(join(marker, 'elsewhere'));
  const start = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess =>
    spawn(command, args, { cwd, env, stdio: 'ignore', detached: true });
  const clean = { PATH: process.env.PATH };
  const children = [
    start('sleep', ['1000000'], '/', { ...clean, TMPDIR: `${marker}/tmp` }),
    start('sleep', ['1000000'], join(marker, 'elsewhere'), clean),
    // The shell must wait for `:`, so it stays alive with the marker in its argv; its sleep carries none.
    start('sh', ['-c', 'sleep 1000000; :', marker], '/', clean),
  ];
  await sleep(100);
  try {
    expect(markedProcesses(marker).sort()).toEqual([
      `${children[0]!.pid} sleep 1000000 [environ]`,
      `${children[1]!.pid} sleep 1000000 [cwd]`,
      `${children[2]!.pid} sh -c sleep 1000000; : ${marker} [cmdline]`,
    ].sort());
  } finally {
    for (const child of children) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    }
    sandbox.remove();
  }
  expect(markedProcesses(marker)).toEqual([]);
});
