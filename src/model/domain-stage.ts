import { actualFromNetworkPort } from './actual-from-network-port.js';
import { assignDeviceAliases, type NetworkForwardLookup } from './assign-device-aliases.js';
import type { DomainDef, DomainSecLabel } from './domain-def.js';
import type { DomainDevice } from './domain-device-def.js';
import { RECORDED_DOMAIN_HOST, type DomainHost } from './domain-host.js';
import { actualNetType, type DomainNetDef } from './domain-net-def.js';
import type { NetworkPortDef } from './network-port-def.js';
import { closePtys } from './pty-chardevs.js';

/**
 * The live definition of a guest changes as libvirt starts and stops it; each function here is
 * one step of qemuProcessStart/qemuProcessStop (or the lxc/libxl/bhyve equivalents) and returns
 * the definition the next hook formats. The simulator owns the counters (ids, vnetN) and passes
 * them in.
 */
export type DomainDriver = 'qemu' | 'lxc' | 'libxl' | 'bhyve';

/** The hook driver that runs a domain of this type. */
export function domainDriverOf(def: DomainDef): DomainDriver {
  if (def.type === 'lxc') return 'lxc';
  if (def.type === 'xen') return 'libxl';
  if (def.type === 'bhyve') return 'bhyve';
  return 'qemu';
}

/** Tap name counters (virNetDevTapCreate picks the lowest free vnetN; the simulator tracks it). */
export interface TapCounters {
  readonly vnet: number;
  readonly macvtap: number;
}

/** qemuProcessInit: the transient copy of the persistent definition, with the domain id where the driver has one by then. */
export function beginDomainStart(persistent: DomainDef, id: number | null): DomainDef {
  return { ...persistent, id };
}

/**
 * qemuProcessPrepareDomain, before the network ports: memory aligned to the host's granularity
 * (qemuDomainAlignMemorySizes), the DAC security label generated (qemuSecurityGenLabel), a custom
 * CPU model's fallback set to forbid and the device aliases assigned. Only the qemu driver does these; other drivers return the def as is.
 */
export function prepareDomain(live: DomainDef, options: { readonly host?: DomainHost; readonly networkForward?: NetworkForwardLookup } = {}): DomainDef {
  if (domainDriverOf(live) !== 'qemu') return live;
  const host = options.host ?? RECORDED_DOMAIN_HOST;
  const align = host.memoryAlignmentKib;
  const memoryKib = live.memoryKib === null ? null : Math.ceil(live.memoryKib / align) * align;
  let seclabels = live.seclabels;
  if (host.dacLabel !== null && !seclabels.some((s) => s.model === 'dac')) {
    const dac: DomainSecLabel = { type: 'dynamic', model: 'dac', relabel: true, label: host.dacLabel, imagelabel: host.dacLabel, baselabel: null };
    seclabels = [...seclabels, dac];
  }
  // qemuProcessUpdateGuestCPU: a custom CPU model, once translated, no longer falls back.
  const cpu = live.cpu?.mode === 'custom' && live.cpu.model ? { ...live.cpu, model: { ...live.cpu.model, fallback: 'forbid' } } : live.cpu;
  return assignDeviceAliases({ ...live, memoryKib, seclabels, cpu }, options.networkForward);
}

function mapInterface(def: DomainDef, index: number, update: (iface: DomainNetDef) => DomainNetDef): DomainDef {
  const devices = def.devices.map((d) => d);
  const position = interfacePosition(def.devices, index);
  devices[position] = update(devices[position] as DomainNetDef);
  return { ...def, devices };
}

/** Where the index-th `<interface>` sits in the device list. */
function interfacePosition(devices: readonly DomainDevice[], index: number): number {
  let seen = -1;
  for (let i = 0; i < devices.length; i++) {
    if (devices[i]!.kind === 'interface' && ++seen === index) return i;
  }
  throw new RangeError(`the domain has no interface #${index}`);
}

/** The guest's interfaces in definition order. */
export function domainInterfaces(def: DomainDef): DomainNetDef[] {
  return def.devices.filter((d): d is DomainNetDef => d.kind === 'interface');
}

/** virDomainNetDefActualFromNetworkPort: interface `index` (among interfaces) got `port`. */
export function attachNetworkPort(live: DomainDef, index: number, port: NetworkPortDef): DomainDef {
  return mapInterface(live, index, (iface) => ({
    ...iface,
    source: iface.source?.kind === 'network' ? { ...iface.source, portid: port.uuid } : iface.source,
    actual: actualFromNetworkPort(port),
  }));
}

