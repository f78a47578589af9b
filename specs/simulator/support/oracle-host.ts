import { readFileSync } from 'node:fs';
import { libvirtProfile } from '../../../src/model/libvirt-profile.js';
import type { NetworkDef } from '../../../src/model/network-def.js';
import type { ReplayOrder } from '../../../src/simulator/command.js';
import { seedSimulatorState, type SeedDescription } from '../../../src/simulator/seed-simulator-state.js';
import type { SimulatorState } from '../../../src/simulator/simulator-state.js';
import { parseDomainXml } from '../../../src/xml/parse-domain.js';
import { parseNetworkXml } from '../../../src/xml/parse-network.js';
import { ORACLE_DIR, type OracleRecord } from '../../support/oracle.js';
import { recordsBetween } from './oracle-timeline.js';

/** The `<network>` of a network hook's stdin, at indent 0. */
export function networkOf(stdin: string): string {
  const start = stdin.indexOf('  <network');
  const end = stdin.indexOf('</network>') + '</network>'.length;
  return stdin.slice(start, end).split('\n').map((l) => l.slice(2)).join('\n');
}

/**
 * The persistent definitions of lvo-nat and lvo-iso as the recorded daemon held them from
 * scenario e on (scenario d had added two DHCP hosts with --config): what their `start` hook saw.
 */
export function recordedNetworkConfigs(): { nat: NetworkDef; iso: NetworkDef } {
  const records = recordsBetween('2026-11-24T22:20:06Z', '2026-11-24T22:21:08Z');
  const startOf = (name: string) => records.find((r) => r.argv[1] === name && r.argv[2] === 'start')!.stdin_text!;
  return {
    nat: parseNetworkXml(networkOf(startOf('lvo-nat')), 'lvo-nat.xml'),
    iso: parseNetworkXml(networkOf(startOf('lvo-iso')), 'lvo-iso.xml'),
  };
}

/**
 * The recorded host's `default` network, defined by the Debian package and never started (net-list
 * shows it inactive, no autostart): its XML was not recorded, so this is Debian's default.xml
 * with a fixed UUID and MAC (no hook ever sees it; it only shows in listings).
 */
export function recordedDefaultNetwork(): NetworkDef {
  const xml = [
    '<network>',
    '  <name>default</name>',
    '  <uuid>6a1f0c0e-0000-4000-8000-000000000000</uuid>',
    "  <forward mode='nat'/>",
    "  <bridge name='virbr0' stp='on' delay='0'/>",
    "  <mac address='52:54:00:aa:00:00'/>",
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>",
    "    <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>",
    '  </ip>',
    '</network>',
  ].join('\n');
  return parseNetworkXml(xml, 'default.xml');
}

/** A recorded guest definition (oracle xml/). */
export const recordedDomain = (file: string) => parseDomainXml(readFileSync(`${ORACLE_DIR}xml/${file}`, 'utf8'), file);

/** The recorded host at some point: libvirt 9.0, the recorder in daemon/qemu/network. */
export function recordedHost(description: Omit<SeedDescription, 'profile' | 'seed' | 'hooksFound'>): SimulatorState {
  return seedSimulatorState({ profile: libvirtProfile('9.0'), seed: 'oracle', hooksFound: ['daemon', 'qemu', 'network'], ...description });
}

/**
 * The order libvirt replayed ports in at each daemon start of the records (its hash order), as
 * `network:mac` keys, so a replay can be compared call by call.
 */
export function recordedReplayOrders(records: readonly OracleRecord[]): ReplayOrder[] {
  const orders: string[][] = [];
  let current: string[] | null = null;
  for (const r of records) {
    const hook = r.argv[0]!.split('/').pop();
    if (hook === 'daemon' && r.argv[2] === 'start') { current = []; orders.push(current); continue; }
    if (current && hook === 'network' && r.argv[2] === 'port-created') {
      current.push(`${r.argv[1]}:${/<networkport>[\s\S]*?<mac address='([^']+)'/.exec(r.stdin_text ?? '')![1]}`);
      continue;
    }
    current = null;
  }
  return orders;
}
