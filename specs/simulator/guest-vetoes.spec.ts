import { describe, expect, it } from 'vitest';
import type { HookCall } from '../../src/model/hook-call.js';
import type { Command } from '../../src/simulator/command.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { connectionsOf, guest, GUEST_XML, sampleHost } from './support/sample-host.js';
import { head, OK, Stepper, veto } from './support/stepper.js';

const define = (type: keyof typeof GUEST_XML): Command => ({ verb: 'define', def: guest(type), file: `${type}.xml` });
/** Fails the first call matching op (and object). */
const failing = (op: string, object?: string) => (call: HookCall) => (call.op === op && (object === undefined || call.object === object) ? veto(op) : OK);

function startWith(version: string, type: keyof typeof GUEST_XML, answer: (call: HookCall) => ReturnType<typeof veto>) {
  const stepper = new Stepper(sampleHost(version));
  stepper.run(define(type));
  stepper.answer = answer;
  const name = guest(type).name;
  const calls = stepper.callsOf([{ verb: 'start', domain: name }]);
  return { stepper, calls: calls.map(head), result: stepper.results.at(-1)! };
}

describe('guest start vetoes and their rollback (reference §7.3, oracle k and f)', () => {
  const TABLE: [string, string | [string, string], string[]][] = [
    ['prepare', 'prepare', ['qemu vm prepare begin -', 'qemu vm stopped end -', 'qemu vm release end failed']],
    ['port-created of NIC 2', ['port-created', 'iso'], [
      'qemu vm prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -',
      'qemu vm stopped end -', 'network nat port-deleted begin -', 'qemu vm release end failed',
    ]],
    ['start', 'start', [
      'qemu vm prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -', 'qemu vm start begin -',
      'qemu vm stopped end -', 'network nat port-deleted begin -', 'network iso port-deleted begin -', 'qemu vm release end failed',
    ]],
    ['started', 'started', [
      'qemu vm prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -', 'qemu vm start begin -',
      'qemu vm started begin -', 'qemu vm stopped end -', 'network nat port-deleted begin -', 'network iso port-deleted begin -',
      'qemu vm release end failed',
    ]],
  ];

  it.each(TABLE)('a vetoed %s (11.3) stops the guest and releases only the ports made', (_what, point, expected) => {
    const [op, object] = typeof point === 'string' ? [point, undefined] : point;
    const { stepper, calls, result } = startWith('11.3', 'qemu', failing(op, object));
    expect(calls).toEqual(expected);
    expect(result).toMatchObject({ ok: false, vetoed: true, error: `error: Failed to start domain 'vm'\nerror: Hook script execution failed: ${op}` });
    expect(stepper.state.domains['vm']!.live).toBeNull();
    // Counters and ports are back where they were: a veto of port-created rolls its increment back.
    expect(Object.values(stepper.state.networks).map((n) => [n.connections, n.ports.length])).toEqual([[0, 0], [0, 0]]);
  });

  it('9.0 passes `-` as the release reason, 11.3 the shutoff reason', () => {
    expect(startWith('9.0', 'qemu', failing('prepare')).calls.at(-1)).toBe('qemu vm release end -');
    const stepper = new Stepper(sampleHost('11.3'));
    stepper.run(define('qemu'));
    const calls = stepper.callsOf([
      { verb: 'start', domain: 'vm' }, { verb: 'destroy', domain: 'vm' },
      { verb: 'start', domain: 'vm' }, { verb: 'shutdown', domain: 'vm' },
      { verb: 'start', domain: 'vm' }, { verb: 'save', domain: 'vm', file: '/tmp/vm.save' },
    ]).map(head).filter((h) => h.includes(' release '));
    expect(calls).toEqual(['qemu vm release end destroyed', 'qemu vm release end shutdown', 'qemu vm release end saved']);
    expect(stepper.results.map((r) => r.output).filter(Boolean)).toContain("Domain 'vm' is being shutdown");
  });

  it('counts connections before port-created and after port-deleted, absent at 0', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run(define('qemu'));
    const calls = stepper.callsOf([{ verb: 'start', domain: 'vm' }, { verb: 'destroy', domain: 'vm' }]);
    const ports = calls.filter((c) => c.op.startsWith('port-'));
    expect(ports.map((c) => [c.object, c.op, connectionsOf(c.stdin)])).toEqual([
      ['nat', 'port-created', 1], ['iso', 'port-created', 1], ['nat', 'port-deleted', null], ['iso', 'port-deleted', null],
    ]);
    expect(calls.filter((c) => c.driver === 'qemu').some((c) => c.stdin?.includes('connections='))).toBe(false);
  });

  it('ignores failing stopped, port-deleted and release hooks: the guest stops, its ports go', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.callsOf([define('qemu'), { verb: 'start', domain: 'vm' }]);
    stepper.answer = (call) => (['stopped', 'release', 'port-deleted'].includes(call.op) ? veto() : OK);
    expect(stepper.run({ verb: 'destroy', domain: 'vm' })).toMatchObject({ ok: true, output: "Domain 'vm' destroyed" });
    expect(stepper.state.domains['vm']!.live).toBeNull();
    expect(stepper.state.networks['nat']!.ports).toEqual([]);
  });

  it('refuses a start on an inactive network like a port veto, without a hook', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.callsOf([define('qemu'), { verb: 'net-destroy', network: 'iso' }]);
    const calls = stepper.callsOf([{ verb: 'start', domain: 'vm' }]).map(head);
    expect(calls).toEqual(['qemu vm prepare begin -', 'network nat port-created begin -', 'qemu vm stopped end -', 'network nat port-deleted begin -', 'qemu vm release end -']);
    expect(stepper.results.at(-1)!.error).toBe("error: Failed to start domain 'vm'\nerror: Requested operation is not valid: network 'iso' is not active");
  });
});

