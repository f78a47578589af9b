import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { survivors } from '../support/survivors.js';

// libvirt ignores the exit status of a `stopped` hook (networkShutdownNetwork), but not how long
// it takes nor how much it writes: a hang or a flood there blocks a real libvirtd all the same.
// Real hooks through `virthook run`: the step succeeds, and the scenario fails on the hook.
let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-ignored-ops-'));
  await writeFile(join(repo, 'nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

async function destroyWith(onStopped: string, limits: string) {
  await writeFile(join(repo, 'network'), `#!/bin/sh\ncat >/dev/null\n[ "$2" = stopped ] || exit 0\n${onStopped}\n`, { mode: 0o755 });
  await writeFile(join(repo, 'destroy.yaml'), `hooks: .\n${limits}\nnetworks: [nat.xml]\nsteps:\n  - net-start: lvo-nat\n  - net-destroy: lvo-nat\n    expect: { ok: true, output: Network lvo-nat destroyed }\n`);
  let stdout = '';
  const code = await main(['run', 'destroy.yaml', '--reporter', 'json'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stdout += t) }, cwd: repo, env: {}, isTTY: false });
  const [run] = JSON.parse(stdout).scenarios[0].runs;
  // The net-destroy step's line: after hooks:, the limits, networks: and the first two lines of steps:.
  return { code, run, line: 5 + limits.split('\n').length };
}

it('a stopped hook that hangs fails the scenario, though net-destroy succeeds', async () => {
  const { code, run, line } = await destroyWith('exec sleep 1000', 'timeout: 1');
  expect(code).toBe(1);
  expect(run.steps.map((s: { ok: boolean }) => s.ok)).toEqual([true, true, true]);
  expect(run.failures).toEqual([{ stepIndex: 2, path: 'steps[1]', line, invocation: 2,
    message: 'network lvo-nat stopped end -: the hook was stopped by virthook after the 1 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)' }]);
  expect(run.recording.invocations[2]).toMatchObject({ argv: ['lvo-nat', 'stopped', 'end', '-'], timedOut: true, timeoutMs: 1000, exitCode: null, signal: 'SIGTERM' });
  expect(survivors()).toEqual([]);
});

it('a stopped hook that floods 100 MB is cut at max-output and fails the scenario, though net-destroy succeeds', async () => {
  const { code, run, line } = await destroyWith('head -c 100000000 /dev/zero', 'timeout: 60\nmax-output: 64K');
  expect(code).toBe(1);
  expect(run.steps.map((s: { ok: boolean }) => s.ok)).toEqual([true, true, true]);
  expect(run.failures).toEqual([{ stepIndex: 2, path: 'steps[1]', line, invocation: 2,
    message: 'network lvo-nat stopped end -: the hook was stopped by virthook at the output cap (65536 bytes of stdout): a real libvirtd would keep reading' }]);
  expect(run.recording.invocations[2]).toMatchObject({ outputCapped: 'stdout', maxOutputBytes: 65_536 });
  expect(run.recording.invocations[2].stdout).toHaveLength(65_536);
  expect(survivors()).toEqual([]);
});
