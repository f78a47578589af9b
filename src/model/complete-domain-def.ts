import { addDefaultDevices, defaultControllerModels } from './add-default-devices.js';
import { assignPciAddresses } from './assign-pci-addresses.js';
import { completeDomainChardevs } from './complete-domain-chardevs.js';
import { completeDomainDisks, defaultDiskDrivers } from './complete-domain-disks.js';
import type { DomainCpuDef, DomainDef } from './domain-def.js';
import type { DomainDevice } from './domain-device-def.js';
import { RECORDED_DOMAIN_HOST, type DomainHost } from './domain-host.js';
import type { DomainNetDef } from './domain-net-def.js';
import type { VirtualPortDef } from './network-def.js';
import type { SeededRandom } from './seeded-random.js';

/** What define needs besides the definition: the seeded generator and the host's facts. */
export interface CompleteDomainContext {
  /** UUIDs and MACs come from here, so a run is reproducible from its seed. */
  readonly random: SeededRandom;
  /** @default RECORDED_DOMAIN_HOST */
  readonly host?: DomainHost;
}

/** Whether libvirt's qemu driver handles this domain type. */
export function isQemuType(def: DomainDef): boolean {
  return def.type === 'qemu' || def.type === 'kvm';
}

/** virDomainNetGenerateMAC: the driver's prefix (Xen's OUI for libxl, 52:54:00 elsewhere) + random. */
function generateMac(def: DomainDef, random: SeededRandom): string {
  const mac = random.mac();
  return def.type === 'xen' ? `00:16:3e${mac.slice(8)}` : mac;
}

/**
 * An interface's post-parse (also for a hot-plugged one): a generated MAC when it has none, and
 * for qemu qemuDomainDefaultNetModel on x86 (rtl8139), set by qemuDomainDeviceNetDefPostParse.
 */
export function completeDomainInterface(def: DomainDef, iface: DomainNetDef, random: SeededRandom): DomainNetDef {
  const mac = iface.mac ?? generateMac(def, random);
  const model = iface.model ?? (isQemuType(def) && iface.type !== 'hostdev' ? 'rtl8139' : null);
  const virtualport = iface.virtualport ? generateVirtualPortIds(iface.virtualport, random) : null;
  return { ...iface, mac, model, virtualport };
}

/**
 * virNetDevVPortProfileParse(VIR_VPORT_XML_GENERATE_MISSING_DEFAULTS), as virDomainNetDefParseXML
 * parses an interface's `<virtualport>`: a missing instanceid is generated for 802.1Qbg and typeless
 * ones, then a missing interfaceid for openvswitch and typeless ones.
 */
function generateVirtualPortIds(vp: VirtualPortDef, random: SeededRandom): VirtualPortDef {
  const instanceId = vp.instanceId ?? (vp.type === undefined || vp.type === '802.1Qbg' ? random.uuid() : undefined);
  const interfaceId = vp.interfaceId ?? (vp.type === undefined || vp.type === 'openvswitch' ? random.uuid() : undefined);
  return { ...vp, ...(instanceId === undefined ? {} : { instanceId }), ...(interfaceId === undefined ? {} : { interfaceId }) };
}

/** qemuDomainDefSetDefaultCPU and the CPU post-parse defaults (check, match, fallback). */
function completeCpu(cpu: DomainCpuDef | null, host: DomainHost, virtType: string): DomainCpuDef {
  if (cpu === null || (cpu.mode === 'custom' && cpu.model === null && cpu.features.length === 0 && cpu.others.length === 0)) {
    return {
      mode: 'custom', match: 'exact', check: 'none', migratable: null,
      model: { name: host.defaultCpuModel, fallback: 'forbid', vendorId: null }, vendor: null, features: [], others: [],
    };
  }
  const mode = cpu.mode ?? 'custom';
  const custom = mode === 'custom';
  // qemuDomainDefCPUPostParse: custom CPUs in TCG mode (type='qemu') are not compared to the host.
  const check = cpu.check ?? (mode === 'host-passthrough' || mode === 'maximum' || (custom && virtType === 'qemu') ? 'none' : 'partial');
  // qemuDomainDefCPUPostParse: host-passthrough and maximum CPUs are migratable unless told otherwise.
  const migratable = cpu.migratable ?? (mode === 'host-passthrough' || mode === 'maximum' ? 'on' : null);
  return {
    ...cpu, mode, check, migratable,
    match: custom && cpu.model ? cpu.match ?? 'exact' : cpu.match,
    model: cpu.model && custom ? { ...cpu.model, fallback: cpu.model.fallback ?? 'allow' } : cpu.model,
  };
}