describe('other drivers (reference §1.3-1.5)', () => {
  it('lxc releases the ports it made before the stop path when one is vetoed', () => {
    const { calls } = startWith('11.3', 'lxc', failing('port-created', 'iso'));
    expect(calls).toEqual([
      'lxc ct prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -',
      'network nat port-deleted begin -', 'lxc ct stopped end -', 'lxc ct release end failed',
    ]);
  });

  it('lxc gets its id once the container runs, keeps it in `stopped` and names veth pairs; its release carries the reason from 10.5', () => {
    const stepper = new Stepper(sampleHost('11.3'));
    const calls = stepper.callsOf([define('lxc'), { verb: 'start', domain: 'ct' }, { verb: 'destroy', domain: 'ct' }]);
    const stdin = (op: string) => calls.find((c) => c.op === op)!.stdin!;
    // virLXCProcessStart: vm->def->id = vm->pid after the start hook, so prepare and start format inactive.
    expect(stdin('prepare')).toMatch(/^<domain type='lxc'>/);
    expect(stdin('start')).toMatch(/^<domain type='lxc'>/);
    expect(stdin('start')).not.toContain('<target dev=');
    expect(stdin('started')).toMatch(/^<domain type='lxc' id='1'>/);
    expect(stdin('started')).toContain("<target dev='veth0'/>");
    expect(stdin('stopped')).toMatch(/^<domain type='lxc' id='1'>/);
    expect(head(calls.at(-1)!)).toBe('lxc ct release end destroyed');
  });

  it('libxl gets the domid after start, names its vifs after it, and keeps it in `stopped` (libxlDomainStart, libxlDomainCleanup)', () => {
    const stepper = new Stepper(sampleHost('11.3'));
    const calls = stepper.callsOf([define('xen'), { verb: 'start', domain: 'xv' }, { verb: 'destroy', domain: 'xv' }]);
    const stdin = (op: string) => calls.find((c) => c.driver === 'libxl' && c.op === op)!.stdin!;
    expect(stdin('prepare')).toMatch(/^<domain type='xen'>/);
    expect(stdin('start')).toMatch(/^<domain type='xen'>/);
    expect(stdin('start')).not.toContain('<target dev=');
    expect(stdin('started')).toMatch(/^<domain type='xen' id='1'>/);
    expect(stdin('started')).toContain("<target dev='vif1.0'/>");
    expect(stdin('stopped')).toMatch(/^<domain type='xen' id='1'>/);
    expect(stdin('release')).toMatch(/^<domain type='xen'>/);
  });

  it('libxl runs its stop path after a vetoed prepare, start or started (cleanup_dom: libxlDomainCleanup)', () => {
    expect(startWith('11.3', 'xen', failing('prepare')).calls).toEqual(['libxl xv prepare begin -', 'libxl xv stopped end -', 'libxl xv release end -']);
    expect(startWith('11.3', 'xen', failing('started')).calls).toEqual([
      'libxl xv prepare begin -', 'network nat port-created begin -', 'network iso port-created begin -', 'libxl xv start begin -',
      'libxl xv started begin -', 'libxl xv stopped end -', 'network nat port-deleted begin -', 'network iso port-deleted begin -',
      'libxl xv release end -',
    ]);
  });

  it.each(['prepare', 'start', 'started'])('bhyve runs no stop hook after a vetoed %s (virBhyveProcessStart, virBhyveProcessStartImpl)', (op) => {
    const { stepper, calls, result } = startWith('11.3', 'bhyve', failing(op));
    const upTo = ['prepare', 'start', 'started'].indexOf(op);
    expect(calls).toEqual(['bv prepare begin -', 'bv start begin -', 'bv started begin -'].slice(0, upTo + 1).map((h) => `bhyve ${h}`));
    expect(result).toMatchObject({ ok: false, vetoed: true, error: `error: Failed to start domain 'bv'\nerror: Hook script execution failed: ${op}` });
    expect(stepper.state.domains['bv']!.live).toBeNull();
  });

  it('bhyve refuses an interface on a libvirt network after prepare: bhyveBuildNetArgStr plugs bridges only', () => {
    const onNetwork = parseDomainXml(GUEST_XML.bhyve.replace(/<interface type='bridge'>.*<\/interface>/, "<interface type='network'><source network='nat'/></interface>"), 'bv.xml');
    const stepper = new Stepper(sampleHost('11.3'));
    stepper.run({ verb: 'define', def: onNetwork, file: 'bv.xml' });
    const calls = stepper.callsOf([{ verb: 'start', domain: 'bv' }]).map(head);
    expect(calls).toEqual(['bhyve bv prepare begin -']);
    expect(stepper.results.at(-1)).toMatchObject({ ok: false, vetoed: false, error: "error: Failed to start domain 'bv'\nerror: unsupported configuration: Network type 6 is not supported" });
    expect(stepper.state.networks['nat']!.connections).toBe(0);
  });

  it.each([['xen', 'libxl', 'xv'], ['bhyve', 'bhyve', 'bv']] as const)('%s guests run the %s hook and never pass a release reason', (type, driver, name) => {
    const stepper = new Stepper(sampleHost('11.3'));
    const calls = stepper.callsOf([define(type), { verb: 'start', domain: name }, { verb: 'destroy', domain: name }]).map(head);
    expect(calls.filter((h) => h.startsWith(driver))).toEqual([
      `${driver} ${name} prepare begin -`, `${driver} ${name} start begin -`, `${driver} ${name} started begin -`,
      `${driver} ${name} stopped end -`, `${driver} ${name} release end -`,
    ]);
  });

  it('bhyve has no hot-plug, lxc no save', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.callsOf([define('bhyve'), { verb: 'start', domain: 'bv' }, define('lxc'), { verb: 'start', domain: 'ct' }]);
    const attach = stepper.run({ verb: 'attach-interface', domain: 'bv', iface: guest('bhyve').devices[0] as never, live: true, config: false });
    expect(attach.error).toBe('error: Failed to attach interface\nerror: this function is not supported by the connection driver: virDomainAttachDeviceFlags');
    expect(stepper.run({ verb: 'save', domain: 'ct', file: 'ct.save' }).error).toBe("error: Failed to save domain 'ct' to ct.save\nerror: this function is not supported by the connection driver: virDomainSave");
  });
});

