import type { DomainDevice } from './domain-device-def.js';
import type { MetadataElement } from './network-def.js';
import type { VerbatimElement } from './verbatim-element.js';

/** virDomainVirtType, spelled as in `<domain type=...>`. */
export type DomainVirtType =
  | 'none' | 'qemu' | 'kqemu' | 'kvm' | 'xen' | 'lxc' | 'uml' | 'openvz' | 'test' | 'vmware'
  | 'hyperv' | 'vbox' | 'phyp' | 'parallels' | 'bhyve' | 'vz' | 'hvf';

export const DOMAIN_VIRT_TYPES: readonly DomainVirtType[] = [
  'none', 'qemu', 'kqemu', 'kvm', 'xen', 'lxc', 'uml', 'openvz', 'test', 'vmware',
  'hyperv', 'vbox', 'phyp', 'parallels', 'bhyve', 'vz', 'hvf',
];

/** `<vcpu placement cpuset current>N</vcpu>`. */
export interface DomainVcpu {
  readonly count: number;
  /** static or auto; libvirt always formats it (static by default). */
  readonly placement: 'static' | 'auto' | null;
  readonly cpuset: string | null;
  readonly current: number | null;
}

/** `<os>`: the modelled parts, and the other children as written (ordered by OS_CHILD_ORDER). */
export interface DomainOsDef {
  /** hvm, linux, xen, exe, uml, xenpvh. */
  readonly type: string;
  readonly arch: string | null;
  readonly machine: string | null;
  /** `<os firmware='efi'>`. */
  readonly firmware: string | null;
  /** `<boot dev=.../>` in order: hd, cdrom, fd, network. */
  readonly bootDevs: readonly string[];
  /** lxc/exe `<init>`. */
  readonly init: string | null;
  readonly others: readonly VerbatimElement[];
}

/** `<os>` children in virDomainDefFormatInternal's order (`boot` is modelled). */
export const OS_CHILD_ORDER: readonly string[] = [
  'type', 'firmware', 'init', 'initarg', 'initenv', 'initdir', 'inituser', 'initgroup', 'loader', 'nvram',
  'varstore', 'kernel', 'initrd', 'cmdline', 'shim', 'dtb', 'root', 'acpi', 'boot', 'bootmenu', 'bios', 'smbios',
];

/** `<cpu>` (virCPUDef, guest type). */
export interface DomainCpuDef {
  readonly mode: string | null;
  readonly match: string | null;
  readonly check: string | null;
  readonly migratable: string | null;
  readonly model: { readonly name: string; readonly fallback: string | null; readonly vendorId: string | null } | null;
  readonly vendor: string | null;
  readonly features: ReadonlyArray<{ readonly policy: string | null; readonly name: string }>;
  /** topology, cache, maxphysaddr, numa ... as written. */
  readonly others: readonly VerbatimElement[];
}

/** `<seclabel>` (virSecurityLabelDef). */
export interface DomainSecLabel {
  /** dynamic, static, none. */
  readonly type: string;
  readonly model: string | null;
  readonly relabel: boolean;
  readonly label: string | null;
  readonly imagelabel: string | null;
  readonly baselabel: string | null;
}

/** A lifecycle action (`destroy`, `restart`, `preserve`, `rename-restart`, `coredump-*`). */
export type LifecycleAction = string;

/** virDomainDef: what libvirt keeps of a guest definition, in the parts hooks see. */
export interface DomainDef {
  readonly type: DomainVirtType;
  /** def->id: the running domain's id; null while inactive (libvirt's -1), which formats as inactive. */
  readonly id: number | null;
  readonly name: string;
  /** Null until completeDomainDef generates one. */
  readonly uuid: string | null;
  readonly title: string | null;
  readonly description: string | null;
  /** `<metadata>` as libvirt keeps it (namespaces sanitised, re-dumped by libxml2). */
  readonly metadata: MetadataElement | null;
  /** `<memory>` in KiB (units normalised), null until completed. */
  readonly memoryKib: number | null;
  /** `<memory dumpCore=...>`. */
  readonly memoryDumpCore: string | null;
  readonly currentMemoryKib: number | null;
  readonly vcpu: DomainVcpu | null;
  readonly os: DomainOsDef;
  /** `<features>` children as written (null when absent); ordered by the virDomainFeature enum. */
  readonly features: readonly VerbatimElement[] | null;
  readonly cpu: DomainCpuDef | null;
  readonly clock: VerbatimElement | null;
  readonly onPoweroff: LifecycleAction | null;
  readonly onReboot: LifecycleAction | null;
  readonly onCrash: LifecycleAction | null;
  readonly emulator: string | null;
  /** Devices in definition order; formatting groups them by DEVICE_FORMAT_ORDER. */
  readonly devices: readonly DomainDevice[];
  readonly seclabels: readonly DomainSecLabel[];
  /** Other top-level elements libvirt knows (memtune, cputune, pm, on_lockfailure ...), as written. */
  readonly others: readonly VerbatimElement[];
  /** Driver namespace declarations on `<domain>` (e.g. `qemu` -> its URI) and their elements. */
  readonly namespaces: ReadonlyArray<readonly [string, string]>;
  readonly extensions: readonly VerbatimElement[];
}

/** Top-level children in virDomainDefFormatInternal's order. */
export const DOMAIN_CHILD_ORDER: readonly string[] = [
  'name', 'uuid', 'hwuuid', 'genid', 'title', 'description', 'metadata', 'maxMemory', 'memory', 'currentMemory',
  'blkiotune', 'memtune', 'memoryBacking', 'vcpu', 'vcpus', 'iothreads', 'iothreadids', 'defaultiothread',
  'throttlegroups', 'cputune', 'numatune', 'resource', 'sysinfo', 'bootloader', 'bootloader_args', 'os', 'idmap',
  'features', 'cpu', 'clock', 'on_poweroff', 'on_reboot', 'on_crash', 'on_lockfailure', 'pm', 'perf', 'devices',
  'seclabel', 'keywrap', 'launchSecurity',
];

/** `<features>` children in the virDomainFeature enum order (the order libvirt formats them). */
export const FEATURE_ORDER: readonly string[] = [
  'acpi', 'apic', 'pae', 'hap', 'viridian', 'privnet', 'hyperv', 'kvm', 'pvspinlock', 'capabilities', 'pmu',
  'vmport', 'gic', 'smm', 'ioapic', 'hpt', 'vmcoreinfo', 'htm', 'nested-hv', 'msrs', 'ccf-assist', 'xen', 'cfpc',
  'sbbc', 'ibs', 'tcg', 'async-teardown', 'ras', 'ps2', 'aia', 'virtualization',
];
