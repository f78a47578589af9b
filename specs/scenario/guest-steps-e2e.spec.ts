import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import type { ScenarioResult } from '../../src/scenario/scenario-result.js';
import { ORACLE_DIR } from '../support/oracle.js';
import { survivors } from '../support/survivors.js';

const PORT_UUID = '5d744f21-ba4a-4d6e-bdb2-30a35ff3207d';

/** Every guest verb once, against lvo-nat and a guest with <acpi/> (hot-plug works, as oracle e4). */
const SCENARIO = `
hooks: hooks
libvirt: ['9.0', '11.3']
networks: [nat.xml]
steps:
  - net-start: lvo-nat
  - define: vm3.xml
  - start: lvo-vm3
  - attach-interface: { domain: lvo-vm3, source: lvo-nat, mac: '52:54:00:00:03:02', model: e1000 }
  - attach-interface: { domain: lvo-vm3, xml: "<interface type='network'><mac address='52:54:00:00:03:03'/><source network='lvo-nat'/><model type='e1000'/></interface>" }
  - detach-interface: { domain: lvo-vm3, mac: '52:54:00:00:03:02' }
  - detach-interface: { domain: lvo-vm3, mac: '52:54:00:00:03:03', unplug-ignored: true }
  - save: { domain: lvo-vm3, file: /var/lib/libvirt/qemu/save/vm3.save }
  - restore: /var/lib/libvirt/qemu/save/vm3.save
  - shutdown: lvo-vm3
  - net-port-create: { network: lvo-nat, port: "<networkport><uuid>${PORT_UUID}</uuid><owner><name>ext</name><uuid>0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e</uuid></owner><mac address='52:54:00:00:0e:01'/></networkport>" }
  - net-port-delete: { network: lvo-nat, port: ${PORT_UUID} }
  - migrate-in: mig.xml
  - destroy: lvo-mig
  - undefine: lvo-vm3
  - start: lvo-mig
    expect: { ok: false, error: { contains: "no domain with matching name 'lvo-mig'" } }
`;

/** Writes argv to a log outside the hooks directory (what the hook itself saw) and prints nothing. */
const recorder = (log: string) => `#!/bin/sh
echo "$(basename "$0") $*" >> ${log}
cat >/dev/null
exit 0
`;

let dir: string;
let result: ScenarioResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'virthook-guest-steps-'));
  mkdirSync(join(dir, 'hooks'));
  for (const hook of ['network', 'qemu']) writeFileSync(join(dir, 'hooks', hook), recorder(join(dir, 'calls.log')), { mode: 0o755 });
  copyFileSync(join(ORACLE_DIR, 'xml/net-nat.xml'), join(dir, 'nat.xml'));
  copyFileSync(join(ORACLE_DIR, 'xml/dom-vm3.xml'), join(dir, 'vm3.xml'));
  writeFileSync(join(dir, 'mig.xml'), readFileSync(join(ORACLE_DIR, 'xml/dom-vm3.xml'), 'utf8')
    .replace('lvo-vm3', 'lvo-mig').replace('0000000000d3', '0000000000e3').replace('52:54:00:00:03:01', '52:54:00:00:0f:01'));
  writeFileSync(join(dir, 'guest.yaml'), SCENARIO);
  result = await runScenario(await loadScenario(join(dir, 'guest.yaml'), { cwd: dir }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The scenario's own steps (the `networks:` definitions run first). */
const stepsOf = (libvirt: string) => result.runs.find((r) => r.libvirt === libvirt)!.steps.filter((s) => s.path.startsWith('steps['));

/** `hook object op extra` of each call a step made, from the recording. */
function opsByStep(libvirt: string): string[][] {
  const run = result.runs.find((r) => r.libvirt === libvirt)!;
  return stepsOf(libvirt).map((step) => run.recording.invocations.filter((i) => i.stepIndex === step.index).map((i) => `${i.hook} ${i.argv[0]} ${i.argv[1]} ${i.argv[3]}`));
}

describe('a scenario file using every guest verb, against real hooks', () => {
  it('passes on both releases', () => {
    expect(result.runs.flatMap((r) => r.failures.map((f) => `${r.libvirt} ${f.path}: ${f.message}`))).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it.each([['9.0', { saved: '-', shutdown: '-', destroyed: '-' }], ['11.3', { saved: 'saved', shutdown: 'shutdown', destroyed: 'destroyed' }]])(
    'makes the calls of each step in libvirt\'s order (%s)',
    (libvirt, reason) => {
      const start = (name: string, ports: number) => [
        `qemu ${name} prepare -`, ...Array<string>(ports).fill('network lvo-nat port-created -'), `qemu ${name} start -`, `qemu ${name} started -`,
      ];
      const stop = (name: string, ports: number, why: string) => [`qemu ${name} stopped -`, ...Array<string>(ports).fill('network lvo-nat port-deleted -'), `qemu ${name} release ${why}`];
      expect(opsByStep(libvirt)).toEqual([
        ['network lvo-nat start -', 'network lvo-nat started -'],
        [],
        start('lvo-vm3', 1),
        ['network lvo-nat port-created -'],
        ['network lvo-nat port-created -'],
        ['network lvo-nat port-deleted -'],
        // The guest ignores the unplug request: the NIC and its port stay.
        [],
        // Saved with the NIC the guest kept: two ports released, two created again at restore.
        stop('lvo-vm3', 2, reason.saved),
        ['qemu lvo-vm3 restore -', ...start('lvo-vm3', 2)],
        stop('lvo-vm3', 2, reason.shutdown),
        ['network lvo-nat port-created -'],
        ['network lvo-nat port-deleted -'],
        ['qemu lvo-mig migrate -', ...start('lvo-mig', 1)],
        stop('lvo-mig', 1, reason.destroyed),
        [],
        [],
      ]);
    },
  );

  it('prints what virsh prints for each step', () => {
    expect(stepsOf('11.3').map((s) => (s.ok ? s.output : s.error))).toEqual([
      'Network lvo-nat started',
      "Domain 'lvo-vm3' defined from vm3.xml",
      "Domain 'lvo-vm3' started",
      'Interface attached successfully',
      'Interface attached successfully',
      'Interface detached successfully',
      'Interface detached successfully',
      "\nDomain 'lvo-vm3' saved to /var/lib/libvirt/qemu/save/vm3.save",
      'Domain restored from /var/lib/libvirt/qemu/save/vm3.save',
      "Domain 'lvo-vm3' is being shutdown",
      `Network port ${PORT_UUID} created from (inline)`,
      `Network port ${PORT_UUID} deleted`,
      '',
      "Domain 'lvo-mig' destroyed",
      "Domain 'lvo-vm3' has been undefined",
      "error: failed to get domain 'lvo-mig'\nerror: Domain not found: no domain with matching name 'lvo-mig'",
    ]);
    expect(stepsOf('11.3').map((s) => s.ok)).toEqual([...Array<boolean>(15).fill(true), false]);
  });

  it('ran the hook scripts themselves, in the same order, for every release', () => {
    const seen = readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n');
    const recorded = result.runs.flatMap((r) => r.recording.invocations.map((i) => `${i.hook} ${i.argv.join(' ')}`));
    expect(seen).toEqual(recorded);
    expect(seen).toContain('qemu lvo-vm3 restore begin -');
    expect(seen).toContain('qemu lvo-mig migrate begin -');
  });

  it('leaves no process behind', () => {
    expect(survivors()).toEqual([]);
  });
});
