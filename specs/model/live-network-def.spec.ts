import { describe, expect, it } from 'vitest';
import { liveNetworkDef } from '../../src/model/live-network-def.js';
import { formatNetwork } from '../../src/xml/format-network.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

const parse = (body: string) =>
  parseNetworkXml(`<network>\n  <name>n1</name>\n  <uuid>6a1f0c0e-0000-4000-8000-0000000000f0</uuid>\n${body}</network>\n`, 'n1.xml');

describe('liveNetworkDef (networkStartNetwork)', () => {
  it('fills the NAT port range 1024-65535 for a NAT network with an IPv4 address', () => {
    const live = liveNetworkDef(parse("  <forward mode='nat'/>\n  <ip address='10.0.0.1' prefix='24'/>\n"));
    expect(formatNetwork(live)).toContain("<forward mode='nat'>\n    <nat>\n      <port start='1024' end='65535'/>\n    </nat>\n  </forward>\n");
  });

  it('keeps a configured port range and the SNAT addresses', () => {
    const def = parse("  <forward mode='nat'>\n    <nat>\n      <address start='1.2.3.4' end='1.2.3.5'/>\n      <port start='500' end='1000'/>\n    </nat>\n  </forward>\n  <ip address='10.0.0.1' prefix='24'/>\n");
    expect(liveNetworkDef(def)).toEqual(def);
  });

  it('adds ports next to SNAT addresses given without ports', () => {
    const def = parse("  <forward mode='nat'>\n    <nat>\n      <address start='1.2.3.4' end='1.2.3.5'/>\n    </nat>\n  </forward>\n  <ip address='10.0.0.1' prefix='24'/>\n");
    expect(liveNetworkDef(def).forward?.nat).toEqual({ addressStart: '1.2.3.4', addressEnd: '1.2.3.5', portStart: 1024, portEnd: 65535 });
  });

  it('leaves IPv6-only NAT (no masquerade) and other modes alone', () => {
    const v6 = parse("  <forward mode='nat'/>\n  <ip family='ipv6' address='2001:db8::1' prefix='64'/>\n");
    expect(liveNetworkDef(v6)).toEqual(v6);
    const v6nat = parse("  <forward mode='nat'>\n    <nat ipv6='yes'/>\n  </forward>\n  <ip family='ipv6' address='2001:db8::1' prefix='64'/>\n");
    expect(liveNetworkDef(v6nat).forward?.nat).toEqual({ ipv6: 'yes', portStart: 1024, portEnd: 65535 });
    const route = parse("  <forward mode='route'/>\n  <ip address='10.0.0.1' prefix='24'/>\n");
    expect(liveNetworkDef(route)).toEqual(route);
    const iso = parse("  <bridge name='b0'/>\n");
    expect(liveNetworkDef(iso)).toBe(iso);
  });

  it('expands a <pf> into its VFs (networkCreateInterfacePool)', () => {
    const vfs = () => [
      { ifname: 'eth9v0', address: { domain: 0, bus: 4, slot: 16, function: 1 } },
      { address: { domain: 0, bus: 4, slot: 16, function: 2 } },
    ];
    const passthrough = liveNetworkDef(parse("  <forward mode='passthrough'>\n    <pf dev='eth9'/>\n  </forward>\n"), { virtualFunctions: vfs });
    expect(formatNetwork(passthrough)).toContain("<forward mode='passthrough'>\n    <pf dev='eth9'/>\n    <interface dev='eth9v0'/>\n  </forward>\n");
    const hostdev = liveNetworkDef(parse("  <forward mode='hostdev' managed='yes'>\n    <pf dev='eth9'/>\n  </forward>\n"), { virtualFunctions: vfs });
    expect(formatNetwork(hostdev)).toContain("<pf dev='eth9'/>\n    <address type='pci' domain='0x0000' bus='0x04' slot='0x10' function='0x1'/>\n    <address type='pci' domain='0x0000' bus='0x04' slot='0x10' function='0x2'/>\n");
  });
});
