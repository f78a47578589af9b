import { describe, expect, it } from 'vitest';
import type { HookDriver } from '../../src/model/hook-driver.js';
import type { Command } from '../../src/simulator/command.js';
import type { OracleRecord } from '../support/oracle.js';
import { recordedDomain, recordedHost, recordedNetworkConfigs } from './support/oracle-host.js';
import { recordsBetween } from './support/oracle-timeline.js';
import { recordedHookError } from './support/replay-timeline.js';
import { head, OK, Stepper } from './support/stepper.js';

const { nat, iso } = recordedNetworkConfigs();
const ALL: HookDriver[] = ['daemon', 'qemu', 'network'];
const NO_QEMU: HookDriver[] = ['daemon', 'network'];

/**
 * The calls libvirt made, one per virHookCall: a main script run and the `.d` runs after it with
 * the same argv and stdin (a non-executable main script leaves only the `.d` runs, h1a).
 */
function recordedCalls(records: readonly OracleRecord[]): string[] {
  const calls: string[] = [];
  let last: string | null = null;
  for (const r of records) {
    const key = `${r.argv.slice(1).join(' ')}\n${r.stdin_text ?? ''}`;
    const dir = /\/hooks\/(\w+)\.d\//.exec(r.script)?.[1];
    const driver = dir ?? r.argv[0]!.split('/').pop()!;
    if (dir === undefined || key !== last) calls.push(`${driver} ${r.argv.slice(1).join(' ')}`);
    last = key;
  }
  return calls;
}

/** One operator step of scenario h: the scan result in force for it, and the recorder's rules. */
interface Step {
  readonly command: Command;
  readonly found?: readonly HookDriver[];
  readonly rules?: readonly Record<string, unknown>[];
}

function replay(steps: readonly Step[], stepper: Stepper): string[] {
  for (const step of steps) {
    if (step.found) stepper.found = step.found;
    const rules = step.rules ?? [];
    stepper.answer = (call) => {
      const rule = rules.find((r) => r['hook'] === call.driver);
      return rule ? { status: 'failed', error: recordedHookError(call, rule), output: null } : OK;
    };
    stepper.run(step.command);
  }
  return stepper.calls.map(head);
}

const vm: Command = { verb: 'start', domain: 'lvo-vm' };
const destroyVm: Command = { verb: 'destroy', domain: 'lvo-vm' };
const DAEMON_VETO = [{ hook: 'daemon', exit: 1, stderr: 'lvoracle: daemon hook veto\n' }];

describe('oracle h: which hooks a daemon calls is decided at its last scan', () => {
  it('h1-h4: a qemu hook missing at start is ignored until SIGHUP; daemon hook failures change nothing', () => {
    // After g7's restart: lvo-nat (autostart) inactive, lvo-iso active, no guest running.
    const host = recordedHost({
      networks: [{ def: nat, autostart: true }, { def: iso, active: true }],
      domains: [{ def: recordedDomain('dom-vm.xml') }, { def: recordedDomain('dom-vm2.xml') }],
    });
    const calls = replay([
      // h1a: the main network script lost its x bit, network.d still runs: the driver stays found.
      { command: { verb: 'net-start', network: 'lvo-nat' }, found: ALL },
      { command: { verb: 'daemon-reload' } },
      { command: { verb: 'net-start', network: 'lvo-nat' } },
      { command: { verb: 'net-destroy', network: 'lvo-nat' } },
      // h2a: the qemu hook is moved away across a restart, then put back while the daemon runs.
      { command: { verb: 'daemon-stop' } },
      { command: { verb: 'daemon-start' }, found: NO_QEMU },
      { command: { verb: 'net-start', network: 'lvo-nat' }, found: ALL },
      { command: vm },
      { command: destroyVm },
      // h2b: SIGHUP finds it.
      { command: { verb: 'daemon-reload' } },
      { command: vm },
      { command: destroyVm },
      { command: { verb: 'net-destroy', network: 'lvo-iso' } },
      { command: { verb: 'net-start', network: 'lvo-iso' } },
      { command: { verb: 'net-destroy', network: 'lvo-iso' } },
      { command: { verb: 'daemon-reload' }, rules: DAEMON_VETO },
      { command: { verb: 'daemon-stop' }, rules: DAEMON_VETO },
      { command: { verb: 'daemon-start' }, rules: DAEMON_VETO },
    ], new Stepper(host));
    expect(calls).toEqual(recordedCalls(recordsBetween('2026-11-24T22:26:11Z', '2026-11-24T22:27:54Z', true)));
  });

  it('h6: a qemu hook non-executable at SIGHUP stays unused after chmod 755 until the next scan', () => {
    // After n: both networks active, lvo-vm shut off.
    const host = recordedHost({
      networks: [{ def: nat, active: true, autostart: true }, { def: iso, active: true }],
      domains: [{ def: recordedDomain('dom-vm.xml') }],
    });
    const calls = replay([
      { command: { verb: 'daemon-reload' }, found: NO_QEMU },
      { command: vm },
      { command: destroyVm },
      { command: vm, found: ALL },
      { command: destroyVm },
    ], new Stepper(host));
    expect(calls).toEqual(recordedCalls(recordsBetween('2026-11-24T22:34:54Z', '2026-11-24T22:35:29Z', true)));
    expect(calls.filter((c) => c.startsWith('qemu'))).toEqual([]);
  });
});
