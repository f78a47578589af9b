import type { DomainNetDef } from './domain-net-def.js';
import type { PciAddress } from './network-def.js';
import type { VerbatimElement } from './verbatim-element.js';

/** A device's `<address type='pci' .../>` (virPCIDeviceAddress in a virDomainDeviceInfo). */
export interface DevicePciAddress extends PciAddress {
  readonly type: 'pci';
  readonly multifunction: 'on' | 'off' | null;
}

/** Any other `<address type='...'>` (drive, usb, virtio-serial, ccid, isa ...), attributes as written. */
export interface OtherAddress {
  readonly type: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
}

export type DeviceAddress = DevicePciAddress | OtherAddress;

/** virDomainDeviceInfo: the parts libvirt formats after a device's own children. */
export interface DeviceInfo {
  /** `<alias name=.../>`: assigned by qemuAssignDeviceAliases at start, cleared when the domain stops. */
  readonly alias: string | null;
  readonly address: DeviceAddress | null;
  /** `<boot order=.../>` (only devices that allow it: disks, interfaces, hostdevs, redirdevs). */
  readonly bootOrder?: number | null;
  readonly loadparm?: string | null;
  /** `<rom enabled bar file/>` (interfaces and hostdevs). */
  readonly rom?: { readonly enabled: 'yes' | 'no' | null; readonly bar: 'on' | 'off' | null; readonly file: string | null } | null;
  /** `<acpi index=.../>`. */
  readonly acpiIndex?: number | null;
}

/** A device info with nothing set. */
export const EMPTY_DEVICE_INFO: DeviceInfo = { alias: null, address: null };

/** `<controller>` (virDomainControllerDef); children other than alias/address are kept verbatim. */
export interface ControllerDef {
  readonly kind: 'controller';
  /** usb, pci, ide, sata, scsi, virtio-serial, ccid, fdc, xenbus, isa, nvme. */
  readonly type: string;
  readonly index: number;
  readonly model: string | null;
  /** Further attributes (ports, vectors, maxGrantFrames ...) in document order. */
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  /** `<model name>`, `<target>`, `<driver>` ... as written. */
  readonly children: readonly VerbatimElement[];
  readonly info: DeviceInfo;
}

/** `<input>` (virDomainInputDef). */
export interface InputDef {
  readonly kind: 'input';
  /** mouse, tablet, keyboard, passthrough, evdev. */
  readonly type: string;
  /** ps2, usb, xen, virtio, none; null when not given. */
  readonly bus: string | null;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly VerbatimElement[];
  readonly info: DeviceInfo;
}

/** `<audio id type>` (virDomainAudioDef): no device info. */
export interface AudioDef {
  readonly kind: 'audio';
  readonly id: number;
  readonly type: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly VerbatimElement[];
}

/** `<memballoon model>` (virDomainMemballoonDef). */
export interface MemballoonDef {
  readonly kind: 'memballoon';
  /** virtio, virtio-transitional, virtio-non-transitional, xen, none. */
  readonly model: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly VerbatimElement[];
  readonly info: DeviceInfo;
}

/** Device elements virthook keeps verbatim, in virDomainDefFormatInternal's order. */
export type GenericDeviceKind =
  | 'disk' | 'lease' | 'filesystem' | 'smartcard' | 'serial' | 'parallel' | 'console' | 'channel'
  | 'tpm' | 'graphics' | 'sound' | 'video' | 'hostdev' | 'redirdev' | 'redirfilter' | 'hub'
  | 'watchdog' | 'rng' | 'nvram' | 'panic' | 'shmem' | 'memory' | 'crypto' | 'iommu' | 'vsock' | 'pstore';

/**
 * A device libvirt knows but virthook keeps verbatim: its element without `<alias>`/`<address>`,
 * which live in `info` so that alias and PCI address assignment can treat it like libvirt does.
 */
export interface GenericDeviceDef {
  readonly kind: GenericDeviceKind;
  readonly element: VerbatimElement;
  readonly info: DeviceInfo;
}

export type DomainDevice = DomainNetDef | ControllerDef | InputDef | AudioDef | MemballoonDef | GenericDeviceDef;

/** `<devices>` children in virDomainDefFormatInternal's order (emulator is separate). */
export const DEVICE_FORMAT_ORDER: readonly DomainDevice['kind'][] = [
  'disk', 'controller', 'lease', 'filesystem', 'interface', 'smartcard', 'serial', 'parallel', 'console',
  'channel', 'input', 'tpm', 'graphics', 'sound', 'audio', 'video', 'hostdev', 'redirdev', 'redirfilter',
  'hub', 'watchdog', 'memballoon', 'rng', 'nvram', 'panic', 'shmem', 'memory', 'crypto', 'iommu', 'vsock', 'pstore',
];

/** Whether an element name under `<devices>` is a device libvirt parses. */
export function isDeviceKind(name: string): name is DomainDevice['kind'] {
  return (DEVICE_FORMAT_ORDER as readonly string[]).includes(name);
}
