import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { type ScriptOutcome, scriptedSessions } from './scripted-runner.js';

// virthook's verdicts on the hook processes themselves: a script it had to stop (timeout, output
// cap) or whose descendants held its pipes fails the run whatever the op and the expectations (a
// real libvirtd would hang there); survivors with their stdio elsewhere are warnings. The hooks
// are a double: the runner's side of these outcomes is specs/robustness/corpus.spec.ts.
let repo: string;
const SCRIPTS = ['network', 'qemu', 'daemon'];

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'virthook-verdicts-'));
  await mkdir(join(repo, 'hooks'));
  for (const script of SCRIPTS) await writeFile(join(repo, 'hooks', script), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(repo, 'nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
  await writeFile(join(repo, 'vm2.xml'), await readFile(new URL('../../fixtures/oracle/xml/dom-vm2.xml', import.meta.url)));
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

/** Runs `steps` (after lvo-nat and lvo-vm2 are defined) with `outcome` for the one script run of `script` and `op`. */
async function runWith(steps: string, script: string, op: string, outcome: ScriptOutcome, libvirt = '9.0') {
  const file = join(repo, 'verdict.yaml');
  await writeFile(file, `hooks: hooks\nlibvirt: "${libvirt}"\nnetworks: [nat.xml]\ndomains: [vm2.xml]\nsteps:\n${steps}`);
  const sessions = scriptedSessions(SCRIPTS, (name, call) => (name === script && call.op === op ? outcome : {}));
  const result = await runScenario(await loadScenario(file, { cwd: repo }), { createSession: sessions });
  return result.runs[0]!;
}

const STOPPED = '  - net-start: lvo-nat\n  - net-destroy: lvo-nat\n';
const UPDATED = `  - net-start: lvo-nat\n  - net-update: { network: lvo-nat, command: add, section: ip-dhcp-host, xml: "<host ip='192.0.2.9' mac='52:54:00:00:00:09'/>", live: true }\n`;
const GUEST_DOWN = '  - net-start: lvo-nat\n  - start: lvo-vm2\n  - destroy: lvo-vm2\n';
const DAEMON = '  - daemon-restart:\n';

// Each op's exit status is ignored by libvirt: the step succeeds, so nothing but the verdict can fail the run.
// lvo-vm2 has two ports on lvo-nat: two port-deleted calls.
const IGNORED_OPS = [
  ['network stopped', STOPPED, 'network', 'stopped', 'steps[1]', 'network lvo-nat stopped end -', 1],
  ['network updated (live)', UPDATED, 'network', 'updated', 'steps[1]', 'network lvo-nat updated begin -', 1],
  ['network port-deleted', GUEST_DOWN, 'network', 'port-deleted', 'steps[2]', 'network lvo-nat port-deleted begin -', 2],
  ['qemu release', GUEST_DOWN, 'qemu', 'release', 'steps[2]', 'qemu lvo-vm2 release end -', 1],
  ['daemon shutdown', DAEMON, 'daemon', 'shutdown', 'steps[0]', 'daemon - shutdown - shutdown', 1],
] as const;

describe('a script virthook had to stop fails the run, whatever libvirt does with its exit status', () => {
  for (const [name, steps, script, op, path, call, calls] of IGNORED_OPS) {
    for (const [stop, text] of [
      ['timeout', 'stopped by virthook after the 2 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)'],
      ['output-cap', 'stopped by virthook at the output cap (1024 bytes of stdout): a real libvirtd would keep reading'],
    ] as const) {
      it(`${name}: ${stop}`, async () => {
        const run = await runWith(steps, script, op, { stop });
        expect(run.steps.every((step) => step.ok)).toBe(true);
        expect(run.passed).toBe(false);
        expect(run.failures.map((f) => [f.path, f.message])).toEqual(Array.from({ length: calls }, () => [path, `${call}: the hook was ${text}`]));
        const failure = run.failures[0]!;
        expect(run.recording.invocations[failure.invocation!]).toMatchObject({ hook: script, argv: call.split(' ').slice(1) });
      });
    }
  }
});

describe('a stopped script is no veto', () => {
  it('a start hook that hangs fails expect: { vetoed: true }, besides the verdict', async () => {
    const run = await runWith('  - net-start: lvo-nat\n    expect: { vetoed: true }\n', 'network', 'start', { stop: 'timeout' });
    expect(run.steps[2]).toMatchObject({ ok: false, vetoed: false });
    expect(run.failures.map((f) => f.path)).toEqual(['steps[0]', 'steps[0].expect.vetoed']);
    expect(run.failures[1]!.message).toMatch(/^no hook vetoed the step \(it failed otherwise: Hook script \/etc\/libvirt\/hooks\/network was stopped by virthook after the 2 s timeout/);
  });

  it('a flood in start fails expect: { ok: false, vetoed: true } the same way', async () => {
    const run = await runWith('  - net-start: lvo-nat\n    expect: { ok: false, vetoed: true }\n', 'network', 'start', { stop: 'output-cap' });
    expect(run.failures.map((f) => f.path)).toEqual(['steps[0]', 'steps[0].expect.vetoed']);
  });

  it('a real veto stays one when a later call of the step is stopped (10.8+: stopped runs after a start veto)', async () => {
    const file = join(repo, 'veto-then-hang.yaml');
    await writeFile(file, 'hooks: hooks\nlibvirt: "11.3"\nnetworks: [nat.xml]\nsteps:\n  - net-start: lvo-nat\n    expect: { vetoed: true }\n');
    const sessions = scriptedSessions(SCRIPTS, (_name, call) => (call.op === 'start' ? { exitCode: 1, stderr: 'no\n' } : call.op === 'stopped' ? { stop: 'timeout' } : {}));
    const [run] = (await runScenario(await loadScenario(file, { cwd: repo }), { createSession: sessions })).runs;
    expect(run!.steps[1]).toMatchObject({ ok: false, vetoed: true });
    expect(run!.failures.map((f) => [f.path, f.message])).toEqual([
      ['steps[0]', 'network lvo-nat stopped end -: the hook was stopped by virthook after the 2 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)'],
    ]);
  });
});

describe('descendants left behind', () => {
  const holder = { pid: 42, command: 'sleep 300' };

  it('a child holding the pipes after the hook exited fails the run (j1), in an op that succeeded', async () => {
    const run = await runWith(STOPPED, 'network', 'started', { lingering: [holder] });
    expect(run.steps.every((step) => step.ok)).toBe(true);
    expect(run.failures.map((f) => [f.path, f.message])).toEqual([
      ['steps[0]', 'network lvo-nat started begin -: the hook exited, but 42 (sleep 300) kept its stdout/stderr open: a real libvirtd would block here until they exit (virthook stopped waiting 250 ms after the exit and killed them)'],
    ]);
    expect(run.warnings).toEqual([]);
  });

  it('a child with its stdio elsewhere is a warning (j2): the run passes', async () => {
    const run = await runWith(STOPPED, 'network', 'started', { survivors: [holder, { pid: 43, command: 'logger -t x' }] });
    expect([run.passed, run.failures]).toEqual([true, []]);
    expect(run.warnings).toEqual([{
      stepIndex: 2,
      path: 'steps[0]',
      line: 6,
      invocation: 1,
      message: 'network lvo-nat started begin -: 42 (sleep 300), 43 (logger -t x) outlived the hook with stdio redirected (libvirt does not wait for them); virthook killed them, a real host keeps them running',
    }]);
  });
});
