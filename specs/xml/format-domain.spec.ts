import { describe, expect, it } from 'vitest';
import { allocatePort } from '../../src/model/allocate-port.js';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import type { DomainDef } from '../../src/model/domain-def.js';
import {
  attachNetworkPort, beginDomainStart, domainInterfaces, finishDomainLaunch, launchDomain, prepareDomain, releaseDomain, stopDomain,
} from '../../src/model/domain-stage.js';
import type { NetworkDef } from '../../src/model/network-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { formatDomainInterface } from '../../src/xml/format-domain-interface.js';
import { formatNetworkPort } from '../../src/xml/format-network-port.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { networkPortOf, oracleXml, portUuidOf, runsAfter, traceRuns, type TraceRun } from './domain-trace.js';

const networks: Record<string, NetworkDef> = {
  'lvo-nat': parseNetworkXml(oracleXml('net-nat.xml'), 'net-nat.xml'),
  'lvo-iso': parseNetworkXml(oracleXml('net-iso.xml'), 'net-iso.xml'),
};

function defined(file: string): DomainDef {
  return completeDomainDef(parseDomainXml(oracleXml(file), file), { random: seededRandom(file) });
}

/** Replays one recorded guest start: the stage XMLs and the ports, with ids, uuids and vnet numbers from the recording. */
function replayStart(def: DomainDef, recorded: readonly TraceRun[], vnet: number) {
  const qemu = (op: string) => recorded.find((r) => r.hook === 'qemu' && r.op === op)!;
  const id = Number(/id='(\d+)'/.exec(qemu('prepare').stdin)![1]);
  let live = beginDomainStart(def, id);
  const stages: Record<string, string> = { prepare: formatDomain(live) };
  live = prepareDomain(live);
  const ports: string[] = [];
  recorded.filter((r) => r.op === 'port-created').forEach((run, index) => {
    const iface = domainInterfaces(live)[index]!;
    const port = allocatePort(networks[run.object]!, iface, { name: def.name, uuid: def.uuid! }, portUuidOf(run.stdin));
    if ('error' in port) throw new Error(port.error);
    ports.push(formatNetworkPort(port));
    live = attachNetworkPort(live, index, port);
  });
  live = launchDomain(live, { vnet, macvtap: 0 }).def;
  stages.start = formatDomain(live);
  live = finishDomainLaunch(live);
  stages.started = formatDomain(live);
  live = stopDomain(live);
  stages.stopped = formatDomain(live);
  stages.release = formatDomain(releaseDomain(live));
  return { stages, ports };
}

describe('formatDomain at each stage of a recorded guest start (scenario e)', () => {
  const runs = traceRuns('e-guest-lifecycle');

  it('renders lvo-vm (two NICs on two networks) byte for byte: prepare, ports, start, started, stopped, release', () => {
    const start = runsAfter(runs, 'start lvo-vm', 0);
    const stop = runsAfter(runs, 'destroy lvo-vm', 0);
    const { stages, ports } = replayStart(defined('dom-vm.xml'), start, 0);
    expect(stages.prepare).toBe(start.find((r) => r.op === 'prepare')!.stdin);
    expect(ports).toEqual(start.filter((r) => r.op === 'port-created').map((r) => networkPortOf(r.stdin)));
    expect(stages.start).toBe(start.find((r) => r.hook === 'qemu' && r.op === 'start')!.stdin);
    expect(stages.started).toBe(start.find((r) => r.op === 'started')!.stdin);
    expect(stages.stopped).toBe(stop.find((r) => r.op === 'stopped')!.stdin);
    expect(stages.release).toBe(stop.find((r) => r.op === 'release')!.stdin);
  });
});

