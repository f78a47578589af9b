import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { survivors } from '../support/survivors.js';
import { file, makeSandbox } from './hooks-dir.js';
import { PYTHON, skippedWithout } from './sandbox-runner.js';

// libvirt's virExec closes every descriptor but 0-2 (virCommandMassClose), and oracle h5's probe saw
// only those (plus the shell's own script fd). A descriptor the harness inherited without
// close-on-exec (from a shell, a CI runner, make's jobserver, a pyenv shim) must not reach hooks.
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const INHERITED = 40;

// The masks are read by the hook itself (exec'd grep): a shell waiting on a child blocks every signal
// for a moment around sigsuspend (dash's waitproc), which a reader of /proc/$$/status can catch.
/** What a hook's shell holds (its fds, blocked and ignored signals), run by a runner whose process inherited fd INHERITED and ignores SIGPIPE (node does). */
function hookProbe(isolation: string): Promise<{ fds: string[]; blocked: bigint; ignored: bigint }> {
  const sandbox = makeSandbox({ network: file('#!/bin/sh\nls /proc/$$/fd\nexec grep -E "^Sig(Blk|Ign):" /proc/self/status\n', 0o755) });
  const child = `const { createRunner } = await import(${JSON.stringify(DIST)});
const runner = createRunner(${JSON.stringify({ hooksDir: sandbox.hooksDir, cwd: sandbox.cwd, isolation, python: PYTHON })});
try {
  const result = await runner.run({ driver: 'network', object: 'lvo-iso', op: 'start', subop: 'begin', extra: '-', stdin: '<hookData/>', filter: false });
  process.stdout.write(JSON.stringify({ isolation: result.isolation, stdout: String(result.scripts[0].stdout) }));
} finally {
  await runner.dispose();
}`;
  // bash opens fd INHERITED without close-on-exec; node passes such a descriptor on to what it spawns.
  const argv = ['-c', `exec ${INHERITED}</dev/null; exec "$0" --input-type=module -e "$1"`, process.execPath, child];
  return new Promise((resolve, reject) => {
    execFile('bash', argv, { timeout: 60_000 }, (error, stdout, stderr) => {
      sandbox.remove();
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const { isolation: got, stdout: listing } = JSON.parse(stdout) as { isolation: string; stdout: string };
      expect(got).toBe(isolation);
      const lines = listing.split('\n').filter(Boolean);
      const mask = (name: string) => BigInt(`0x${lines.find((l) => l.startsWith(`${name}:`))!.split(/\s+/)[1]}`);
      resolve({ fds: lines.filter((l) => /^\d+$/.test(l)), blocked: mask('SigBlk'), ignored: mask('SigIgn') });
    });
  });
}

for (const isolation of ['pid-namespace', 'subreaper'] as const) {
  const skipped = existsSync(DIST) ? await skippedWithout(isolation) : ' (skipped: dist/index.js is missing; run npm run build)';
  it.skipIf(skipped !== '')(`under ${isolation}, a hook gets fds 0-2 only, not those the harness inherited, and default signal dispositions (virCommandMassClose, virExec, oracle h5)${skipped}`, async () => {
    const { fds, blocked, ignored } = await hookProbe(isolation);
    expect(fds).toEqual(expect.arrayContaining(['0', '1', '2']));
    expect(fds).not.toContain(String(INHERITED));
    // Besides 0-2, only what the shell opened itself (dash keeps its script open as fd 10, bash as 255).
    expect(fds.filter((fd) => Number(fd) > 2 && fd !== '10' && fd !== '255')).toEqual([]);
    // virExec resets every signal libc lets it (1-31: SIGPIPE and SIGINT, which node and the supervisor ignore, included) and unblocks all.
    expect(blocked).toBe(0n);
    expect(ignored & 0x7fffffffn).toBe(0n);
  });
}

it('leaves no process behind', () => {
  expect(survivors()).toEqual([]);
});