describe('guest commands refused by virsh or libvirt', () => {
  it('uses virsh texts for unknown, running and stopped guests', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.callsOf([define('qemu'), { verb: 'start', domain: 'vm' }]);
    const calls = stepper.callsOf([
      { verb: 'start', domain: 'nope' }, { verb: 'start', domain: 'vm' }, { verb: 'undefine', domain: 'vm' },
      { verb: 'destroy', domain: 'vm' }, { verb: 'destroy', domain: 'vm' },
    ]);
    expect(stepper.results.slice(-5).map((r) => r.error ?? r.output)).toEqual([
      "error: failed to get domain 'nope'\nerror: Domain not found: no domain with matching name 'nope'",
      'error: Domain is already active',
      "Domain 'vm' has been undefined",
      "Domain 'vm' destroyed",
      "error: failed to get domain 'vm'\nerror: Domain not found: no domain with matching name 'vm'",
    ]);
    // The undefined guest kept running until destroyed, then disappeared (transient).
    expect(calls.filter((c) => c.driver === 'qemu').map((c) => c.op)).toEqual(['stopped', 'release']);
  });

  it('refuses a second definition of a name with another uuid', () => {
    const stepper = new Stepper(sampleHost('9.0'));
    stepper.run(define('qemu'));
    const result = stepper.run({ verb: 'define', def: { ...guest('qemu'), uuid: '6a1f0c0e-0000-4000-8000-0000000000b1' }, file: 'other.xml' });
    expect(result.error).toBe("error: Failed to define domain from other.xml\nerror: operation failed: domain 'vm' already exists with uuid 6a1f0c0e-0000-4000-8000-0000000000a1");
  });
});
