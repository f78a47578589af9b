import { describe, expect, it } from 'vitest';
import { buildCommand, isInlineXml, stepDefinition, stepVerb } from '../../src/scenario/build-command.js';
import type { StepInput } from '../../src/scenario/step-schema.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';

const step = (value: Record<string, unknown>) => value as unknown as StepInput;
const PARSED = { parsed: true };
const INLINE_DOMAIN = "<domain type='qemu'><name>x</name></domain>";

describe('stepDefinition', () => {
  it.each([
    [{ 'net-define': 'nat.xml' }, { kind: 'network', at: [], value: 'nat.xml' }],
    [{ 'net-create': '<network/>' }, { kind: 'network', at: [], value: '<network/>' }],
    [{ define: 'web.xml' }, { kind: 'domain', at: [], value: 'web.xml' }],
    [{ 'migrate-in': INLINE_DOMAIN }, { kind: 'domain', at: [], value: INLINE_DOMAIN }],
    [{ 'net-port-create': { network: 'n', port: 'port.xml' } }, { kind: 'port', at: ['port'], value: 'port.xml' }],
    [{ 'attach-interface': { domain: 'web', xml: '<interface/>' } }, { kind: 'interface', at: ['xml'], value: '<interface/>' }],
  ])('%o needs %o parsed', (input, expected) => {
    expect(stepDefinition(step(input))).toEqual(expected);
  });

  it.each([{ start: 'web' }, { restore: '/f' }, { 'net-port-delete': { network: 'n', port: 'u' } }, { 'detach-interface': { domain: 'web' } }])('%o needs nothing parsed', (input) => {
    expect(stepDefinition(step(input))).toBeNull();
  });

  it('builds the <interface> virsh attach-interface would, defaulting to type network', () => {
    const built = stepDefinition(step({ 'attach-interface': { domain: 'web', source: 'lvo-iso', mac: '52:54:00:00:00:03', model: 'e1000' } }))!;
    expect(built).toMatchObject({ kind: 'interface', at: [] });
    expect(built.value).toBe("<interface type='network'>\n  <source network='lvo-iso'/>\n  <mac address='52:54:00:00:00:03'/>\n  <model type='e1000'/>\n</interface>");
    expect(parseInterfaceXml(built.value, 'attach')).toMatchObject({ type: 'network', mac: '52:54:00:00:00:03', source: { kind: 'network', network: 'lvo-iso' } });
    const bridge = stepDefinition(step({ 'attach-interface': { domain: 'web', type: 'bridge', source: 'br0' } }))!;
    expect(bridge.value).toBe("<interface type='bridge'>\n  <source bridge='br0'/>\n</interface>");
  });
});

