import { expect, it } from 'vitest';
import { type HookRunnerLike, Session } from '../../src/harness/session.js';
import type { HookCall } from '../../src/model/hook-call.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import { guest, iso, nat } from '../simulator/support/sample-host.js';
import { scriptRun } from '../support/script-run.js';

const FALLBACK = 'Command doubles fall back to PATH: ... commands run by absolute path run for real ...';

/** A runner that repeats FALLBACK on every call (as a runner that does not de-duplicate would), and says `extra` on `start vm`'s calls. */
function warningRunner(extra: string): HookRunnerLike {
  return {
    async run(call: HookCall) {
      const script = scriptRun({ hook: call.driver, argv: [call.object, call.op, call.subop, call.extra] });
      const warnings = call.driver === 'qemu' && call.op === 'prepare' ? [FALLBACK, extra] : [FALLBACK];
      return { status: 'ok', error: null, output: null, scripts: [script], isolation: 'subreaper', interception: 'path', warnings };
    },
    async scan() { return ['daemon', 'qemu', 'network']; },
    async dispose() {},
  };
}

it('says each of the runner\'s warnings once: on the step that first met it, and in session.warnings', async () => {
  const state = seedSimulatorState({
    profile: libvirtProfile('9.0'), seed: 'session-warnings', hooksFound: ['daemon', 'qemu', 'network'],
    networks: [{ def: nat(), active: true }, { def: iso(), active: true }], domains: [{ def: guest('qemu'), running: false }],
  });
  const session = new Session(state, warningRunner('another limit'));
  const restart = await session.run({ verb: 'daemon-restart' });
  expect(restart.calls.length).toBeGreaterThan(1);
  expect(restart.warnings).toEqual([FALLBACK]);
  const start = await session.run({ verb: 'start', domain: 'vm' });
  expect(start.ok).toBe(true);
  expect(start.warnings).toEqual(['another limit']);
  // Each call still carries what the runner said with it.
  expect(start.calls.find((c) => c.call.op === 'prepare')?.warnings).toEqual([FALLBACK, 'another limit']);
  expect((await session.run({ verb: 'destroy', domain: 'vm' })).warnings).toEqual([]);
  await session.dispose();
  expect(session.warnings).toEqual([FALLBACK, 'another limit']);
});
