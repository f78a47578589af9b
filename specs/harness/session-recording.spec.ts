import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { createSession } from '../../src/harness/create-session.js';
import { Session, type HookRunnerLike, type SessionStep } from '../../src/harness/session.js';
import type { HookCall } from '../../src/model/hook-call.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { Command } from '../../src/simulator/command.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import { guest, iso, nat } from '../simulator/support/sample-host.js';
import { scriptRun } from '../support/script-run.js';

/** A runner that spawns nothing: one script per call, whose output holds bytes that are not UTF-8. */
function scriptedRunner(): HookRunnerLike {
  let n = 0;
  return {
    async run(call: HookCall) {
      n += 1;
      const script = scriptRun({
        hook: call.driver,
        argv: [call.object, call.op, call.subop, call.extra],
        stdout: Buffer.from([0x6f, 0x6b, 0xff, 0x0a]),
        stderr: Buffer.from(`call ${n}\n`),
        exitCode: call.op === 'prepare' ? 1 : 0,
      });
      const failed = script.exitCode !== 0;
      return { status: failed ? 'failed' : 'ok', error: failed ? 'Hook script execution failed' : null, output: null, scripts: [script], isolation: 'process-group' };
    },
    async scan() { return ['daemon', 'qemu', 'network']; },
    async dispose() {},
  };
}

const busy = () => seedSimulatorState({
  profile: libvirtProfile('9.0'), seed: 'session-recording', hooksFound: ['daemon', 'qemu', 'network'],
  networks: [{ def: nat(), active: true }, { def: iso(), active: true }], domains: [{ def: guest('qemu'), running: true }],
});

const COMMANDS: readonly Command[] = [
  { verb: 'daemon-restart' },
  { verb: 'destroy', domain: 'vm' },
  { verb: 'net-autostart', network: 'nat', disable: false },
  { verb: 'start', domain: 'vm' },
  { verb: 'net-destroy', network: 'iso' },
  { verb: 'daemon-restart' },
  { verb: 'destroy', domain: 'vm' },
];

async function runAll(session: Session): Promise<void> {
  for (const command of COMMANDS) await session.run(command);
}

const durationless = <T extends { durationMs: number }>(items: readonly T[]) => items.map((i) => ({ ...i, durationMs: 0 }));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'virthook-session-recording-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Session recording past its memory limit', () => {
  it('gives the same recording and steps whether it spilled or kept everything in memory', async () => {
    const spilled = new Session(busy(), scriptedRunner(), { recording: { memoryLimit: 1, dir } });
    const inMemory = new Session(busy(), scriptedRunner(), { recording: { memoryLimit: Infinity } });
    await runAll(spilled);
    await runAll(inMemory);
    const recording = spilled.recording;
    expect(recording.invocations.length).toBeGreaterThan(10);
    expect(spilled.invocationCount).toBe(recording.invocations.length);
    expect({ ...recording, invocations: durationless(recording.invocations) }).toEqual({ ...inMemory.recording, invocations: durationless(inMemory.recording.invocations) });
    expect(recording.steps.map((s) => s.step)).toEqual(['daemon-restart', 'destroy vm', 'net-autostart nat', 'start vm', 'net-destroy iso', 'daemon-restart', 'destroy vm']);
    expect(recording.invocations[0]!.stdout).toBe('ok\ufffd\n');
    expect(recording.invocations.map((i) => i.stepIndex)).toEqual([...recording.invocations.map((i) => i.stepIndex)].sort((a, b) => a - b));
    await spilled.dispose();
    await inMemory.dispose();
  });

  it('keeps each step\'s outcome, logs and script runs in session.steps, after run() returned the full step', async () => {
    const session = new Session(busy(), scriptedRunner(), { recording: { memoryLimit: 2, dir } });
    const returned: SessionStep[] = [];
    for (const command of COMMANDS) returned.push(await session.run(command));
    const steps = session.steps;
    expect(steps.map(({ step, ok, output, error, vetoed, logs }) => ({ step, ok, output, error, vetoed, logs })))
      .toEqual(returned.map(({ step, ok, output, error, vetoed, logs }) => ({ step, ok, output, error, vetoed, logs })));
    const invocations = session.recording.invocations;
    steps.forEach((step, index) => {
      expect(step.invocations).toEqual(invocations.filter((i) => i.stepIndex === index));
      expect(step.invocations.map((i) => i.argv)).toEqual(returned[index]!.calls.flatMap((c) => c.scripts.map((s) => s.argv)));
    });
    expect(steps[0]!).not.toHaveProperty('calls');
    await session.dispose();
  });

  it('leaves no file behind, and refuses to read or run once disposed (SESSION_DISPOSED)', async () => {
    const session = new Session(busy(), scriptedRunner(), { recording: { memoryLimit: 0, dir } });
    await runAll(session);
    expect(readdirSync(dir)).toEqual([]);
    const spoolFds = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
      } catch {
        return false;
      }
    });
    expect(spoolFds()).toHaveLength(2);
    const count = session.invocationCount;
    await session.dispose();
    expect(spoolFds()).toEqual([]);
    expect(session.invocationCount).toBe(count);
    for (const use of [() => session.recording, () => session.steps]) {
      expect(use).toThrow(expect.objectContaining({ code: 'SESSION_DISPOSED', message: expect.stringMatching(/before session\.dispose\(\)/) }));
    }
    await expect(session.run({ verb: 'daemon-stop' })).rejects.toMatchObject({ code: 'SESSION_DISPOSED' });
  });

  it('createSession validates the recording option before it creates a runner (OPTIONS_INVALID)', async () => {
    const error = await createSession({ hooksDir: dir, recording: { memoryLimit: -1, dir: 'relative', spill: true } as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VirthookError);
    expect((error as VirthookError).code).toBe('OPTIONS_INVALID');
    expect((error as VirthookError).problems.map((p) => p.path)).toEqual(['recording.spill', 'recording.memoryLimit', 'recording.dir']);
    expect(() => new Session(busy(), scriptedRunner(), { recording: { memoryLimit: 1.5 } })).toThrow(expect.objectContaining({ code: 'OPTIONS_INVALID' }));
  });
});