describe('formatDomain rules beyond the recordings', () => {
  const base = (devices: string, extra = '') => parseDomainXml(`<domain type='qemu'>
  <pm><suspend-to-disk enabled='no'/></pm>
  <name>o'neil &amp; co</name>
  <memory unit='MiB'>64</memory>${extra}
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>${devices}</devices>
</domain>`, 'g.xml');
  const owner = { name: 'g', uuid: '6a1f0c0e-0000-4000-8000-0000000000aa' };

  it('writes elements in libvirt\'s order whatever the order of the definition, and escapes text and attributes', () => {
    const def = completeDomainDef(base(`<memballoon model='none'/><interface type='bridge'><mac address='52:54:00:00:00:09'/><source bridge="b&lt;'r"/></interface>`), { random: seededRandom('x') });
    const xml = formatDomain(def);
    expect(xml).toContain('<name>o&apos;neil &amp; co</name>');
    expect(xml).toContain("<source bridge='b&lt;&apos;r'/>");
    expect(xml.indexOf('<on_crash>')).toBeLessThan(xml.indexOf('<pm>'));
    expect(xml.indexOf('<pm>')).toBeLessThan(xml.indexOf('<devices>'));
    expect(xml.indexOf('<interface')).toBeLessThan(xml.indexOf('<memballoon'));
    expect(xml.endsWith('</domain>\n')).toBe(true);
  });

  it('shows a macvtap port live as type direct with dev and mode, the macvtapN target, and hides both once inactive', () => {
    const def = completeDomainDef(base("<interface type='network'><mac address='52:54:00:00:00:09'/><source network='mv'/></interface>"), { random: seededRandom('x') });
    const vepa = parseNetworkXml("<network><name>mv</name><forward mode='vepa'><interface dev='eth1'/></forward></network>", 'mv.xml');
    const port = allocatePort(vepa, domainInterfaces(def)[0]!, owner, '11111111-2222-4333-8444-555555555555');
    if ('error' in port) throw new Error(port.error);
    const live = launchDomain(attachNetworkPort(beginDomainStart(def, 7), 0, port), { vnet: 0, macvtap: 3 }).def;
    expect(formatDomain(live)).toContain("<interface type='direct'>\n      <mac address='52:54:00:00:00:09'/>\n      <source network='mv' portid='11111111-2222-4333-8444-555555555555' dev='eth1' mode='vepa'/>\n      <target dev='macvtap3'/>\n      <model type='rtl8139'/>");
    expect(formatDomain(stopDomain(live))).toContain("<interface type='network'>\n      <mac address='52:54:00:00:00:09'/>\n      <source network='mv'/>\n      <model type='rtl8139'/>");
  });

  it('shows a hostdev port live as a managed hostdev interface with its VF and a hostdevN alias', () => {
    const def = completeDomainDef(base("<interface type='network'><mac address='52:54:00:00:00:0a'/><source network='vf'/></interface>"), { random: seededRandom('x') });
    const sriov = parseNetworkXml("<network><name>vf</name><forward mode='hostdev' managed='yes'><address type='pci' domain='0' bus='3' slot='16' function='1'/></forward></network>", 'vf.xml');
    const port = allocatePort(sriov, domainInterfaces(def)[0]!, owner, '11111111-2222-4333-8444-555555555556');
    if ('error' in port) throw new Error(port.error);
    const prepared = prepareDomain(beginDomainStart(def, 8), { networkForward: (name) => (name === 'vf' ? 'hostdev' : undefined) });
    const live = launchDomain(attachNetworkPort(prepared, 0, port), { vnet: 0, macvtap: 0 }).def;
    expect(formatDomain(live)).toContain(`<interface type='hostdev' managed='yes'>
      <mac address='52:54:00:00:00:0a'/>
      <source>
        <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>
      </source>
      <model type='rtl8139'/>
      <alias name='hostdev0'/>`);
  });

  it('keeps a user-chosen tap name in inactive XML but not a generated vnetN', () => {
    const def = completeDomainDef(base("<interface type='ethernet'><mac address='52:54:00:00:00:0b'/><target dev='tap-web'/></interface><interface type='bridge'><mac address='52:54:00:00:00:0c'/><source bridge='br0'/></interface>"), { random: seededRandom('x') });
    const live = launchDomain(beginDomainStart(def, 2), { vnet: 5, macvtap: 0 }).def;
    expect(formatDomain(live)).toMatch(/<target dev='tap-web'\/>[\s\S]*<target dev='vnet5'\/>/);
    const stopped = formatDomain(releaseDomain(stopDomain(live)));
    expect(stopped).toContain("<target dev='tap-web'/>");
    expect(stopped).not.toContain('vnet5');
  });

  it('formats a guest interface alone, live, for the old era\'s plugged/unplugged stdin', () => {
    const def = completeDomainDef(parseDomainXml(oracleXml('dom-vm3.xml'), 'dom-vm3.xml'), { random: seededRandom('x') });
    const port = allocatePort(networks['lvo-nat']!, domainInterfaces(def)[0]!, { name: def.name, uuid: def.uuid! }, '17a2374c-ed82-4cab-9079-7e2cac39097b');
    if ('error' in port) throw new Error(port.error);
    const live = launchDomain(attachNetworkPort(prepareDomain(beginDomainStart(def, 2)), 0, port), { vnet: 3, macvtap: 0 }).def;
    expect(formatDomainInterface(domainInterfaces(live)[0]!)).toBe(`<interface type='network'>
  <mac address='52:54:00:00:03:01'/>
  <source network='lvo-nat' portid='17a2374c-ed82-4cab-9079-7e2cac39097b' bridge='lvonat0'/>
  <target dev='vnet3'/>
  <model type='e1000'/>
  <alias name='net0'/>
  <rom enabled='no'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
</interface>
`);
  });
});
