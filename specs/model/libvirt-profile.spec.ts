import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import { libvirtProfile, parseLibvirtVersion, type LibvirtProfile } from '../../src/model/libvirt-profile.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { recorderHooks } from '../support/recorder-hooks.js';
import { survivors } from '../support/survivors.js';
import { guest, NAT_XML, sampleHost } from '../simulator/support/sample-host.js';
import { head, OK, Stepper, veto } from '../simulator/support/stepper.js';

/** The last release without a behaviour and the first with it, for every field the profile derives. */
const EDGES: readonly [keyof LibvirtProfile, string, unknown, string, unknown][] = [
  ['networkUpdatedHook', '1.9.9', false, '2.0', true],
  ['portHooks', '5.4', 'plugged', '5.5', 'port'],
  ['portHooks', '5.4.99', 'plugged', '5.5.0', 'port'],
  ['autostartOnce', '5.8', false, '5.9', true],
  ['defaultPath', '5.10', '/bin:/usr/bin', '6.0', null],
  ['hookDirectories', '6.4', false, '6.5', true],
  ['hookDirectories', '6.4.0', false, '6.5.0', true],
  ['networkIdleExit', '9.0', true, '9.1', false],
  ['networkDomainRegister', '10.0', false, '10.1', true],
  ['releaseReasons', '10.4', false, '10.5', true],
  ['releaseReasons', '10.4.9', false, '10.5.0', true],
  ['teardownOnStartFailure', '10.7', false, '10.8', true],
];

describe('libvirtProfile: release thresholds', () => {
  it.each(EDGES)('%s changes between %s (%o) and %s (%o)', (field, before, was, at, is) => {
    expect(libvirtProfile(before)[field]).toEqual(was);
    expect(libvirtProfile(at)[field]).toEqual(is);
  });

  it('passes the DYLD_* variables from 7.1 (virCommandAddEnvPassCommon)', () => {
    expect(libvirtProfile('7.0').envPass).not.toContain('DYLD_INSERT_LIBRARIES');
    expect(libvirtProfile('7.1').envPass).toEqual(['LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'DYLD_FORCE_FLAT_NAMESPACE', 'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR']);
  });

  it('simulates 1.2.2 (network hooks) and later, and names what it cannot parse', () => {
    expect(libvirtProfile('1.2.2').portHooks).toBe('plugged');
    expect(() => libvirtProfile('1.2.1')).toThrow(expect.objectContaining({ code: 'PROFILE_UNKNOWN', message: expect.stringMatching(/predates network hooks \(1\.2\.2\)/) }));
    expect(() => libvirtProfile('nine')).toThrow(expect.objectContaining({ code: 'PROFILE_UNKNOWN' }));
    expect(parseLibvirtVersion(' 10.5 ')).toEqual([10, 5, 0]);
  });
});

/** A 2-NIC qemu guest started then destroyed: every call's head. */
function guestLifecycle(version: string): string[] {
  const stepper = new Stepper(sampleHost(version));
  return stepper.callsOf([{ verb: 'define', def: guest('qemu'), file: 'vm.xml' }, { verb: 'start', domain: 'vm' }, { verb: 'destroy', domain: 'vm' }]).map(head);
}

describe('what each threshold decides', () => {
  const hooks = recorderHooks(['network', 'network.d/10-first']);
  afterAll(() => hooks.remove());

  it.each([['5.4', 'plugged', 'unplugged'], ['5.5', 'port-created', 'port-deleted']])('%s: guest ports run %s / %s', (version, created, deleted) => {
    expect(guestLifecycle(version).filter((h) => h.startsWith('network'))).toEqual([
      `network nat ${created} begin -`, `network iso ${created} begin -`, `network nat ${deleted} begin -`, `network iso ${deleted} begin -`,
    ]);
  });

  it.each([['6.4', ['network']], ['6.5', ['network', 'network.d/10-first']]])('%s: a network hook call runs %o', async (version, scripts) => {
    const session = await createSession({ hooksDir: hooks.dir, libvirt: version });
    try {
      const step = await session.run({ verb: 'net-create', def: parseNetworkXml(NAT_XML, 'nat.xml'), file: 'nat.xml' });
      expect(step.calls.map((c) => c.scripts.map((s) => s.hook))).toEqual([scripts, scripts]);
    } finally {
      await session.dispose();
    }
  });

  it.each([['10.4', '-'], ['10.5', 'destroyed']])('%s: a destroyed guest is released with %s', (version, reason) => {
    expect(guestLifecycle(version).at(-1)).toBe(`qemu vm release end ${reason}`);
  });

  it.each([['10.7', ['nat start begin -', 'nat started begin -'], ['natbr0']], ['10.8', ['nat start begin -', 'nat started begin -', 'nat stopped end -'], []]])(
    '%s: a vetoed started hook runs %o and leaves bridges %o',
    (version, calls, bridges) => {
      const stepper = new Stepper(sampleHost(version, { networks: [] }), { answer: (c) => (c.op === 'started' ? veto() : OK) });
      expect(stepper.callsOf([{ verb: 'net-create', def: parseNetworkXml(NAT_XML, 'nat.xml'), file: 'nat.xml' }]).map((c) => head(c).slice('network '.length))).toEqual(calls);
      expect(stepper.results.at(-1)).toMatchObject({ ok: false, vetoed: true });
      expect(stepper.state.hostBridges.map((b) => b.name)).toEqual(bridges);
    },
  );

  it('leaves no process behind', () => {
    expect(survivors()).toEqual([]);
  });
});
