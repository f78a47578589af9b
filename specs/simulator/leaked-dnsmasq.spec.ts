import { describe, expect, it } from 'vitest';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { Command } from '../../src/simulator/command.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { playback } from '../support/playback.js';

// A started veto leaks the bridge and, for a network that runs dnsmasq, its dnsmasq (9.0, recorded
// in fixtures/xml/differential: dn-veto, dn-veto-dhcp, dn-veto-v6, dn-veto-nodns).
const net = (ips: string, dns = '') => parseNetworkXml(`<network><name>v</name><bridge name='vbr0'/>${dns}${ips}</network>`, 'v.xml');
const sequence = (def: ReturnType<typeof net>): Command[] => [
  { verb: 'net-define', def, file: 'v.xml' },
  { verb: 'net-start', network: 'v' },
  { verb: 'host-link-del', bridge: 'vbr0' },
  { verb: 'net-start', network: 'v' },
];
const run = (release: string, commands: Command[]) =>
  playback(createSimulatorState({ profile: libvirtProfile(release), seed: 'd', hooksFound: ['network'] }), commands, [{ op: 'started', error: 'no' }]);

describe('the dnsmasq a started veto leaks (libvirt < 10.8)', () => {
  it('holds the IPv4 addresses after the bridge is gone: the next start fails after the start hook, naming the last one', async () => {
    const def = net("<ip family='ipv6' address='fd00::1' prefix='64'/><ip address='10.1.0.1' prefix='24'><dhcp><range start='10.1.0.5' end='10.1.0.9'/></dhcp></ip><ip address='10.2.0.1' prefix='24'/>");
    const { results, calls } = await run('9.0', sequence(def));
    expect(results[3]).toMatchObject({ ok: false, vetoed: false });
    expect(results[3]!.error).toBe('error: Failed to start network v\nerror: internal error: Child process (VIR_BRIDGE_NAME=vbr0 /usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/v.conf --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper) unexpected exit status 2: \ndnsmasq: failed to create listening socket for 10.2.0.1: Address already in use');
    expect(calls.map((c) => c.op)).toEqual(['start', 'started', 'start']);
  });

  it('host-kill-dnsmasq ends it, and the start succeeds; a second kill finds nothing', async () => {
    const def = net("<ip address='10.1.0.1' prefix='24'/>");
    const { results } = await run('9.0', [...sequence(def), { verb: 'host-kill-dnsmasq', network: 'v' }, { verb: 'host-kill-dnsmasq', network: 'v' }]);
    expect(results[4]).toMatchObject({ ok: true });
    expect(results[5]).toMatchObject({ ok: false, error: 'no dnsmasq left behind by a failed start of network v' });
    const again = await run('9.0', [...sequence(def), { verb: 'host-kill-dnsmasq', network: 'v' }, { verb: 'net-start', network: 'v' }]);
    expect(again.results[5]).toMatchObject({ ok: false, vetoed: true });
  });

  it('leaves nothing in the way without dnsmasq (DNS off, no DHCP), with IPv6 only, on 10.8+, or after a reboot', async () => {
    for (const def of [net("<ip address='10.1.0.1' prefix='24'/>", "<dns enable='no'/>"), net("<ip family='ipv6' address='fd00::1' prefix='64'><dhcp><range start='fd00::5' end='fd00::9'/></dhcp></ip>")]) {
      expect((await run('9.0', sequence(def))).results[3]).toMatchObject({ ok: false, vetoed: true });
    }
    const def = net("<ip address='10.1.0.1' prefix='24'/>");
    expect((await run('11.3', sequence(def).filter((c) => c.verb !== 'host-link-del'))).results[2]).toMatchObject({ ok: false, vetoed: true });
    const rebooted = await run('9.0', [...sequence(def).slice(0, 3), { verb: 'host-reboot' }, { verb: 'net-start', network: 'v' }]);
    expect(rebooted.results[4]).toMatchObject({ ok: false, vetoed: true });
  });
});
