import { describe, expect, it } from 'vitest';
import type { HookCall } from '../../src/model/hook-call.js';
import { guest, GUEST_XML, sampleHost } from './support/sample-host.js';
import { head, OK, Stepper, veto } from './support/stepper.js';

/** Answers the filter call `op` with `output` (what the runner would hand back from stdout). */
const filterOutput = (op: string, output: string | null) => (call: HookCall) => (call.op === op ? { ...OK, output } : OK);

function saved(version = '9.0'): Stepper {
  const stepper = new Stepper(sampleHost(version));
  stepper.callsOf([{ verb: 'define', def: guest('qemu'), file: 'vm.xml' }, { verb: 'start', domain: 'vm' }, { verb: 'save', domain: 'vm', file: '/var/vm.save' }]);
  return stepper;
}

describe('save and restore (qemuDomainSaveInternal, qemuDomainRestoreFlags)', () => {
  it('save stops the guest (reason saved); restore runs the restore filter hook, then a full start', () => {
    const stepper = saved('11.3');
    expect(stepper.results.at(-1)!.output).toBe("\nDomain 'vm' saved to /var/vm.save");
    const calls = stepper.callsOf([{ verb: 'restore', file: '/var/vm.save' }]);
    expect(calls.map(head)).toEqual([
      'qemu vm restore begin -', 'qemu vm prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -',
      'qemu vm start begin -', 'qemu vm started begin -',
    ]);
    expect(calls[0]!.filter).toBe(true);
    // The image's definition carries no runtime state (id, portid).
    expect(calls[0]!.stdin).toMatch(/^<domain type='qemu'>\n/);
    expect(calls[0]!.stdin).not.toContain('portid=');
    expect(calls[0]!.stdin).not.toContain('<alias');
    expect(stepper.results.at(-1)!.output).toBe('Domain restored from /var/vm.save');
  });

  it('restore stdin is the migratable definition; the restored guest starts with the save cookie CPU and a new tap', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    const started = stepper.callsOf([{ verb: 'define', def: guest('qemu'), file: 'vm.xml' }, { verb: 'start', domain: 'vm' }]);
    const running = started.find((c) => c.op === 'started')!.stdin!;
    expect(running).toContain("<controller type='usb' index='0' model='piix3-uhci'>");
    stepper.callsOf([{ verb: 'save', domain: 'vm', file: '/var/vm.save' }]);
    const calls = stepper.callsOf([{ verb: 'restore', file: '/var/vm.save' }]);
    const restore = calls.find((c) => c.op === 'restore')!.stdin!;
    // recorded (differential-guests): no seclabel, default USB controller, pci-root, PS/2 keyboard, audio or QEMU's CPU features
    for (const gone of ['<seclabel', "<controller type='usb'", "model='pci-root'", "<input type='keyboard'", '<audio', "<feature policy='require'", '<target dev=']) {
      expect(restore).not.toContain(gone);
    }
    expect(restore).toContain("<cpu mode='custom' match='exact' check='none'>");
    expect(restore).toContain("<input type='mouse' bus='ps2'/>");
    const prepare = calls.find((c) => c.op === 'prepare')!.stdin!;
    expect(prepare).toContain("<controller type='usb' index='0' model='piix3-uhci'>");
    expect(prepare).toContain("<cpu mode='custom' match='exact' check='full'>");
    const start = calls.find((c) => c.op === 'start')!.stdin!;
    expect(start).toContain("<seclabel type='dynamic' model='dac' relabel='yes'>");
    expect([...start.matchAll(/<target dev='(vnet\d+)'/g)].map((m) => m[1])).toEqual(['vnet2', 'vnet3']);
  });

  it('non-empty hook output replaces the definition; blank output keeps it', () => {
    const replaced = saved();
    const image = replaced.state.savedImages['/var/vm.save']!;
    const edited = GUEST_XML.qemu.replace("<memory unit='MiB'>64</memory>", "<memory unit='MiB'>128</memory>");
    replaced.answer = filterOutput('restore', edited);
    const calls = replaced.callsOf([{ verb: 'restore', file: '/var/vm.save' }]);
    expect(calls.find((c) => c.op === 'prepare')!.stdin).toContain("<memory unit='KiB'>131072</memory>");
    expect(image.def.memoryKib).toBe(65536);

    const kept = saved();
    kept.answer = filterOutput('restore', '  \n');
    expect(kept.callsOf([{ verb: 'restore', file: '/var/vm.save' }]).find((c) => c.op === 'prepare')!.stdin).toContain("<memory unit='KiB'>65536</memory>");
  });

  it('a vetoed restore hook refuses the restore before anything else runs', () => {
    const stepper = saved();
    stepper.answer = (call) => (call.op === 'restore' ? veto('no restore') : OK);
    expect(stepper.callsOf([{ verb: 'restore', file: '/var/vm.save' }]).map(head)).toEqual(['qemu vm restore begin -']);
    expect(stepper.results.at(-1)).toMatchObject({ ok: false, vetoed: true, error: 'error: Failed to restore domain from /var/vm.save\nerror: Hook script execution failed: no restore' });
    expect(stepper.state.domains['vm']!.live).toBeNull();
  });

  it('a hook output libvirt cannot parse fails the restore', () => {
    const stepper = saved();
    stepper.answer = filterOutput('restore', '<domain><oops/></domain>');
    const result = stepper.run({ verb: 'restore', file: '/var/vm.save' });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^error: Failed to restore domain from \/var\/vm.save\nerror: XML error: /);
  });

  it('refuses an unknown image and a guest that already runs', () => {
    const stepper = saved();
    expect(stepper.run({ verb: 'restore', file: '/nope' }).error).toBe("error: Failed to restore domain from /nope\nerror: Failed to open file '/nope': No such file or directory");
    stepper.run({ verb: 'start', domain: 'vm' });
    expect(stepper.run({ verb: 'restore', file: '/var/vm.save' }).error).toBe("error: Failed to restore domain from /var/vm.save\nerror: Requested operation is not valid: domain 'vm' is already active");
  });
});