/** The host-side device name the driver creates for one interface, if it creates one. */
function tapName(driver: DomainDriver, def: DomainDef, iface: DomainNetDef, index: number, counters: TapCounters): [string | null, TapCounters] {
  const type = actualNetType(iface);
  if (type === 'direct') return [`macvtap${counters.macvtap}`, { ...counters, macvtap: counters.macvtap + 1 }];
  if (type !== 'network' && type !== 'bridge' && type !== 'ethernet') return [null, counters];
  // libxlMakeNic names vifs after the domain id; lxc's veth pairs and qemu/bhyve taps take vnetN-like names.
  if (driver === 'libxl') return [`vif${def.id ?? 0}.${index}`, counters];
  // virNetDevVethCreate takes two free vethN names per NIC (host side first, then the container's).
  if (driver === 'lxc') return [`veth${counters.vnet}`, { ...counters, vnet: counters.vnet + 2 }];
  return [`vnet${counters.vnet}`, { ...counters, vnet: counters.vnet + 1 }];
}

/** Creates the host device of interface `index` (taps at launch, or one hot-plugged NIC). */
export function plugInterfaceDevice(live: DomainDef, index: number, counters: TapCounters): { def: DomainDef; counters: TapCounters } {
  const iface = domainInterfaces(live)[index]!;
  if (iface.target.dev !== null) return { def: live, counters };
  const [dev, next] = tapName(domainDriverOf(live), live, iface, index, counters);
  if (dev === null) return { def: live, counters };
  return { def: mapInterface(live, index, (i) => ({ ...i, target: { ...i.target, dev } })), counters: next };
}

/** qemuProcessLaunch up to the start hook: every interface's tap/macvtap is created (vnetN). */
export function launchDomain(live: DomainDef, counters: TapCounters): { def: DomainDef; counters: TapCounters } {
  let state = { def: live, counters };
  domainInterfaces(live).forEach((_, index) => { state = plugInterfaceDevice(state.def, index, state.counters); });
  return state;
}

/**
 * After QEMU runs (seen in `started`): currentMemory refreshed from the balloon, and
 * qemuProcessUpdateGuestCPU: the guest CPU as QEMU reports it, i.e. the features QEMU enables on
 * top of the model (a host fact) and check='full'.
 */
export function finishDomainLaunch(live: DomainDef, host: DomainHost = RECORDED_DOMAIN_HOST): DomainDef {
  if (domainDriverOf(live) !== 'qemu') return live;
  // qemuProcessRefreshBalloonState: without a balloon currentMemory is the total; with one, QEMU's
  // actual size, which is the total too for a guest that runs no balloon driver (recorded).
  const withBalloon = { ...live, currentMemoryKib: live.memoryKib ?? live.currentMemoryKib };
  const cpu = live.cpu;
  if (!cpu || cpu.mode !== 'custom' || !cpu.model) return withBalloon;
  const have = new Set(cpu.features.map((f) => f.name));
  const added = (host.cpuFeaturesAtStart[cpu.model.name] ?? []).filter((name) => !have.has(name));
  return { ...withBalloon, cpu: { ...cpu, check: 'full', features: [...cpu.features, ...added.map((name) => ({ policy: 'require', name }))] } };
}

/**
 * qemuProcessStop up to the stopped hook: the id is reset to -1, so the XML formats as inactive
 * (no id, no portid/bridge, no generated target names). virLXCProcessCleanup, libxlDomainCleanup
 * and virBhyveProcessStop run `stopped` before they reset the id.
 */
export function stopDomain(live: DomainDef): DomainDef {
  const driver = domainDriverOf(live);
  if (driver === 'lxc') return live;
  return closePtys(driver === 'qemu' ? { ...live, id: null } : live);
}

/**
 * The end of qemuProcessStop (release hook): ports released (virDomainNetReleaseActualDevice
 * forgets portid and the actual device), dynamic security labels cleared, id reset.
 */
export function releaseDomain(live: DomainDef): DomainDef {
  const devices = live.devices.map((d) => {
    if (d.kind !== 'interface') return d;
    const source = d.source?.kind === 'network' ? { ...d.source, portid: null } : d.source;
    return { ...d, source, actual: null };
  });
  const seclabels = live.seclabels.map((s) => (s.type === 'dynamic' ? { ...s, label: null, imagelabel: null } : s));
  return closePtys({ ...live, id: null, devices, seclabels });
}
