import { describe, expect, it } from 'vitest';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { Command } from '../../src/simulator/command.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { playback } from '../support/playback.js';

const NAT = `<network>
  <name>nat</name>
  <uuid>11111111-2222-4333-8444-555555555555</uuid>
  <forward mode='nat'/>
  <bridge name='natbr0' stp='on' delay='0'/>
  <mac address='52:54:00:aa:00:02'/>
  <ip address='192.0.2.1' netmask='255.255.255.0'/>
</network>`;
const ISO = `<network><name>iso</name><uuid>11111111-2222-4333-8444-666666666666</uuid><bridge name='isobr0'/></network>`;

const define = (xml: string): Command => ({ verb: 'net-define', def: parseNetworkXml(xml, 'inline.xml'), file: 'inline.xml' });
const state = (version = '9.0', found: ('network' | 'qemu')[] = ['network']) =>
  createSimulatorState({ profile: libvirtProfile(version), seed: 'spec', hooksFound: found });
const ops = (calls: { object: string; op: string }[]) => calls.map((c) => `${c.object} ${c.op}`);
const HOOK_ERROR = 'Hook script execution failed: internal error: Child process (X) unexpected exit status 1';

describe('simulate: network lifecycle', () => {
  it('runs start, started and stopped around net-start and net-destroy', async () => {
    const run = await playback(state(), [define(NAT), { verb: 'net-start', network: 'nat' }, { verb: 'net-destroy', network: 'nat' }]);
    expect(ops(run.calls)).toEqual(['nat start', 'nat started', 'nat stopped']);
    expect(run.results.map((r) => r.output)).toEqual(['Network nat defined from inline.xml', 'Network nat started', 'Network nat destroyed']);
    expect(run.calls[1]!.stdin).toContain("<port start='1024' end='65535'/>");
    expect(run.calls[0]!.stdin).not.toContain('<nat>');
    expect(run.calls[2]!.subop).toBe('end');
  });

  it('calls no network hook when none was found at the last scan', async () => {
    const run = await playback(state('9.0', ['qemu']), [define(NAT), { verb: 'net-start', network: 'nat' }]);
    expect(run.calls).toEqual([]);
    expect(run.results[1]!.ok).toBe(true);
  });

  it('9.0: a start veto leaves the network inactive and runs no stopped', async () => {
    const run = await playback(state('9.0'), [define(ISO), { verb: 'net-start', network: 'iso' }], [{ op: 'start', error: HOOK_ERROR }]);
    expect(ops(run.calls)).toEqual(['iso start']);
    expect(run.results[1]).toMatchObject({ ok: false, vetoed: true, error: `error: Failed to start network iso\nerror: ${HOOK_ERROR}` });
    expect(run.state.networks['iso']!.live).toBeNull();
  });

  it('11.3: a start veto runs teardown and stopped', async () => {
    const run = await playback(state('11.3'), [define(ISO), { verb: 'net-start', network: 'iso' }], [{ op: 'start', error: HOOK_ERROR }]);
    expect(ops(run.calls)).toEqual(['iso start', 'iso stopped']);
    expect(run.state.networks['iso']!.live).toBeNull();
  });

  it('9.0: a started veto leaks the bridge, so the next start fails as in oracle c3', async () => {
    const commands: Command[] = [define(NAT), define(ISO), { verb: 'net-start', network: 'nat' }, { verb: 'net-start', network: 'iso' }];
    const vetoed = await playback(state('9.0'), commands, [{ op: 'started', error: HOOK_ERROR }]);
    expect(ops(vetoed.calls)).toEqual(['nat start', 'nat started', 'iso start', 'iso started']);
    const retry = await playback(vetoed.state, [{ verb: 'net-start', network: 'nat' }, { verb: 'net-start', network: 'iso' }]);
    expect(ops(retry.calls)).toEqual(['nat start', 'iso start']);
    expect(retry.results.map((r) => r.error)).toEqual([
      'error: Failed to start network nat\nerror: internal error: Network is already in use by interface natbr0',
      'error: Failed to start network iso\nerror: error creating bridge interface isobr0: File exists',
    ]);
  });

  it('11.3: a started veto tears down and runs stopped, so a retry works', async () => {
    const vetoed = await playback(state('11.3'), [define(NAT), { verb: 'net-start', network: 'nat' }], [{ op: 'started', error: HOOK_ERROR }]);
    expect(ops(vetoed.calls)).toEqual(['nat start', 'nat started', 'nat stopped']);
    const retry = await playback(vetoed.state, [{ verb: 'net-start', network: 'nat' }]);
    expect(retry.results[0]!.ok).toBe(true);
  });

  it('ignores an updated failure for a live update of an active network, reports it otherwise', async () => {
    const update = (live: boolean, config: boolean): Command => ({
      verb: 'net-update', network: 'nat', command: 'add', section: 'ip-dhcp-host',
      xml: "<host mac='52:54:00:00:00:aa' name='h1' ip='192.0.2.50'/>", parentIndex: -1, live, config,
    });
    const rules = [{ op: 'updated', error: HOOK_ERROR }];
    const live = await playback(state(), [define(NAT), { verb: 'net-start', network: 'nat' }, update(true, true)], rules);
    expect(live.results[2]).toMatchObject({ ok: true, output: 'Updated network nat persistent config and live state' });
    const configOnly = await playback(state(), [define(NAT), update(false, false)], rules);
    expect(configOnly.results[1]).toMatchObject({ ok: false, vetoed: true });
    expect(configOnly.state.networks['nat']!.config!.ips[0]!.dhcp?.hosts).toHaveLength(1);
  });

  it('refuses live updates of inactive networks and unsupported sections with libvirt texts', async () => {
    const run = await playback(state(), [
      define(NAT),
      { verb: 'net-update', network: 'nat', command: 'add', section: 'ip-dhcp-host', xml: "<host mac='52:54:00:00:00:aa' ip='192.0.2.9'/>", parentIndex: -1, live: true, config: false },
      { verb: 'net-update', network: 'nat', command: 'modify', section: 'bridge', xml: "<bridge name='x'/>", parentIndex: -1, live: false, config: true },
    ]);
    expect(run.calls).toEqual([]);
    expect(run.results[1]!.error).toBe('error: Failed to update network nat\nerror: Requested operation is not valid: network is not running');
    expect(run.results[2]!.error).toMatch(/^error: Failed to update network nat\nerror: .*can't update 'bridge' section of network 'nat'/);
  });

  it.each([['bridge', 'bridge'], ['domain', 'domain'], ['ip', 'ip'], ['forward', 'forward'], ['forward-pf', 'forward pf']])(
    'refuses a %s update of an active network with virNetworkDefUpdateNoSupport text, changing nothing and running no hook', async (section, named) => {
      const run = await playback(state(), [
        define(NAT), { verb: 'net-start', network: 'nat' },
        { verb: 'net-update', network: 'nat', command: 'modify', section: section as never, xml: '<x/>', parentIndex: -1, live: true, config: true },
      ]);
      expect(ops(run.calls)).toEqual(['nat start', 'nat started']);
      expect(run.results[2]).toMatchObject({ ok: false, vetoed: false, error: `error: Failed to update network nat\nerror: Operation not supported: can't update '${named}' section of network 'nat'` });
    });

  it('net-create starts a transient network that disappears on destroy or failed start', async () => {
    const create: Command = { verb: 'net-create', def: parseNetworkXml(ISO, 'iso.xml'), file: 'iso.xml' };
    const ok = await playback(state(), [create, { verb: 'net-destroy', network: 'iso' }]);
    expect(ops(ok.calls)).toEqual(['iso start', 'iso started', 'iso stopped']);
    expect(ok.state.networks['iso']).toBeUndefined();
    const vetoed = await playback(state(), [create], [{ op: 'start', error: HOOK_ERROR }]);
    expect(vetoed.results[0]!.error).toBe(`error: Failed to create network from iso.xml\nerror: ${HOOK_ERROR}`);
    expect(vetoed.state.networks['iso']).toBeUndefined();
  });

  it('names unknown networks as virsh does', async () => {
    const run = await playback(state(), [{ verb: 'net-start', network: 'nope' }]);
    expect(run.results[0]!.error).toBe("error: failed to get network 'nope'\nerror: Network not found: no network with matching name 'nope'");
  });

  it('fills in bridge, uuid and mac reproducibly from the seed', async () => {
    const bare = `<network><name>auto</name><forward mode='nat'/><ip address='198.51.100.1' prefix='24'/></network>`;
    const a = await playback(state(), [define(bare), { verb: 'net-start', network: 'auto' }]);
    const b = await playback(state(), [define(bare), { verb: 'net-start', network: 'auto' }]);
    expect(a.calls[0]!.stdin).toBe(b.calls[0]!.stdin);
    expect(a.calls[0]!.stdin).toMatch(/<bridge name='virbr0' stp='on' delay='0'\/>/);
    expect(a.calls[0]!.stdin).toMatch(/<uuid>[0-9a-f-]{36}<\/uuid>/);
    expect(a.calls[0]!.stdin).toMatch(/<mac address='52:54:00(:[0-9a-f]{2}){3}'\/>/);
  });
});
