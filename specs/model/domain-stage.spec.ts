import { describe, expect, it } from 'vitest';
import { allocatePort } from '../../src/model/allocate-port.js';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import type { DomainDef } from '../../src/model/domain-def.js';
import {
  attachNetworkPort, beginDomainStart, domainInterfaces, finishDomainLaunch, launchDomain, plugInterfaceDevice,
  prepareDomain, releaseDomain, stopDomain,
} from '../../src/model/domain-stage.js';
import { hotplugInterface, unplugInterface } from '../../src/model/hotplug-interface.js';
import type { NetworkDef } from '../../src/model/network-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { formatNetworkPort } from '../../src/xml/format-network-port.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { networkPortOf, oracleXml, portUuidOf, traceRuns, type TraceRun } from '../xml/domain-trace.js';

const NETWORKS: Record<string, NetworkDef> = {
  'lvo-nat': parseNetworkXml(oracleXml('net-nat.xml'), 'net-nat.xml'),
  'lvo-iso': parseNetworkXml(oracleXml('net-iso.xml'), 'net-iso.xml'),
};
const DEFINITIONS: Record<string, string> = { 'lvo-vm': 'dom-vm.xml', 'lvo-vm2': 'dom-vm2.xml', 'lvo-vm3': 'dom-vm3.xml' };

interface Guest {
  persistent: DomainDef;
  live: DomainDef | null;
  prepared: boolean;
  launched: boolean;
  ports: number;
}

