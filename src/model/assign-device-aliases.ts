import type { DomainDef } from './domain-def.js';
import type { ControllerDef, DomainDevice, GenericDeviceDef } from './domain-device-def.js';
import type { DomainNetDef } from './domain-net-def.js';
import { verbatimAttribute, verbatimChild } from './verbatim-element.js';

/** virDomainNetResolveActualType's input: the forward mode of the network an interface names. */
export type NetworkForwardLookup = (network: string) => string | undefined;

/** qemuAssignDeviceControllerAlias. */
function controllerAlias(cont: ControllerDef, def: DomainDef): string {
  if (cont.type === 'pci') {
    if (cont.model === 'pcie-root') return 'pcie.0';
    if (cont.model === 'pci-root') return 'pci.0';
    return `pci.${cont.index}`;
  }
  // qemuDomainHasBuiltinIDE (i440fx) and q35's built-in SATA both answer to "ide".
  if ((cont.type === 'ide' || cont.type === 'sata') && cont.index === 0 && builtinIdeName(def, cont.type)) return 'ide';
  if (cont.type === 'usb' && cont.index === 0) return 'usb';
  if (cont.type === 'scsi' && cont.model === 'ncr53c90' && cont.index === 0) return 'scsi';
  return `${cont.type}${cont.index}`;
}

function builtinIdeName(def: DomainDef, type: string): boolean {
  const machine = def.os.machine ?? '';
  return type === 'ide' ? !/q35/.test(machine) : /q35/.test(machine);
}

/** virDiskNameToIndex: `vda` -> 0, `hdc` -> 2, `sdaa` -> 26. */
export function diskNameIndex(dst: string): number | null {
  const match = /^(?:fd|hd|vd|sd|xvd|ubd)([a-z]+)\d*$/.exec(dst);
  if (!match) return null;
  let idx = 0;
  for (const c of match[1]!) idx = idx * 26 + (c.charCodeAt(0) - 96);
  return idx - 1;
}

/** qemuAssignDeviceDiskAlias: drive-addressed disks by address, others `<bus>-disk<N>`. */
function diskAlias(disk: GenericDeviceDef, def: DomainDef): string | null {
  const target = verbatimChild(disk.element, 'target');
  const bus = target ? verbatimAttribute(target, 'bus') : null;
  const address = disk.info.address;
  if (address && address.type === 'drive' && bus) {
    const get = (name: string) => ('attributes' in address ? address.attributes.find(([k]) => k === name)?.[1] : undefined) ?? '0';
    if (bus === 'scsi') {
      const controller = def.devices.find((d): d is ControllerDef => d.kind === 'controller' && d.type === 'scsi' && String(d.index) === get('controller'));
      if (controller?.model === 'lsilogic') return `scsi${get('controller')}-${get('bus')}-${get('unit')}`;
      return `scsi${get('controller')}-${get('bus')}-${get('target')}-${get('unit')}`;
    }
    return `${bus}${get('controller')}-${get('bus')}-${get('unit')}`;
  }
  const idx = diskNameIndex(target ? verbatimAttribute(target, 'dev') ?? '' : '');
  return bus && idx !== null ? `${bus}-disk${idx}` : null;
}

/** qemuAssignDeviceHostdevAlias(-1): one past the highest `hostdevN` in use (hostdevs and hostdev NICs). */
function nextHostdevAlias(devices: readonly DomainDevice[]): string {
  let next = 0;
  for (const device of devices) {
    const match = device.kind !== 'audio' ? /^hostdev(\d+)$/.exec(device.info.alias ?? '') : null;
    if (match) next = Math.max(next, Number(match[1]) + 1);
  }
  return `hostdev${next}`;
}

/** qemuAssignDeviceNetAlias(-1): one past the highest `netN` (hot-plug numbering). */
export function nextNetAlias(def: DomainDef, iface: DomainNetDef, lookup?: NetworkForwardLookup): string {
  if (resolvesToHostdev(iface, lookup)) return nextHostdevAlias(def.devices);
  let next = 0;
  for (const device of def.devices) {
    const match = device.kind === 'interface' ? /^net(\d+)$/.exec(device.info.alias ?? '') : null;
    if (match) next = Math.max(next, Number(match[1]) + 1);
  }
  return `net${next}`;
}

function resolvesToHostdev(iface: DomainNetDef, lookup?: NetworkForwardLookup): boolean {
  if (iface.type === 'hostdev') return true;
  return iface.source?.kind === 'network' && lookup?.(iface.source.network) === 'hostdev';
}

const SIMPLE_PREFIX: Partial<Record<DomainDevice['kind'], string>> = {
  filesystem: 'fs', sound: 'sound', redirdev: 'redir', video: 'video', input: 'input', parallel: 'parallel',
  serial: 'serial', channel: 'channel', console: 'console', hub: 'hub', smartcard: 'smartcard', shmem: 'shmem',
  watchdog: 'watchdog', rng: 'rng', tpm: 'tpm', crypto: 'crypto',
};
const SINGLE_ALIAS: Partial<Record<DomainDevice['kind'], string>> = { vsock: 'vsock0', iommu: 'iommu0', pstore: 'pstore0' };

/**
 * qemuAssignDeviceAliases (qemuProcessPrepareDomain): every device without an alias gets libvirt's
 * name: `usb`, `pci.0`, `ide`, `netN` by NIC position, `inputN`, `videoN`, `balloon0` (not for
 * model none), `virtio-disk0`, `ide0-0-0` ... Audio, graphics and leases get none.
 */
export function assignDeviceAliases(def: DomainDef, lookup?: NetworkForwardLookup): DomainDef {
  const counters = new Map<string, number>();
  const devices: DomainDevice[] = [];
  for (const device of def.devices) {
    const prefix = device.kind === 'interface' ? 'net' : SIMPLE_PREFIX[device.kind];
    const position = prefix ? counters.get(device.kind) ?? 0 : 0;
    if (prefix) counters.set(device.kind, position + 1);
    if (device.kind === 'audio' || device.info.alias !== null) { devices.push(device); continue; }
    let alias: string | null = null;
    if (device.kind === 'controller') alias = controllerAlias(device, def);
    else if (device.kind === 'interface') alias = resolvesToHostdev(device, lookup) ? nextHostdevAlias([...devices, ...def.devices]) : `net${position}`;
    else if (device.kind === 'memballoon') alias = device.model === 'none' ? null : 'balloon0';
    else if (device.kind === 'disk') alias = diskAlias(device, def);
    else if (device.kind === 'hostdev') alias = nextHostdevAlias([...devices, ...def.devices]);
    else if (prefix) alias = `${prefix}${position}`;
    else alias = SINGLE_ALIAS[device.kind] ?? null;
    devices.push(alias === null ? device : { ...device, info: { ...device.info, alias } } as DomainDevice);
  }
  return { ...def, devices: withSerialConsoleAlias(devices) };
}

/** virDomainDefFormatInternal formats console 0 of target type serial from serial 0, alias included. */
function withSerialConsoleAlias(devices: DomainDevice[]): DomainDevice[] {
  const serial0 = devices.find((d) => d.kind === 'serial');
  const console0 = devices.find((d) => d.kind === 'console');
  if (!serial0 || !console0 || console0.kind !== 'console' || serial0.kind !== 'serial') return devices;
  const target = verbatimChild(console0.element, 'target');
  if (!target || verbatimAttribute(target, 'type') !== 'serial') return devices;
  return devices.map((d) => (d === console0 ? { ...console0, info: { ...console0.info, alias: serial0.info.alias } } : d));
}