describe('incoming migration (qemuMigrationDstPrepareFresh)', () => {
  it('runs the migrate filter hook, then starts the guest here as a transient guest', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    const calls = stepper.callsOf([{ verb: 'migrate-in', def: guest('qemu'), file: 'vm.xml' }]);
    expect(calls.map(head)).toEqual([
      'qemu vm migrate begin -', 'qemu vm prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -',
      'qemu vm start begin -', 'qemu vm started begin -',
    ]);
    expect(calls[0]).toMatchObject({ filter: true });
    expect(stepper.results.at(-1)).toMatchObject({ ok: true, output: '' });
    expect(stepper.state.domains['vm']).toMatchObject({ config: null });
    stepper.run({ verb: 'destroy', domain: 'vm' });
    expect(stepper.state.domains['vm']).toBeUndefined();
  });

  it('a vetoed migrate hook refuses the migration with only the libvirt error', () => {
    const stepper = new Stepper(sampleHost('9.0'), { answer: (call) => (call.op === 'migrate' ? veto('not here') : OK) });
    expect(stepper.callsOf([{ verb: 'migrate-in', def: guest('qemu'), file: 'vm.xml' }]).map(head)).toEqual(['qemu vm migrate begin -']);
    expect(stepper.results.at(-1)).toMatchObject({ ok: false, error: 'error: Hook script execution failed: not here' });
    expect(stepper.state.domains['vm']).toBeUndefined();
  });

  it.each([['lxc', 'ct'], ['bhyve', 'bv']] as const)('%s cannot migrate: no hook runs, no guest is left', (type, name) => {
    const stepper = new Stepper(sampleHost('9.0'));
    expect(stepper.run({ verb: 'migrate-in', def: guest(type), file: `${name}.xml` }).error).toBe('error: this function is not supported by the connection driver: virDomainMigratePrepare3Params');
    expect(stepper.calls).toEqual([]);
    expect(stepper.state.domains[name]).toBeUndefined();
  });

  it('libxl runs its own migrate filter hook (libxlDomainMigrationPrepareAny), then starts with release never carrying a reason', () => {
    const stepper = new Stepper(sampleHost('11.3'));
    const edited = GUEST_XML.xen.replace('<memory>102400</memory>', "<memory unit='MiB'>200</memory>");
    stepper.answer = filterOutput('migrate', edited);
    const calls = stepper.callsOf([{ verb: 'migrate-in', def: guest('xen'), file: 'xv.xml' }, { verb: 'destroy', domain: 'xv' }]);
    expect(calls.map(head)).toEqual([
      'libxl xv migrate begin -', 'libxl xv prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -',
      'libxl xv start begin -', 'libxl xv started begin -',
      'libxl xv stopped end -', 'network nat port-deleted begin -', 'network iso port-deleted begin -', 'libxl xv release end -',
    ]);
    expect(calls[0]).toMatchObject({ filter: true });
    expect(calls[0]!.stdin).toContain("<memory unit='KiB'>102400</memory>");
    // The hook's stdout replaced the definition the guest started with.
    expect(calls[1]!.stdin).toContain("<memory unit='KiB'>204800</memory>");
    expect(calls.slice(1).every((c) => !c.filter)).toBe(true);
    expect(stepper.results.map((r) => r.ok)).toEqual([true, true]);
  });
});