/** One comparison: what virthook renders next to what libvirt 9.0 gave the hook. */
interface Check {
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * Replays the guest side of a recorded trace with the model's stage functions, ids, port uuids
 * and vnet numbers taken from the recording, and returns every qemu stdin and `<networkport>`
 * rendered next to the recorded one.
 */
function replay(trace: string): Check[] {
  const guests = new Map<string, Guest>();
  const createdPorts = new Map<string, string>();
  const checks: Check[] = [];
  const runs = traceRuns(trace);
  let hotplugged: Guest | undefined;
  const guest = (name: string): Guest => {
    let g = guests.get(name);
    if (!g) {
      const file = DEFINITIONS[name]!;
      g = { persistent: completeDomainDef(parseDomainXml(oracleXml(file), file), { random: seededRandom(file) }), live: null, prepared: false, launched: false, ports: 0 };
      guests.set(name, g);
    }
    return g;
  };
  const ensurePrepared = (g: Guest) => {
    if (!g.prepared) { g.live = prepareDomain(g.live!); g.prepared = true; }
  };
  runs.forEach((run, i) => {
    const what = `${run.marker}: ${run.hook} ${run.object} ${run.op}`;
    if (run.hook === 'qemu') {
      const g = guest(run.object);
      switch (run.op) {
        case 'prepare':
          g.live = beginDomainStart(g.persistent, Number(/id='(\d+)'/.exec(run.stdin)![1]));
          Object.assign(g, { prepared: false, launched: false, ports: 0 });
          break;
        case 'start':
          ensurePrepared(g);
          g.live = launchDomain(g.live!, { vnet: Number(/dev='vnet(\d+)'/.exec(run.stdin)![1]), macvtap: 0 }).def;
          break;
        case 'started':
          g.live = finishDomainLaunch(g.live!);
          break;
        case 'stopped':
          g.live = stopDomain(g.live!);
          break;
        case 'release':
          g.live = releaseDomain(g.live!);
          break;
      }
      checks.push({ what, expected: run.stdin, actual: formatDomain(g.live!) });
      return;
    }
    if (run.op === 'port-deleted') {
      checks.push({ what, expected: networkPortOf(run.stdin), actual: createdPorts.get(portUuidOf(run.stdin))! });
      // A device_add failure after port-created rolls the hot-plugged NIC back (qemuDomainAttachNetDevice).
      if (run.marker.includes('attach-interface') && hotplugged) hotplugged.live = unplugInterface(hotplugged.live!, domainInterfaces(hotplugged.live!).length - 1);
      return;
    }
    if (run.op !== 'port-created') return;
    const uuid = portUuidOf(run.stdin);
    if (createdPorts.has(uuid)) {
      // Daemon restart: the stored port is replayed unchanged (networkNotifyPort).
      checks.push({ what, expected: networkPortOf(run.stdin), actual: createdPorts.get(uuid)! });
      return;
    }
    const owner = /<owner>\s*<name>([^<]+)<\/name>/.exec(run.stdin)![1]!;
    const g = guest(owner);
    let index: number;
    if (run.marker.includes('attach-interface')) {
      const mac = /mac (\S+)/.exec(run.marker)?.[1] ?? '52:54:00:00:00:04';
      const iface = parseInterfaceXml(`<interface type='network'><source network='${run.object}'/><mac address='${mac}'/><model type='e1000'/></interface>`, 'attach.xml');
      ({ def: g.live, index } = hotplugInterface(g.live!, iface));
      hotplugged = g;
    } else {
      ensurePrepared(g);
      index = g.ports++;
    }
    const port = allocatePort(NETWORKS[run.object]!, domainInterfaces(g.live!)[index]!, { name: g.persistent.name, uuid: g.persistent.uuid! }, uuid);
    if ('error' in port) throw new Error(port.error);
    const formatted = formatNetworkPort(port);
    createdPorts.set(uuid, formatted);
    checks.push({ what, expected: networkPortOf(run.stdin), actual: formatted });
    if (run.vetoed && run.marker.includes('attach-interface')) { g.live = unplugInterface(g.live!, index); return; }
    if (run.vetoed) return;
    g.live = attachNetworkPort(g.live!, index, port);
    if (run.marker.includes('attach-interface') && runs[i + 1]?.op !== 'port-deleted') g.live = plugInterfaceDevice(g.live!, index, { vnet: 90, macvtap: 0 }).def;
  });
  return checks;
}

describe.each([
  ['e-guest-lifecycle', 48],
  ['f-port-created-veto', 10],
  ['k-qemu-vetoes', 20],
  ['n-network-ops-with-ports', 8],
  ['g-daemon-restart', 33],
])('replaying the guest side of %s', (trace, count) => {
  const checks = replay(trace);

  it(`renders all ${count} recorded qemu stdins and <networkport>s`, () => {
    expect(checks).toHaveLength(count);
  });

  it.each(checks.map((c, i) => [i, c.what, c] as const))('#%i %s is byte-identical', (_i, _what, check) => {
    expect(check.actual).toBe(check.expected);
  });
});

describe('stage rules beyond the recordings', () => {
  const lxc = completeDomainDef(parseDomainXml(`<domain type='lxc'><name>c1</name><memory>1024</memory><os><type>exe</type><init>/sbin/init</init></os>
    <devices><interface type='bridge'><mac address='52:54:00:00:00:21'/><source bridge='br0'/></interface></devices></domain>`, 'c1.xml'), { random: seededRandom('c1') });

  it('lxc runs `stopped` with the id still set (virLXCProcessCleanup) and names veth pairs two at a time', () => {
    const { def: live, counters } = launchDomain(prepareDomain(beginDomainStart(lxc, 4)), { vnet: 0, macvtap: 0 });
    expect(counters.vnet).toBe(2);
    const stopped = formatDomain(stopDomain(live));
    expect(stopped).toMatch(/^<domain type='lxc' id='4'>/);
    expect(stopped).toContain("<target dev='veth0'/>");
    expect(stopped).not.toContain('<alias');
    expect(formatDomain(releaseDomain(live))).toMatch(/^<domain type='lxc'>/);
  });

  it('qemu clears the dynamic DAC labels at release but keeps them for stopped', () => {
    const def = completeDomainDef(parseDomainXml(oracleXml('dom-vm2.xml'), 'dom-vm2.xml'), { random: seededRandom('vm2') });
    const live = prepareDomain(beginDomainStart(def, 9));
    expect(formatDomain(stopDomain(live))).toContain("<seclabel type='dynamic' model='dac' relabel='yes'>\n    <label>+64055:+64055</label>");
    expect(formatDomain(releaseDomain(live))).toContain("<seclabel type='dynamic' model='dac' relabel='yes'/>\n</domain>\n");
  });
});

describe('finishDomainLaunch (what started shows after QEMU runs)', () => {
  it('sets currentMemory to the total memory, balloon or not (qemuProcessRefreshBalloonState; recorded for 60 MB and 67 MB guests)', () => {
    const def = (balloon: string) => completeDomainDef(parseDomainXml(`<domain type='qemu'><name>g</name><memory unit='b'>67108864</memory>
      <currentMemory unit='MB'>60</currentMemory><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${balloon}</devices></domain>`, 'g.xml'), { random: seededRandom('m') });
    for (const balloon of ["<memballoon model='none'/>", "<memballoon model='virtio'/>"]) {
      const defined = def(balloon);
      expect(defined.currentMemoryKib).toBe(58594);
      expect(finishDomainLaunch(beginDomainStart(defined, 1)).currentMemoryKib).toBe(65536);
    }
  });
});

describe('prepareDomain (qemuProcessPrepareDomain)', () => {
  it('sets a custom CPU model fallback to forbid, as the start hook then shows (qemuProcessUpdateGuestCPU; recorded)', () => {
    const def = completeDomainDef(parseDomainXml(`<domain type='qemu'><name>g</name><memory unit='MiB'>64</memory>
      <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu><os><type arch='x86_64' machine='q35'>hvm</type></os></domain>`, 'g.xml'), { random: seededRandom('c') });
    expect(def.cpu?.model?.fallback).toBe('allow');
    expect(prepareDomain(beginDomainStart(def, 1)).cpu).toMatchObject({ check: 'none', model: { name: 'qemu64', fallback: 'forbid' } });
  });
});