/** virDomainDefPostParseMemory: currentMemory defaults to, and is capped by, memory. */
function completeMemory(def: DomainDef): Pick<DomainDef, 'currentMemoryKib'> {
  const total = def.memoryKib ?? 0;
  const current = def.currentMemoryKib;
  return { currentMemoryKib: current === null || current === 0 || current > total ? total : current };
}

/**
 * What `virsh define` turns a parsed definition into (virDomainDefPostParse and the driver's
 * post-parse callbacks): a UUID and MACs from the seeded generator where missing, currentMemory,
 * `<vcpu placement='static'>`, lifecycle actions, the arch, the canonical machine type (`pc` ->
 * pc-i440fx-7.2 on the recorded host), `<boot dev='hd'/>`, and for qemu/kvm the emulator, default
 * CPU (qemu64), `<clock offset='utc'/>`, default NIC model, controllers, inputs, audio, memballoon
 * and PCI addresses. Host-dependent values come from `ctx.host`; non-x86 and q35 guests are
 * approximations (their default devices and PCIe topology are not modelled).
 */
export function completeDomainDef(def: DomainDef, ctx: CompleteDomainContext): DomainDef {
  const host = ctx.host ?? RECORDED_DOMAIN_HOST;
  const qemu = isQemuType(def);
  const machine = def.os.machine ?? (qemu && def.os.type === 'hvm' ? host.defaultMachine : null);
  let out: DomainDef = {
    ...def,
    uuid: def.uuid ?? ctx.random.uuid(),
    ...completeMemory(def),
    vcpu: def.vcpu ? { ...def.vcpu, placement: def.vcpu.placement ?? 'static' } : { count: 1, placement: 'static', cpuset: null, current: null },
    os: {
      ...def.os,
      arch: def.os.arch ?? host.arch,
      machine: machine === null ? null : host.machineAliases[machine] ?? machine,
      // virDomainDefParseBootOptions: an hvm guest with no boot order boots from disk.
      bootDevs: def.os.bootDevs.length > 0 || def.os.type !== 'hvm' || hasPerDeviceBoot(def.devices) ? def.os.bootDevs : ['hd'],
    },
    onPoweroff: def.onPoweroff ?? 'destroy',
    onReboot: def.onReboot ?? 'restart',
    onCrash: def.onCrash ?? 'destroy',
    devices: def.devices.map((d) => (d.kind === 'interface' ? completeDomainInterface(def, d, ctx.random) : d)),
  };
  if (def.type === 'lxc') out = { ...out, emulator: def.emulator ?? host.lxcEmulator };
  if (!qemu) return out;
  out = {
    ...out,
    emulator: def.emulator ?? host.emulator,
    cpu: out.os.arch === 'x86_64' || out.os.arch === 'i686' ? completeCpu(def.cpu, host, def.type) : def.cpu,
    clock: def.clock ?? { name: 'clock', attributes: [['offset', 'utc']], children: [] },
  };
  out = defaultControllerModels(defaultDiskDrivers(completeDomainDisks(addDefaultDevices(completeDomainChardevs(out)))));
  return assignPciAddresses(out);
}

function hasPerDeviceBoot(devices: readonly DomainDevice[]): boolean {
  return devices.some((d) => d.kind !== 'audio' && (d.info.bootOrder ?? null) !== null);
}