describe('buildCommand', () => {
  it.each([
    // virsh attach-interface/detach-interface without --live/--config act on the running guest.
    [{ 'attach-interface': { domain: 'web', source: 'n' } }, { verb: 'attach-interface', domain: 'web', iface: PARSED, live: true, config: false }],
    [{ 'attach-interface': { domain: 'web', source: 'n', config: true } }, { verb: 'attach-interface', domain: 'web', iface: PARSED, live: false, config: true }],
    [{ 'attach-interface': { domain: 'web', xml: '<interface/>', live: true, config: true } }, { verb: 'attach-interface', domain: 'web', iface: PARSED, live: true, config: true }],
    [{ 'detach-interface': { domain: 'web' } }, { verb: 'detach-interface', domain: 'web', type: 'network', mac: null, live: true, config: false, unplugIgnored: false }],
    [
      { 'detach-interface': { domain: 'web', type: 'bridge', mac: '52:54:00:00:00:03', config: true, 'unplug-ignored': true } },
      { verb: 'detach-interface', domain: 'web', type: 'bridge', mac: '52:54:00:00:00:03', live: false, config: true, unplugIgnored: true },
    ],
    [{ save: { domain: 'web', file: '/var/web.save' } }, { verb: 'save', domain: 'web', file: '/var/web.save' }],
    [{ restore: '/var/web.save' }, { verb: 'restore', file: '/var/web.save' }],
    [{ 'migrate-in': 'web.xml' }, { verb: 'migrate-in', def: PARSED, file: 'web.xml' }],
    [{ 'migrate-in': INLINE_DOMAIN }, { verb: 'migrate-in', def: PARSED, file: '(inline)' }],
    [{ define: ` ${INLINE_DOMAIN}` }, { verb: 'define', def: PARSED, file: '(inline)' }],
    [{ 'net-port-create': { network: 'n', port: 'port.xml' } }, { verb: 'net-port-create', network: 'n', port: PARSED, file: 'port.xml' }],
    [{ 'net-port-create': { network: 'n', port: '<networkport/>' } }, { verb: 'net-port-create', network: 'n', port: PARSED, file: '(inline)' }],
    [{ 'net-port-delete': { network: 'n', port: 'u-u-i-d' } }, { verb: 'net-port-delete', network: 'n', port: 'u-u-i-d' }],
    [{ start: 'web' }, { verb: 'start', domain: 'web' }],
    [{ shutdown: 'web' }, { verb: 'shutdown', domain: 'web' }],
    [{ destroy: 'web' }, { verb: 'destroy', domain: 'web' }],
    [{ undefine: 'web' }, { verb: 'undefine', domain: 'web' }],
    [{ 'host-link-del': 'virbr9' }, { verb: 'host-link-del', bridge: 'virbr9' }],
    [{ 'host-kill-dnsmasq': 'lvo-nat' }, { verb: 'host-kill-dnsmasq', network: 'lvo-nat' }],
    [{ 'hook-write': { path: 'qemu', content: 'x' } }, { verb: 'hook-file', change: { op: 'write', path: 'qemu', content: 'x', mode: 0o755 } }],
    [{ 'hook-write': { path: 'qemu', content: 'x', mode: '0640' } }, { verb: 'hook-file', change: { op: 'write', path: 'qemu', content: 'x', mode: 0o640 } }],
    [{ 'hook-chmod': { path: 'qemu', mode: '644' } }, { verb: 'hook-file', change: { op: 'chmod', path: 'qemu', mode: 0o644 } }],
    [{ 'hook-remove': 'qemu.d' }, { verb: 'hook-file', change: { op: 'remove', path: 'qemu.d' } }],
    [{ 'net-autostart': 'n' }, { verb: 'net-autostart', network: 'n', disable: false }],
    [{ 'net-autostart': { network: 'n', disable: true } }, { verb: 'net-autostart', network: 'n', disable: true }],
    [{ 'daemon-restart': null }, { verb: 'daemon-restart' }],
    [{ 'daemon-start': { daemon: 'virtnetworkd', order: ['n:52:54:00:00:00:01'] } }, { verb: 'daemon-start', daemon: 'virtnetworkd', order: ['n:52:54:00:00:00:01'] }],
    [{ 'daemon-reload': true }, { verb: 'daemon-reload' }],
    [{ 'host-reboot': {} }, { verb: 'host-reboot' }],
  ])('%o -> %o', (input, expected) => {
    expect(buildCommand(step(input), PARSED)).toEqual(expected);
  });

  it('passes net-update through with libvirt\'s defaults (parent index -1, --current)', () => {
    expect(buildCommand(step({ 'net-update': { network: 'n', command: 'add', section: 'ip-dhcp-host', xml: '<host/>' } }), null)).toEqual({
      verb: 'net-update', network: 'n', command: 'add', section: 'ip-dhcp-host', xml: '<host/>', parentIndex: -1, live: false, config: false,
    });
  });

  it('reads the verb of a step and tells inline XML from a file name', () => {
    expect(stepVerb(step({ 'net-port-delete': { network: 'n', port: 'u' }, expect: { ok: true } }))).toBe('net-port-delete');
    expect(isInlineXml('  <domain/>')).toBe(true);
    expect(isInlineXml('domains/web.xml')).toBe(false);
  });
});
